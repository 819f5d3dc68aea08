import fc from 'fast-check';
import { Issue } from '../errors/domain-error';
import { jsonInputProblems, MAX_JSON_DEPTH } from './validation';

/**
 * The walk as first written: iterative, a path string and a stack entry for every value. The
 * current walk spells a path only for a problem; it must find the same problems in the same order.
 */
function referenceWalk(value: unknown, root = ''): Issue[] {
  const unstorable =
    // eslint-disable-next-line no-control-regex -- U+0000 is exactly what is looked for
    /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const out: Issue[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
  while (stack.length && out.length < 10) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorable.test(v))
        out.push({
          path: path || '(body)',
          code: 'invalid_character',
          message: 'strings must not contain U+0000 or unpaired surrogates',
        });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      out.push({
        path: path || '(body)',
        code: 'too_deep',
        message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
      });
      continue;
    }
    if (Array.isArray(v)) {
      v.forEach((c, i) => stack.push({ v: c, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [k, c] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (['constructor', '__proto__', 'prototype'].includes(k))
        out.push({ path: p, code: 'unknown_property', message: `property ${p} is not allowed` });
      if (unstorable.test(k))
        out.push({
          path: p,
          code: 'invalid_character',
          message: 'keys must not contain U+0000 or unpaired surrogates',
        });
      stack.push({ v: c, path: p, depth: depth + 1 });
    }
  }
  return out;
}

/** Nests `inner` in `levels` arrays and objects, alternating. */
function nest(levels: number, inner: unknown): unknown {
  let v = inner;
  for (let i = 0; i < levels; i++) v = i % 2 === 0 ? [v] : { k: v };
  return v;
}

/** Strings that are sometimes unstorable: a NUL, a lone high or low surrogate, or a fine pair. */
const sometimesBad = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('a\u0000b', '\uD800', 'x\uDC00', '\uD83D\uDE00', 'prototype', '__proto__'),
);

/** JSON as JSON.parse makes it, keys and strings sometimes unstorable or inherited names. */
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    sometimesBad,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc
      .array(fc.tuple(sometimesBad, tie('value')), { maxLength: 5 })
      // JSON.parse makes "__proto__" an own key; so does defineProperty.
      .map((entries) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of entries)
          Object.defineProperty(o, k, {
            value: v,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        return o;
      }),
  ),
})).value;

describe('jsonInputProblems', () => {
  it('should find the same problems in the same order as the first walk, for any JSON', () => {
    fc.assert(
      fc.property(jsonish, fc.constantFrom('', 'query'), (value, root) => {
        expect(jsonInputProblems(value, root)).toEqual(referenceWalk(value, root));
      }),
      { numRuns: 500 },
    );
  });

  it('should find nothing in ordinary JSON', () => {
    const body = {
      name: '江西某科技有限公司',
      staff: 38,
      tags: ['a', 'b'],
      nested: { ok: [1, { x: null }] },
    };
    expect(jsonInputProblems(body)).toEqual([]);
    expect(jsonInputProblems('plain')).toEqual([]);
    expect(jsonInputProblems(null)).toEqual([]);
  });

  it('should name the path of a string with U+0000 or a lone surrogate, a paired one being fine', () => {
    expect(jsonInputProblems({ a: { b: ['ok', 'x', 'bad\u0000'] } })).toEqual([
      {
        path: 'a.b[2]',
        code: 'invalid_character',
        message: 'strings must not contain U+0000 or unpaired surrogates',
      },
    ]);
    expect(jsonInputProblems({ a: '\uD83D\uDE00' })).toEqual([]);
    expect(jsonInputProblems(['\uDC00'], 'items').map((i) => i.path)).toEqual(['items[0]']);
    expect(jsonInputProblems('\uD800').map((i) => i.path)).toEqual(['(body)']);
  });

  it('should refuse keys that are inherited names or unstorable, with their path', () => {
    const body = JSON.parse('{"profile":{"__proto__":{"x":1},"ok\\u0000":2}}') as unknown;
    expect(jsonInputProblems(body)).toEqual([
      {
        path: 'profile.__proto__',
        code: 'unknown_property',
        message: 'property profile.__proto__ is not allowed',
      },
      {
        path: 'profile.ok\u0000',
        code: 'invalid_character',
        message: 'keys must not contain U+0000 or unpaired surrogates',
      },
    ]);
    expect(jsonInputProblems({ constructor: 1 }, 'q').map((i) => i.path)).toEqual([
      'q.constructor',
    ]);
  });

  it('should accept nesting to MAX_JSON_DEPTH and refuse one level more, at the deepest path', () => {
    expect(jsonInputProblems(nest(MAX_JSON_DEPTH, 'x'))).toEqual([]);
    const problems = jsonInputProblems(nest(MAX_JSON_DEPTH + 1, 'x'));
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('too_deep');
    expect(problems[0].path.split('[0]').length - 1 + problems[0].path.split('.k').length - 1).toBe(
      MAX_JSON_DEPTH,
    );
  });

  it('should stop descending at the limit, so a very deep body costs no more than the limit', () => {
    expect(jsonInputProblems(nest(100_000, 'x')).map((i) => i.code)).toEqual(['too_deep']);
  });

  it('should report at most ten problems of values, the last members first', () => {
    const problems = jsonInputProblems(Array.from({ length: 20 }, () => '\u0000'));
    expect(problems.map((i) => i.path)).toEqual(
      Array.from({ length: 10 }, (_, i) => `[${19 - i}]`),
    );
  });
});
