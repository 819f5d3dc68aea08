import fc from 'fast-check';

import {
  SCORE_FORMULA_DOC,
  SCORE_WEIGHTS,
  scoreFit,
  type FinancingNeed,
  type ProductTerms,
} from './score';

const LPR = 300;

/** Full marks on every component unless overridden: wide known caps, no collateral, cost at the LPR. */
const PERFECT: ProductTerms = {
  amountMinYuan: null,
  amountMaxYuan: 100_000_000,
  termMonthsMax: 120,
  rate: { basis: 'LPR_1Y', spreadMaxBp: 0 },
  collateral: 'none',
};

const NEED: FinancingNeed = {
  amountYuan: 2_000_000,
  termMonths: 12,
  purpose: 'working_capital',
  collateralAvailable: false,
};

type Row = [string, Partial<ProductTerms>, Partial<FinancingNeed>, number];

const rows: Row[] = [
  ['full marks with wide known limits', {}, NEED, 100],
  ['half of amount and term with no need at all', {}, {}, 68],
  ['half the amount points when the cap is unknown', { amountMaxYuan: null }, NEED, 80],
  ['half the term points when the longest term is unknown', { termMonthsMax: null }, NEED, 88],
  [
    'below the minimum with an unknown cap scores the lower of the two',
    { amountMinYuan: 8_000_000, amountMaxYuan: null },
    NEED,
    70,
  ],
  // amount (40)
  ['amount within range', { amountMinYuan: 100_000, amountMaxYuan: 5_000_000 }, NEED, 100],
  ['amount exactly at max', { amountMaxYuan: 2_000_000 }, NEED, 100],
  ['amount exactly at min', { amountMinYuan: 2_000_000 }, NEED, 100],
  ['amount twice the max', { amountMaxYuan: 1_000_000 }, NEED, 80],
  ['amount four times the max', { amountMaxYuan: 500_000 }, NEED, 70],
  ['amount half the min', { amountMinYuan: 4_000_000 }, NEED, 80],
  [
    'amount missing with a max',
    { amountMaxYuan: 1_000_000 },
    { ...NEED, amountYuan: undefined },
    80,
  ],
  ['amount zero treated as missing', { amountMaxYuan: 1_000_000 }, { ...NEED, amountYuan: 0 }, 80],
  [
    'amount a string treated as missing',
    { amountMinYuan: 1 },
    { ...NEED, amountYuan: '5' as never },
    80,
  ],
  ['amount missing with a wide cap', {}, { ...NEED, amountYuan: undefined }, 80],
  // term (25)
  ['term within max', { termMonthsMax: 36 }, NEED, 100],
  ['term exactly at max', { termMonthsMax: 12 }, NEED, 100],
  ['term above max (18.75 points)', { termMonthsMax: 9 }, NEED, 94],
  ['term twice the max (12.5 points, half rounds up)', { termMonthsMax: 6 }, NEED, 88],
  ['term missing with a max', { termMonthsMax: 36 }, { ...NEED, termMonths: undefined }, 88],
  // collateral (20)
  [
    'no collateral required',
    { collateral: 'none' },
    { ...NEED, collateralAvailable: undefined },
    100,
  ],
  ['a guarantee required', { collateral: 'guarantee' }, NEED, 95],
  [
    'collateral required and available',
    { collateral: 'collateral' },
    { ...NEED, collateralAvailable: true },
    100,
  ],
  ['collateral required and not available', { collateral: 'collateral' }, NEED, 80],
  [
    'collateral required and unknown',
    { collateral: 'collateral' },
    { ...NEED, collateralAvailable: undefined },
    90,
  ],
  [
    'collateral or guarantee, available',
    { collateral: 'any' },
    { ...NEED, collateralAvailable: true },
    100,
  ],
  ['collateral or guarantee, not available', { collateral: 'any' }, NEED, 92],
  [
    'collateral or guarantee, unknown',
    { collateral: 'any' },
    { ...NEED, collateralAvailable: undefined },
    90,
  ],
  // cost (15)
  ['cost below the LPR', { rate: { basis: 'LPR_1Y', spreadMaxBp: -30 } }, NEED, 100],
  ['cost halfway (7.5 points)', { rate: { basis: 'LPR_1Y', spreadMaxBp: 350 } }, NEED, 93],
  ['cost at LPR + 700', { rate: { basis: 'LPR_1Y', spreadMaxBp: 700 } }, NEED, 85],
  ['cost above LPR + 700', { rate: { basis: 'LPR_1Y', spreadMaxBp: 1200 } }, NEED, 85],
  [
    'cost with a guarantee fee',
    { rate: { basis: 'LPR_1Y', spreadMaxBp: 100 }, guaranteeFeeMaxBp: 100 },
    NEED,
    96,
  ],
  [
    'cost unknown: LPR without spread',
    { rate: { basis: 'LPR_1Y' }, guaranteeFeeMaxBp: 100 },
    NEED,
    93,
  ],
  ['cost fixed at the LPR', { rate: { basis: 'FIXED', fixedBp: 300 } }, NEED, 100],
  ['cost fixed 350 above', { rate: { basis: 'FIXED', fixedBp: 650 } }, NEED, 93],
  ['cost unknown: fixed without rate', { rate: { basis: 'FIXED', spreadMaxBp: 0 } }, NEED, 93],
  // all together: 20 + 18.75 + 12 + 12.857 = 63.6
  [
    'a product that fits poorly on every component',
    {
      amountMaxYuan: 1_000_000,
      termMonthsMax: 9,
      collateral: 'any',
      rate: { basis: 'LPR_1Y', spreadMaxBp: 100 },
    },
    NEED,
    64,
  ],
];

describe('scoreFit', () => {
  it.each(rows.map(([name, terms, need, expected]) => [name, expected, terms, need] as const))(
    'should score %s as %i when matched with the need',
    (_name, expected, terms, need) => {
      expect(scoreFit({ ...PERFECT, ...terms }, need, { lpr1yBp: LPR })).toBe(expected);
    },
  );

  // The rows above start from a perfect product, so a component that scores too much is hidden by
  // the cap at 100. Here collateral scores 0 and, unless a row says otherwise, cost scores 0 too:
  // each component is seen alone, far below the cap.
  const POOR: ProductTerms = {
    ...PERFECT,
    rate: { basis: 'FIXED', fixedBp: LPR + 700 },
    collateral: 'collateral',
  };
  const HALF_NEED = { ...NEED, amountYuan: undefined, termMonths: undefined };
  it.each([
    ['amount and term within the limits (40 + 25)', {}, NEED, 65],
    ['amount exactly at max', { amountMaxYuan: 2_000_000 }, NEED, 65],
    ['amount exactly at min', { amountMinYuan: 2_000_000 }, NEED, 65],
    ['amount twice the max (20 + 25)', { amountMaxYuan: 1_000_000 }, NEED, 45],
    ['amount half the min (20 + 25)', { amountMinYuan: 4_000_000 }, NEED, 45],
    ['an unknown cap (20 + 25)', { amountMaxYuan: null }, NEED, 45],
    ['term exactly at max', { termMonthsMax: 12 }, NEED, 65],
    ['term above max (40 + 18.75)', { termMonthsMax: 9 }, NEED, 59],
    ['an unknown longest term (40 + 12.5)', { termMonthsMax: null }, NEED, 53],
    ['no amount or term (20 + 12.5)', {}, HALF_NEED, 33],
    ['cost at the LPR (32.5 + 15)', { rate: { basis: 'LPR_1Y', spreadMaxBp: 0 } }, HALF_NEED, 48],
    ['cost below the LPR', { rate: { basis: 'FIXED', fixedBp: LPR - 100 } }, HALF_NEED, 48],
    [
      'cost 350 bp above the LPR (+ 7.5)',
      { rate: { basis: 'LPR_1Y', spreadMaxBp: 350 } },
      HALF_NEED,
      40,
    ],
    [
      'a guarantee fee on top of the rate (+ 7.5)',
      { rate: { basis: 'LPR_1Y', spreadMaxBp: 150 }, guaranteeFeeMaxBp: 200 },
      HALF_NEED,
      40,
    ],
    ['cost 699 bp above the LPR', { rate: { basis: 'FIXED', fixedBp: LPR + 699 } }, HALF_NEED, 33],
    ['an unknown cost (+ 8)', { rate: { basis: 'LPR_1Y' } }, HALF_NEED, 41],
  ] as const)(
    'should score %s when the product is otherwise poor',
    (_name, terms, need, expected) => {
      expect(scoreFit({ ...POOR, ...terms }, need, { lpr1yBp: LPR })).toBe(expected);
    },
  );

  it('should move the cost component with the LPR when the rate is fixed', () => {
    const fixed: ProductTerms = { ...PERFECT, rate: { basis: 'FIXED', fixedBp: 650 } };
    expect(scoreFit(fixed, NEED, { lpr1yBp: 650 })).toBe(100);
    expect(scoreFit(fixed, NEED, { lpr1yBp: 300 })).toBe(93);
  });

  it('should throw a RangeError when the LPR is not a finite number', () => {
    expect(() => scoreFit(PERFECT, NEED, { lpr1yBp: Number.NaN })).toThrow(
      new RangeError('lpr1yBp must be a finite number'),
    );
    expect(() => scoreFit(PERFECT, NEED, { lpr1yBp: Infinity })).toThrow(RangeError);
  });

  // Values no validated product or profile holds, but the score must still be a number 0–100 that
  // does not reward them: each row again starts from the otherwise poor product (collateral and cost
  // 0), so that a component scoring too much or too little shows.
  it.each<[string, Partial<ProductTerms>, Partial<FinancingNeed>, number]>([
    ['an infinite amount as no amount (20 + 25)', {}, { ...NEED, amountYuan: Infinity }, 45],
    ['a NaN amount as no amount (20 + 25)', {}, { ...NEED, amountYuan: Number.NaN }, 45],
    ['an infinite term as no term (40 + 12.5)', {}, { ...NEED, termMonths: Infinity }, 53],
    ['a negative term as no term (40 + 12.5)', {}, { ...NEED, termMonths: -12 }, 53],
    ['a zero cap as no amount points (0 + 25)', { amountMaxYuan: 0 }, NEED, 25],
    ['a negative cap as no amount points (0 + 25)', { amountMaxYuan: -1_000_000 }, NEED, 25],
    ['a negative longest term as no term points (40 + 0)', { termMonthsMax: -6 }, NEED, 40],
    // The need lies within [min, max] whenever min ≤ 0: full amount points, never a negative share.
    ['a zero minimum as no lower bound (40 + 25)', { amountMinYuan: 0 }, NEED, 65],
    ['a negative minimum as no lower bound (40 + 25)', { amountMinYuan: -1_000_000 }, NEED, 65],
    [
      'a negative minimum with an unknown cap (20 + 25)',
      { amountMinYuan: -1_000_000, amountMaxYuan: null },
      NEED,
      45,
    ],
    [
      'a non-finite spread as an unknown cost (40 + 25 + 8)',
      { rate: { basis: 'LPR_1Y', spreadMaxBp: Infinity } },
      NEED,
      73,
    ],
    [
      'a NaN fixed rate as an unknown cost (40 + 25 + 8)',
      { rate: { basis: 'FIXED', fixedBp: Number.NaN } },
      NEED,
      73,
    ],
    ['a NaN longest term as 0, never NaN', { termMonthsMax: Number.NaN }, NEED, 0],
  ])('should score %s', (_name, terms, need, expected) => {
    const poor: ProductTerms = {
      ...PERFECT,
      rate: { basis: 'FIXED', fixedBp: LPR + 700 },
      collateral: 'collateral',
    };
    expect(scoreFit({ ...poor, ...terms }, need, { lpr1yBp: LPR })).toBe(expected);
  });

  it('should return an integer from 0 to 100 when given arbitrary terms and needs', () => {
    const limit = fc.option(fc.integer({ min: 0, max: 1e10 }), { nil: null });
    const terms: fc.Arbitrary<ProductTerms> = fc.record(
      {
        amountMinYuan: limit,
        amountMaxYuan: limit,
        termMonthsMax: fc.option(fc.integer({ min: 0, max: 360 }), { nil: null }),
        rate: fc.record(
          {
            basis: fc.constantFrom('LPR_1Y' as const, 'FIXED' as const),
            spreadMaxBp: fc.integer({ min: -500, max: 3000 }),
            fixedBp: fc.integer({ min: 0, max: 3000 }),
          },
          { requiredKeys: ['basis'] },
        ),
        collateral: fc.constantFrom(
          'none' as const,
          'guarantee' as const,
          'collateral' as const,
          'any' as const,
        ),
        guaranteeFeeMaxBp: fc.integer({ min: 0, max: 500 }),
      },
      { requiredKeys: ['amountMinYuan', 'amountMaxYuan', 'termMonthsMax', 'rate', 'collateral'] },
    );
    const need: fc.Arbitrary<Partial<FinancingNeed>> = fc.record(
      {
        amountYuan: fc.integer({ min: -5, max: 1e10 }),
        termMonths: fc.integer({ min: -1, max: 240 }),
        collateralAvailable: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(terms, need, fc.integer({ min: 0, max: 1000 }), (t, n, lpr) => {
        const score = scoreFit(t, n, { lpr1yBp: lpr });
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 1000 },
    );
  });

  it('should never rank an unknown cap above a known cap that fits the need', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 120 }),
        (amountYuan, termMonths, spareAmount, spareTerm) => {
          const need = { ...NEED, amountYuan, termMonths };
          const known = scoreFit(
            {
              ...PERFECT,
              amountMaxYuan: amountYuan + spareAmount,
              termMonthsMax: termMonths + spareTerm,
            },
            need,
            { lpr1yBp: LPR },
          );
          const unknownAmount = scoreFit({ ...PERFECT, amountMaxYuan: null }, need, {
            lpr1yBp: LPR,
          });
          const unknownTerm = scoreFit({ ...PERFECT, termMonthsMax: null }, need, {
            lpr1yBp: LPR,
          });
          expect(unknownAmount).toBeLessThan(known);
          expect(unknownTerm).toBeLessThan(known);
        },
      ),
    );
  });

  it('should document weights that sum to 100 when the formula is quoted', () => {
    const { amount, term, collateral, cost } = SCORE_WEIGHTS;
    expect(amount + term + collateral + cost).toBe(100);
    for (const [name, weight] of Object.entries(SCORE_WEIGHTS)) {
      expect(SCORE_FORMULA_DOC).toMatch(new RegExp(`\\| ${name} \\| ${weight} \\|`));
    }
  });
});
