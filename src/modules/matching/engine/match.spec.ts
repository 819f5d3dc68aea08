import fc from 'fast-check';

import { compileRule } from './compile-rule';
import { compareResults, matchProducts, type MatchableProduct, type MatchResult } from './match';
import { compileLimits, type ProductLimit } from './limits';
import type { Facts, Rule } from './rule.types';
import type { ProductTerms } from './score';

const OPTS = { asOf: '2025-06-30', lpr1yBp: 300 };

const label = { zh: '条件', en: 'Condition' };
// Rules whose status on FACTS is known: eligible (employees 38 ≥ 10), ineligible, needs_info.
const RULES: Record<'eligible' | 'ineligible' | 'needs_info', Rule> = {
  eligible: { id: 'e', fact: 'employees', operator: 'greaterThanInclusive', value: 10, label },
  ineligible: { id: 'i', fact: 'employees', operator: 'lessThan', value: 10, label },
  needs_info: { id: 'n', fact: 'taxPaidLastYearYuan', operator: 'greaterThan', value: 0, label },
};
// Compiled inside each test, never at load: StrykerJS counts code run outside a test as covered by
// no test ("static") and re-runs the whole suite for each mutant in it.
const compiled = (status: keyof typeof RULES) => compileRule(RULES[status]);

/** Terms scoring exactly `score` for FACTS' need (2,000,000 yuan): 60 fixed + an amount part. */
function termsScoring(score: number): ProductTerms {
  // Term 25 + collateral 20 + cost 15 = 60; the amount cap gives the remaining points.
  const amountPoints = score - 60;
  return {
    amountMinYuan: null,
    amountMaxYuan: Math.round((amountPoints / 40) * 2_000_000),
    termMonthsMax: 120,
    rate: { basis: 'LPR_1Y', spreadMaxBp: 0 },
    collateral: 'none',
  };
}

function product(
  code: string,
  status: keyof typeof RULES,
  score = 100,
  extra: Partial<MatchableProduct> = {},
): MatchableProduct {
  return {
    code,
    version: 1,
    provisional: false,
    terms: termsScoring(score),
    compiled: compiled(status),
    ...extra,
  };
}

const FACTS: Facts = {
  employees: 38,
  financingNeed: { amountYuan: 2_000_000, termMonths: 12, collateralAvailable: false },
};

describe('matchProducts', () => {
  it('should return the docs/api.md result shape when a product matches', () => {
    const results = matchProducts(
      [product('JX-A', 'ineligible', 100, { version: 3, provisional: true })],
      FACTS,
      OPTS,
    );
    expect(results).toEqual([
      {
        productCode: 'JX-A',
        productVersion: 3,
        provisional: true,
        status: 'ineligible',
        score: 100,
        criteria: [
          {
            id: 'i',
            group: null,
            label,
            outcome: 'fail',
            detail: { zh: '当前为 38，要求 < 10', en: 'is 38; must be < 10' },
          },
        ],
        missingFacts: [],
        hints: [],
        applicableLimit: { amountMaxYuan: 2_000_000, termMonthsMax: 120, reason: null },
      },
    ]);
  });

  it('should order eligible, then needs_info, then ineligible, each by score then code', () => {
    const products = [
      product('I-LOW', 'ineligible', 70),
      product('N-B', 'needs_info', 90),
      product('E-B', 'eligible', 80),
      product('I-HIGH', 'ineligible', 95),
      product('E-A', 'eligible', 80),
      product('N-A', 'needs_info', 90),
      product('E-TOP', 'eligible', 99),
      product('N-LOW', 'needs_info', 61),
    ];
    const results = matchProducts(products, FACTS, OPTS);
    expect(results.map((r) => [r.productCode, r.status, r.score])).toEqual([
      ['E-TOP', 'eligible', 99],
      ['E-A', 'eligible', 80],
      ['E-B', 'eligible', 80],
      ['N-A', 'needs_info', 90],
      ['N-B', 'needs_info', 90],
      ['N-LOW', 'needs_info', 61],
      ['I-HIGH', 'ineligible', 95],
      ['I-LOW', 'ineligible', 70],
    ]);
    expect(results.find((r) => r.productCode === 'N-A')?.missingFacts).toEqual([
      'taxPaidLastYearYuan',
    ]);
  });

  it.each([[[1, 2]], [[2, 1]], [[1, 3, 2]]])(
    'should put the newer version first when results tie on status, score and code (input %j)',
    (versions) => {
      const results = matchProducts(
        versions.map((version) => product('JX-A', 'eligible', 90, { version })),
        FACTS,
        OPTS,
      );
      expect(results.map((r) => r.productVersion)).toEqual([...versions].sort((a, b) => b - a));
    },
  );

  it('should give the same order whatever the input order when products are shuffled', () => {
    const statuses = ['eligible', 'ineligible', 'needs_info'] as const;
    // Ties on every key but the last: status and score shared, codes shared across versions.
    const products = Array.from({ length: 12 }, (_, i) =>
      product(`P${i % 4}`, statuses[i % 2], i < 6 ? 70 : 80, { version: 1 + Math.floor(i / 4) }),
    );
    const expected = matchProducts(products, FACTS, OPTS);
    fc.assert(
      fc.property(fc.shuffledSubarray(products, { minLength: 12 }), (shuffled) => {
        expect(matchProducts(shuffled, FACTS, OPTS)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ['no window', undefined, undefined, true],
    ['null ends', null, null, true],
    ['starting on asOf', '2025-06-30', null, true],
    ['ending on asOf', null, '2025-06-30', true],
    ['starting the day after asOf', '2025-07-01', null, false],
    ['ending the day before asOf', null, '2025-06-29', false],
    ['a window around asOf', '2025-01-01', '2025-12-31', true],
    ['a window in the past', '2024-01-01', '2024-12-31', false],
  ])(
    'should include the product: %s → %p when filtering by validity',
    (_name, validFrom, validTo, included) => {
      const results = matchProducts(
        [product('JX-A', 'eligible', 100, { validFrom, validTo })],
        FACTS,
        OPTS,
      );
      expect(results.length).toBe(included ? 1 : 0);
    },
  );

  it('should score from facts.financingNeed and halve need-dependent parts when it is absent', () => {
    const p = product('JX-A', 'eligible', 80); // 20 amount points for a 2,000,000 need
    expect(matchProducts([p], FACTS, OPTS)[0].score).toBe(80);
    // No need: half of amount (20) and term (12.5), whatever the caps; 20 + 12.5 + 20 + 15.
    expect(matchProducts([p], { employees: 38 }, OPTS)[0].score).toBe(68);
    expect(matchProducts([product('JX-B', 'eligible', 70)], { employees: 38 }, OPTS)[0].score).toBe(
      68,
    );
  });

  it('should return an empty list when no product is given', () => {
    expect(matchProducts([], FACTS, OPTS)).toEqual([]);
  });

  it.each(['2025-6-30', '', '30/06/2025'])('should throw a RangeError when asOf is %p', (asOf) => {
    expect(() => matchProducts([], FACTS, { ...OPTS, asOf })).toThrow(
      new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`),
    );
  });

  // A caller bug that the date shape alone would let through: it prints as a valid day.
  it('should throw a RangeError when asOf is a String object, not a string', () => {
    const asOf = new String('2025-06-30') as unknown as string;
    expect(() => matchProducts([], FACTS, { ...OPTS, asOf })).toThrow(
      new RangeError('asOf must be YYYY-MM-DD, got 2025-06-30'),
    );
  });

  it('should throw a RangeError when the LPR is not finite', () => {
    expect(() => matchProducts([], FACTS, { ...OPTS, lpr1yBp: Number.NaN })).toThrow(
      new RangeError('lpr1yBp must be a finite number'),
    );
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', '2000000'],
  ])('should score as with no stated need when facts.financingNeed is %s', (_name, need) => {
    const p = product('JX-A', 'eligible', 80);
    // Half of amount (20) and term (12.5), then collateral 20 and cost 15, as with no need at all.
    expect(matchProducts([p], { employees: 38, financingNeed: need }, OPTS)[0].score).toBe(68);
  });

  // A conditional limit that changes only one of the two caps must still be the one scored.
  it.each<[string, Partial<ProductLimit>, number, number, number]>([
    // 2,000,000 asked of a 1,000,000 cap: 20 of 40 amount points.
    ['only the amount cap', { amountMaxYuan: 1_000_000 }, 1_000_000, 120, 80],
    // 12 months asked of a 6-month term: 12.5 of 25 term points, 87.5 rounded up.
    ['only the longest term', { termMonthsMax: 6 }, 2_000_000, 6, 88],
  ])(
    'should score with a conditional limit that changes %s',
    (_name, caps, amountMaxYuan, termMonthsMax, score) => {
      const limit: ProductLimit = {
        when: { id: 'staff', fact: 'employees', operator: 'greaterThan', value: 10, label },
        label: { zh: '限额', en: 'Limit' },
        ...caps,
      };
      const [result] = matchProducts(
        [product('JX-A', 'eligible', 100, { limits: compileLimits([limit]) })],
        FACTS,
        OPTS,
      );
      expect(result.applicableLimit).toEqual({
        amountMaxYuan,
        termMonthsMax,
        reason: { zh: '限额', en: 'Limit' },
      });
      expect(result.score).toBe(score);
    },
  );
});

describe('compareResults', () => {
  const r = (
    status: MatchResult['status'],
    score: number,
    productCode: string,
    productVersion = 1,
  ) => ({ status, score, productCode, productVersion }) as MatchResult;

  it.each([
    [
      'eligible before needs_info, whatever the scores',
      r('eligible', 10, 'B'),
      r('needs_info', 90, 'A'),
    ],
    [
      'needs_info before ineligible, whatever the scores',
      r('needs_info', 10, 'B'),
      r('ineligible', 90, 'A'),
    ],
    ['eligible before ineligible', r('eligible', 10, 'B'), r('ineligible', 90, 'A')],
    ['the higher score first within a status', r('needs_info', 81, 'B'), r('needs_info', 80, 'A')],
    ['the lower code first on a tied score', r('eligible', 80, 'A', 1), r('eligible', 80, 'B', 9)],
    [
      'the newer version first on a tied code',
      r('eligible', 80, 'A', 3),
      r('eligible', 80, 'A', 2),
    ],
  ])('should put %s, in both argument orders', (_name, first, second) => {
    expect(compareResults(first, second)).toBeLessThan(0);
    expect(compareResults(second, first)).toBeGreaterThan(0);
  });

  it('should call results equal only when status, score, code and version all tie', () => {
    expect(compareResults(r('eligible', 80, 'A', 2), r('eligible', 80, 'A', 2))).toBe(0);
    expect(compareResults(r('ineligible', 0, 'Z', 1), r('ineligible', 0, 'Z', 1))).toBe(0);
  });
});

describe('matchProducts: order of many results', () => {
  const STATUSES = ['eligible', 'ineligible', 'needs_info'] as const;
  const keyOf = (r: {
    status: string;
    score: number;
    productCode: string;
    productVersion: number;
  }) => `${r.status} ${r.score} ${r.productCode} v${r.productVersion}`;

  it('should order 1,100 products by status, score, code and newer version whatever the input order', () => {
    // More results than the first sort buffers hold, many ties on status and score.
    const products = Array.from({ length: 1100 }, (_, i) =>
      product(`P${String((i * 13) % 97).padStart(2, '0')}`, STATUSES[i % 3], 60 + ((i * 7) % 41), {
        version: 1 + (i % 5),
      }),
    );
    const results = matchProducts(products, FACTS, OPTS);
    expect(results).toHaveLength(1100);
    expect(results.map(keyOf)).toEqual([...results].sort(compareResults).map(keyOf));
    const reversed = matchProducts([...products].reverse(), FACTS, OPTS);
    expect(reversed.map(keyOf)).toEqual(results.map(keyOf));
    expect(results[0]).toMatchObject({ status: 'eligible', score: 100 });
    expect(results[1099]).toMatchObject({ status: 'ineligible', score: 60 });
  });

  it('should order a long run of results tied on status and score by code, then newer version', () => {
    const products = Array.from({ length: 40 }, (_, i) =>
      product(`C${String(i % 20).padStart(2, '0')}`, 'needs_info', 75, {
        version: 1 + Math.floor(i / 20),
      }),
    );
    const expected = Array.from({ length: 20 }, (_, c) =>
      [2, 1].map((v) => `C${String(c).padStart(2, '0')} v${v}`),
    ).flat();
    for (const input of [products, [...products].reverse()]) {
      const results = matchProducts(input, FACTS, OPTS);
      expect(results.map((r) => `${r.productCode} v${r.productVersion}`)).toEqual(expected);
    }
  });

  it('should order a long run of ties that starts after other results', () => {
    // The run past the insertion-sort limit sits after an eligible result: only it is re-sorted.
    const ties = Array.from({ length: 40 }, (_, i) =>
      product(`C${String(i % 20).padStart(2, '0')}`, 'ineligible', 75, {
        version: 1 + Math.floor(i / 20),
      }),
    );
    const first = product('Z-FIRST', 'eligible', 61);
    const expected = [
      'Z-FIRST v1',
      ...Array.from({ length: 20 }, (_, c) =>
        [2, 1].map((v) => `C${String(c).padStart(2, '0')} v${v}`),
      ).flat(),
    ];
    for (const input of [[...ties, first], [first, ...ties].reverse()]) {
      const results = matchProducts(input, FACTS, OPTS);
      expect(results.map((r) => `${r.productCode} v${r.productVersion}`)).toEqual(expected);
    }
  });

  it('should keep an ineligible product scoring 0, the last place of the order, in every input order', () => {
    // Nothing fits a 2,000,000 / 12-month need without collateral (score formula, score.ts): no
    // amount (cap 0), no term (0 months), collateral it cannot offer, a rate 700 bp above the LPR.
    const worst: ProductTerms = {
      amountMinYuan: null,
      amountMaxYuan: 0,
      termMonthsMax: 0,
      rate: { basis: 'FIXED', fixedBp: 1_000 },
      collateral: 'collateral',
    };
    const products = [
      product('ZERO', 'ineligible', 100, { terms: worst }),
      product('TOP', 'eligible', 100),
      product('LOW', 'ineligible', 61),
    ];
    for (const input of [0, 1, 2].flatMap((a) =>
      [0, 1, 2].flatMap((b) => (a === b ? [] : [[a, b, 3 - a - b]])),
    )) {
      const results = matchProducts(
        input.map((i) => products[i]),
        FACTS,
        OPTS,
      );
      expect(results.map((r) => [r.productCode, r.status, r.score])).toEqual([
        ['TOP', 'eligible', 100],
        ['LOW', 'ineligible', 61],
        ['ZERO', 'ineligible', 0],
      ]);
    }
  });

  it('should leave the result after a long run of ties in its place', () => {
    // 40 needs_info results tied on status and score (past the insertion-sort limit), then one
    // ineligible result: sorting the run must not write past its end.
    const ties = Array.from({ length: 40 }, (_, i) =>
      product(`C${String(i).padStart(2, '0')}`, 'needs_info', 75),
    );
    const last = product('Z-LAST', 'ineligible', 61);
    for (const input of [
      [...ties, last],
      [last, ...[...ties].reverse()],
    ]) {
      const results = matchProducts(input, FACTS, OPTS);
      expect(results.map((r) => r.productCode)).toEqual([
        ...Array.from({ length: 40 }, (_, i) => `C${String(i).padStart(2, '0')}`),
        'Z-LAST',
      ]);
    }
  });

  it('should keep the input order of results that tie on every key', () => {
    // One product version given twice (provisional or not): nothing orders them but the input.
    const a = product('A', 'eligible', 90, { provisional: false });
    const b = product('A', 'eligible', 90, { provisional: true });
    for (const input of [
      [a, b],
      [b, a],
    ]) {
      const results = matchProducts(input, FACTS, OPTS);
      expect(results.map((r) => r.provisional)).toEqual(input.map((p) => p.provisional));
    }
  });

  it('should order a short run of ties the same way', () => {
    const products = ['B', 'A', 'C', 'A'].map((code, i) =>
      product(code, 'eligible', 90, { version: i + 1 }),
    );
    const results = matchProducts(products, FACTS, OPTS);
    expect(results.map((r) => `${r.productCode} v${r.productVersion}`)).toEqual([
      'A v4',
      'A v2',
      'B v1',
      'C v3',
    ]);
  });
});
