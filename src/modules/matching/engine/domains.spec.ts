import fc from 'fast-check';

import { representativeValues } from './domains';
import type { FactType } from './facts';

/**
 * How a value compares with each constant: the outcome of every condition a rule can write on it.
 * Two values with the same signature are indistinguishable to the rule.
 */
function orderSignature(v: number | string, constants: readonly (number | string)[]): string {
  return constants.map((c) => (v < c ? '<' : v > c ? '>' : '=')).join('');
}

function membershipSignature(v: readonly string[], constants: readonly string[]): string {
  return constants.map((c) => (v.includes(c) ? '1' : '0')).join('');
}

function isoDay(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

describe('representativeValues', () => {
  it.each<[string, FactType, (number | string)[], unknown[]]>([
    ['both truth values of a boolean', { kind: 'boolean' }, [true as never], [true, false]],
    ['every value of an enum', { kind: 'enum', values: ['a', 'b', 'c'] }, ['b'], ['a', 'b', 'c']],
    [
      'an integer one below, at and one above each constant, ascending',
      { kind: 'integer' },
      [10, 9, 10],
      [8, 9, 10, 11],
    ],
    [
      'integers far apart in numeric (not text) order',
      { kind: 'integer' },
      [100, 20],
      [19, 20, 21, 99, 100, 101],
    ],
    [
      'an integer bounded below, the bound included',
      { kind: 'integer', min: 0 },
      [0, 5],
      [0, 1, 4, 5, 6],
    ],
    [
      'an integer bounded above, the bound included',
      { kind: 'integer', min: 1, max: 120 },
      [120],
      [1, 119, 120],
    ],
    [
      'a number outside, at and between the constants',
      { kind: 'number' },
      [4, 1],
      [0, 1, 2.5, 4, 5],
    ],
    ['a number with one constant', { kind: 'number' }, [0.5], [-0.5, 0.5, 1.5]],
    [
      'a bounded number, only values within its bounds',
      { kind: 'number', min: 0, max: 1 },
      [0.95, 0.5],
      [0, 0.5, 0.725, 0.95, 1],
    ],
    [
      'the days before, of and after each date, across a leap day',
      { kind: 'date' },
      ['2024-03-01'],
      ['2024-02-29', '2024-03-01', '2024-03-02'],
    ],
    [
      'dates across a year end, ascending and each once',
      { kind: 'date' },
      ['2025-01-01', '2024-12-31', '2025-01-01'],
      ['2024-12-30', '2024-12-31', '2025-01-01', '2025-01-02'],
    ],
  ])('should give %s', (_name, type, constants, expected) => {
    expect(representativeValues(type, constants)).toEqual(expected);
  });

  it('should give each named string once and one string no rule names', () => {
    const values = representativeValues({ kind: 'string' }, ['3601', '3602', '3601']);
    expect(values).toHaveLength(3);
    expect(values.slice(0, 2)).toEqual(['3601', '3602']);
    expect(values[2]).toEqual(expect.any(String));
    expect(['3601', '3602']).not.toContain(values[2]);
  });

  it('should give a string other than the empty string when a rule names the empty string', () => {
    const values = representativeValues({ kind: 'string' }, ['']);
    expect(values).toHaveLength(2);
    expect(values[0]).toBe('');
    expect(values[1]).toEqual(expect.any(String));
    expect(values[1]).not.toBe('');
  });

  it('should give every subset of the named values of an array fact', () => {
    const values = representativeValues({ kind: 'enumArray', values: ['a', 'b', 'c'] }, [
      'a',
      'b',
      'a',
    ]);
    expect(values).toEqual([[], ['a'], ['b'], ['a', 'b']]);
  });

  it('should give all 256 subsets of eight named values', () => {
    const named = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const values = representativeValues({ kind: 'enumArray', values: named }, named) as string[][];
    expect(values).toHaveLength(256);
    expect(new Set(values.map((v) => membershipSignature(v, named))).size).toBe(256);
  });

  it('should give none, all and each alone of more than eight named values', () => {
    const named = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const values = representativeValues({ kind: 'enumArray', values: named }, named);
    expect(values).toEqual([[], named, ...named.map((v) => [v])]);
  });

  // The promise of domains.ts: every value of the fact compares with the rule's constants like one
  // of the representative values does, and every representative value is a value the fact can take.
  it('should cover every way an integer within its bounds compares with the constants', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 4 }),
        fc.option(fc.integer({ min: -60, max: 0 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        fc.integer({ min: -70, max: 70 }),
        (constants, min, max, value) => {
          const values = representativeValues({ kind: 'integer', min, max }, constants) as number[];
          for (const r of values) {
            expect(Number.isInteger(r)).toBe(true);
            if (min !== undefined) expect(r).toBeGreaterThanOrEqual(min);
            if (max !== undefined) expect(r).toBeLessThanOrEqual(max);
          }
          fc.pre((min === undefined || value >= min) && (max === undefined || value <= max));
          const signatures = values.map((r) => orderSignature(r, constants));
          expect(signatures).toContain(orderSignature(value, constants));
        },
      ),
    );
  });

  it('should cover every way a real number within its bounds compares with the constants', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (constants, value) => {
          const values = representativeValues({ kind: 'number', min: 0, max: 1 }, constants);
          for (const r of values as number[]) {
            expect(r).toBeGreaterThanOrEqual(0);
            expect(r).toBeLessThanOrEqual(1);
          }
          const signatures = (values as number[]).map((r) => orderSignature(r, constants));
          expect(signatures).toContain(orderSignature(value, constants));
        },
      ),
    );
  });

  it('should cover every way a date compares with the constants', () => {
    const day = fc.integer({ min: 19_000, max: 19_100 }).map(isoDay);
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 4 }), day, (constants, value) => {
        const values = representativeValues({ kind: 'date' }, constants) as string[];
        for (const r of values) expect(r).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const signatures = values.map((r) => orderSignature(r, constants));
        expect(signatures).toContain(orderSignature(value, constants));
      }),
    );
  });

  it('should cover every membership pattern an array takes on the named values', () => {
    const letters = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...letters), { minLength: 1 }),
        fc.subarray(letters),
        (constants, value) => {
          const values = representativeValues(
            { kind: 'enumArray', values: letters },
            constants,
          ) as string[][];
          const signatures = values.map((r) => membershipSignature(r, constants));
          expect(signatures).toContain(membershipSignature(value, constants));
        },
      ),
    );
  });
});
