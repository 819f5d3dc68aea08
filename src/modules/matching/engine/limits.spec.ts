import { compileRule } from './compile-rule';
import { applicableLimit, compileLimits, validateLimits, type ProductLimit } from './limits';
import { matchProducts, type MatchableProduct } from './match';
import { resolveFacts } from './resolve-facts';
import type { Facts } from './rule.types';

const label = (zh: string, en: string) => ({ zh, en });
const MODEL_WORKER: ProductLimit = {
  when: {
    id: 'model_worker',
    fact: 'founder.categories',
    operator: 'contains',
    value: 'model_worker',
    label: label('劳动模范', 'Model worker'),
  },
  amountMaxYuan: 200_000,
  label: label('劳动模范可贷 20 万元', 'Model workers may borrow 200,000 yuan'),
};
const PARTNERS: ProductLimit = {
  when: {
    id: 'partners',
    fact: 'founder.partners',
    operator: 'greaterThanInclusive',
    value: 3,
    label: label('3 人以上合伙创业', 'Three or more partners'),
  },
  amountMaxYuan: 600_000,
  termMonthsMax: 36,
  label: label('合伙创业可贷 60 万元', 'Partnerships may borrow 600,000 yuan'),
};
const OWN = { amountMaxYuan: 100_000, termMonthsMax: 24 };
// Compiled inside each test, never at load: StrykerJS counts code run outside a test as covered by
// no test ("static") and re-runs the whole suite for each mutant in it.
const limits = () => compileLimits([MODEL_WORKER, PARTNERS]);

describe('applicableLimit', () => {
  it.each<[string, Facts, number, number, string | null]>([
    [
      'the first entry that holds',
      { founder: { categories: ['model_worker'], partners: 5 } },
      200_000,
      24,
      'Model workers may borrow 200,000 yuan',
    ],
    [
      'a later entry, taking its own term',
      { founder: { categories: [], partners: 3 } },
      600_000,
      36,
      'Partnerships may borrow 600,000 yuan',
    ],
    [
      'the product’s own when none holds',
      { founder: { categories: [], partners: 1 } },
      100_000,
      24,
      null,
    ],
  ])('should apply %s', (_why, facts, amount, term, reason) => {
    const limit = applicableLimit(OWN, limits(), resolveFacts(facts));
    expect(limit).toEqual({
      amountMaxYuan: amount,
      termMonthsMax: term,
      reason: reason === null ? null : expect.objectContaining({ en: reason }),
    });
  });

  it('should skip an entry still open and name the fact that would decide it', () => {
    const limit = applicableLimit(OWN, limits(), resolveFacts({ founder: { partners: 1 } }));
    expect(limit.amountMaxYuan).toBe(100_000);
    expect(limit.reason?.zh).toContain('创业者类别');
    expect(limit.reason?.en).toContain('Founder categories');
    expect(limit.reason?.en).toContain('Model workers may borrow 200,000 yuan');
  });

  it('should take the product’s own limits with no reason when there are no entries', () => {
    expect(applicableLimit(OWN, [], resolveFacts({}))).toEqual({ ...OWN, reason: null });
  });

  it('should follow the product’s own caps when its terms object is changed in place', () => {
    const own = { amountMaxYuan: 100_000, termMonthsMax: 24 };
    const facts = resolveFacts({});
    expect(applicableLimit(own, undefined, facts)).toEqual({ ...own, reason: null });
    own.amountMaxYuan = 50_000;
    expect(applicableLimit(own, undefined, facts)).toEqual({
      amountMaxYuan: 50_000,
      termMonthsMax: 24,
      reason: null,
    });
    own.termMonthsMax = 12;
    expect(applicableLimit(own, [], facts)).toEqual({
      amountMaxYuan: 50_000,
      termMonthsMax: 12,
      reason: null,
    });
    // Unchanged terms give the same answer again.
    expect(applicableLimit(own, [], facts)).toEqual({ ...own, reason: null });
    expect(applicableLimit({ amountMaxYuan: null, termMonthsMax: null }, [], facts)).toEqual({
      amountMaxYuan: null,
      termMonthsMax: null,
      reason: null,
    });
  });

  it('should score with the applicable cap when matching', () => {
    const product = (limits: ProductLimit[]): MatchableProduct => ({
      code: 'GANGONGDAI',
      version: 1,
      provisional: false,
      compiled: compileRule(MODEL_WORKER.when),
      limits: compileLimits(limits),
      terms: {
        amountMinYuan: null,
        ...OWN,
        rate: { basis: 'LPR_1Y', spreadMaxBp: 0 },
        collateral: 'none',
      },
    });
    const facts = {
      founder: { categories: ['model_worker'] },
      financingNeed: { amountYuan: 200_000, termMonths: 12, collateralAvailable: false },
    };
    const opts = { asOf: '2026-01-01', lpr1yBp: 300 };
    const [without] = matchProducts([product([])], facts, opts);
    const [withLimit] = matchProducts([product([MODEL_WORKER])], facts, opts);
    expect(without.score).toBe(80); // 200,000 asked of a 100,000 cap: 20 of 40 amount points
    expect(withLimit.score).toBe(100);
    expect(withLimit.applicableLimit.amountMaxYuan).toBe(200_000);
  });
});

describe('validateLimits', () => {
  it('should accept well-formed limits and no limits', () => {
    expect(validateLimits([MODEL_WORKER, PARTNERS])).toEqual([]);
    expect(validateLimits(undefined)).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ['not an array', { when: MODEL_WORKER.when }, 'limits', 'rule_invalid_shape'],
    [
      'an unknown fact in when',
      [{ ...MODEL_WORKER, when: { ...MODEL_WORKER.when, fact: 'shoeSize' } }],
      'limits[0].when.fact',
      'rule_unknown_fact',
    ],
    [
      'a fractional cap',
      [{ ...MODEL_WORKER, amountMaxYuan: 1.5 }],
      'limits[0].amountMaxYuan',
      'rule_invalid_value',
    ],
    [
      'a zero term',
      [{ ...PARTNERS, termMonthsMax: 0 }],
      'limits[0].termMonthsMax',
      'rule_invalid_value',
    ],
    [
      'no cap at all',
      [{ when: MODEL_WORKER.when, label: MODEL_WORKER.label }],
      'limits[0]',
      'rule_invalid_shape',
    ],
    [
      'no label',
      [{ when: MODEL_WORKER.when, amountMaxYuan: 1 }],
      'limits[0].label',
      'rule_invalid_shape',
    ],
    [
      'an unknown property',
      [{ ...PARTNERS, rateBp: 10 }],
      'limits[0].rateBp',
      'rule_invalid_shape',
    ],
    [
      'a missing when',
      [{ amountMaxYuan: 1, label: MODEL_WORKER.label }],
      'limits[0].when',
      'rule_invalid_shape',
    ],
    ['an entry that is not an object', [null], 'limits[0]', 'rule_invalid_shape'],
  ])('should report %s with its path', (_why, limits, path, code) => {
    expect(validateLimits(limits)).toEqual(
      expect.arrayContaining([expect.objectContaining({ path, code })]),
    );
  });
});

describe('applicableLimit: open entries and own limits', () => {
  const opens = (facts: Facts) => applicableLimit(OWN, limits(), resolveFacts(facts));

  it('should say in both languages which facts would decide the first open entry', () => {
    // Categories and partners both unknown: the first entry (model workers) is the open one named.
    expect(opens({ founder: {} }).reason).toEqual({
      zh: '按产品基本额度；提供「创业者类别」后可判断是否适用：劳动模范可贷 20 万元',
      en: "The product's own limits; answer “Founder categories” to see whether this applies: Model workers may borrow 200,000 yuan",
    });
  });

  it('should name every fact an open entry waits for, joined the way each language lists', () => {
    const both: ProductLimit = {
      when: { all: [MODEL_WORKER.when, PARTNERS.when] },
      amountMaxYuan: 300_000,
      label: label('劳模合伙', 'Model-worker partnerships'),
    };
    const limit = applicableLimit(OWN, compileLimits([both]), resolveFacts({}));
    expect(limit.reason?.zh).toContain('提供「创业者类别」、「合伙创业人数」后');
    expect(limit.reason?.en).toContain(
      'answer “Founder categories”, “Partners starting the business together” to see',
    );
  });

  it('should keep a product’s only known cap when it has no conditional limits', () => {
    const ownAmount = { amountMaxYuan: 100_000, termMonthsMax: null };
    expect(applicableLimit(ownAmount, [], resolveFacts({}))).toEqual({
      ...ownAmount,
      reason: null,
    });
    expect(applicableLimit(ownAmount, undefined, resolveFacts({}))).toEqual({
      ...ownAmount,
      reason: null,
    });
    const ownTerm = { amountMaxYuan: null, termMonthsMax: 12 };
    expect(applicableLimit(ownTerm, [], resolveFacts({}))).toEqual({ ...ownTerm, reason: null });
    const none = { amountMaxYuan: null, termMonthsMax: null };
    expect(applicableLimit(none, [], resolveFacts({}))).toEqual({ ...none, reason: null });
  });
});

describe('validateLimits: values and messages', () => {
  const messages = (limits: unknown, opts?: { allowBlankText?: boolean }) =>
    validateLimits(limits, 'limits', opts).map((i) => [i.path, i.message]);

  it.each<[string, unknown, [string, string][]]>([
    ['not an array', {}, [['limits', 'limits must be an array']]],
    ['a null entry', [null], [['limits[0]', 'limits[0] must be an object']]],
    ['an array entry', [[MODEL_WORKER]], [['limits[0]', 'limits[0] must be an object']]],
    ['a string entry', ['x'], [['limits[0]', 'limits[0] must be an object']]],
    [
      'an unknown property',
      [{ ...PARTNERS, rateBp: 10 }],
      [['limits[0].rateBp', 'limits[0] has an unknown property rateBp']],
    ],
    [
      'a missing when',
      [{ amountMaxYuan: 1, label: MODEL_WORKER.label }],
      [['limits[0].when', 'when is required']],
    ],
    [
      'a zero cap',
      [{ ...MODEL_WORKER, amountMaxYuan: 0 }],
      [['limits[0].amountMaxYuan', 'amountMaxYuan must be a positive integer (yuan)']],
    ],
    [
      'an unsafe cap',
      [{ ...MODEL_WORKER, amountMaxYuan: 2 ** 53 }],
      [['limits[0].amountMaxYuan', 'amountMaxYuan must be a positive integer (yuan)']],
    ],
    [
      'a term over 600 months',
      [{ ...PARTNERS, termMonthsMax: 601 }],
      [['limits[0].termMonthsMax', 'termMonthsMax must be an integer from 1 to 600']],
    ],
    [
      'a string term',
      [{ ...PARTNERS, termMonthsMax: '36' }],
      [['limits[0].termMonthsMax', 'termMonthsMax must be an integer from 1 to 600']],
    ],
    [
      'no cap',
      [{ when: MODEL_WORKER.when, label: MODEL_WORKER.label }],
      [['limits[0]', 'limits[0] must state amountMaxYuan, termMonthsMax or both']],
    ],
    [
      'a label that is not a text',
      [{ ...MODEL_WORKER, label: 'x' }],
      [['limits[0].label', 'label must be {zh, en}']],
    ],
    [
      'a label without en',
      [{ ...MODEL_WORKER, label: { zh: '劳模' } }],
      [['limits[0].label', 'label must be {zh, en}']],
    ],
    [
      'a null label',
      [{ ...MODEL_WORKER, label: null }],
      [['limits[0].label', 'label must be {zh, en}']],
    ],
    [
      'a label whose Chinese is not a string',
      [{ ...MODEL_WORKER, label: { zh: 5, en: 'Model workers' } }],
      [['limits[0].label', 'label must be {zh, en}']],
    ],
  ])('should report %s, and only that', (_why, limits, expected) => {
    expect(messages(limits)).toEqual(expected);
  });

  it('should accept the extreme caps and terms', () => {
    expect(
      validateLimits([
        { ...MODEL_WORKER, amountMaxYuan: 1 },
        { ...PARTNERS, amountMaxYuan: Number.MAX_SAFE_INTEGER, termMonthsMax: 600 },
        { ...PARTNERS, termMonthsMax: 1 },
        { when: PARTNERS.when, termMonthsMax: 12, label: PARTNERS.label },
      ]),
    ).toEqual([]);
  });

  it.each([
    ['Chinese', { zh: ' ', en: 'Model workers' }],
    ['English', { zh: '劳模', en: '' }],
    ['English of spaces only', { zh: '劳模', en: '  ' }],
  ])('should refuse a blank %s label unless drafting', (_lang, blank) => {
    const limits = [{ ...MODEL_WORKER, label: blank }];
    expect(messages(limits)).toEqual([['limits[0].label', 'label must be {zh, en}']]);
    expect(messages(limits, { allowBlankText: true })).toEqual([]);
  });

  it('should pass drafting leniency on to the rule in when, and the base path', () => {
    const when = { ...MODEL_WORKER.when, label: { zh: '', en: '' } } as ProductLimit['when'];
    expect(validateLimits([{ ...MODEL_WORKER, when }], 'body.limits')).toEqual([
      expect.objectContaining({ path: 'body.limits[0].when.label' }),
    ]);
    expect(
      validateLimits([{ ...MODEL_WORKER, when }], 'body.limits', { allowBlankText: true }),
    ).toEqual([]);
  });
});

describe('compileLimits', () => {
  it('should keep each entry’s caps and label, and no cap it does not state', () => {
    const [model, partners] = compileLimits([MODEL_WORKER, PARTNERS]);
    expect(model).toEqual({
      when: expect.anything(),
      amountMaxYuan: 200_000,
      label: MODEL_WORKER.label,
    });
    expect('termMonthsMax' in model).toBe(false);
    expect(partners).toMatchObject({ amountMaxYuan: 600_000, termMonthsMax: 36 });
    const termOnly = compileLimits([
      { when: PARTNERS.when, termMonthsMax: 12, label: PARTNERS.label },
    ]);
    expect('amountMaxYuan' in termOnly[0]).toBe(false);
    expect(compileLimits(undefined)).toEqual([]);
  });
});
