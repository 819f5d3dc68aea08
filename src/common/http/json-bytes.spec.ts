import fc from 'fast-check';
import { jsonBytes } from './json-bytes';

/** Freezes some of the objects and arrays in `v` (those `pick` says), deepest first. */
function freezeSome(v: unknown, pick: () => boolean): unknown {
  if (typeof v !== 'object' || v === null) return v;
  for (const x of Object.values(v)) freezeSome(x, pick);
  if (pick()) Object.freeze(v);
  return v;
}

const expected = (v: unknown) => {
  const text = JSON.stringify(v) as string | undefined;
  return text === undefined ? undefined : Buffer.from(text);
};

describe('jsonBytes', () => {
  it('should give the bytes of JSON.stringify for any value, frozen in parts or not', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withDate: true, withBoxedValues: true }),
        fc.infiniteStream(fc.boolean()),
        (value, coins) => {
          expect(jsonBytes(value)).toEqual(expected(value));
          freezeSome(value, () => coins.next().value as boolean);
          // Twice: once filling the cache, once reading it.
          expect(jsonBytes(value)).toEqual(expected(value));
          expect(jsonBytes(value)).toEqual(expected(value));
        },
      ),
    );
  });

  it.each([
    [
      'undefined, functions and symbols in an object',
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 },
    ],
    ['undefined, functions and symbols in an array', [undefined, () => 1, Symbol('s'), 1]],
    ['numbers that are not finite', [NaN, Infinity, -Infinity, -0]],
    ['a toJSON that gives undefined', { a: { toJSON: () => undefined }, b: 2 }],
    [
      'a date and a class instance',
      {
        at: new Date(0),
        dto: new (class {
          x = 1;
        })(),
      },
    ],
    ['lone surrogates and characters JSON escapes', ['\ud800', '"\\\n\u0001', '中文 ≥ 10%']],
    [
      'a frozen object with a getter',
      Object.freeze({
        get now() {
          return 1;
        },
      }),
    ],
    ['a frozen object under an unfrozen one', { a: Object.freeze({ b: Object.freeze(['x']) }) }],
  ])('should write %s as JSON.stringify does', (_what, value) => {
    expect(jsonBytes(value)).toEqual(expected(value));
    expect(jsonBytes(value)).toEqual(expected(value));
  });

  it('should write strings and keys as JSON.stringify does past the bound of its string cache', () => {
    // More distinct short strings than the cache keeps, as keys and values, and long ones it skips.
    const value = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`k${i}"`, [`v${i}\n`, 'x'.repeat(i % 130)]]),
    );
    expect(jsonBytes(value)).toEqual(expected(value));
    expect(jsonBytes(value)).toEqual(expected(value));
  });

  it('should give undefined where JSON.stringify does', () => {
    expect(jsonBytes(undefined)).toBeUndefined();
    expect(jsonBytes(() => 1)).toBeUndefined();
  });

  it('should throw on a cycle and on a bigint, as JSON.stringify does', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => jsonBytes(cycle)).toThrow(TypeError);
    expect(() => jsonBytes({ n: 1n })).toThrow(TypeError);
  });

  it('should not reuse the bytes of a frozen object whose inner parts can still change', () => {
    const inner = { n: 1 };
    const outer = Object.freeze({ inner });
    expect(jsonBytes(outer)?.toString()).toBe('{"inner":{"n":1}}');
    inner.n = 2;
    expect(jsonBytes(outer)?.toString()).toBe('{"inner":{"n":2}}');
  });
});
