import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededCatalogue } from '../../../../seeds/catalog/matchable.fixture';
import { PRODUCTS } from '../../../../seeds/catalog/products';
import { deriveFacts, toFacts } from '../../enterprises/domain/derived-facts';
import { exampleProfile, sparseProfile as sparse } from '../../enterprises/domain/profile.fixture';
import type { EnterpriseProfile } from '../../enterprises/domain/profile';
import { questionFieldsOf } from '../../enterprises/domain/fact-inputs';
import { compileRule } from './compile-rule';
import industries from '../../enterprises/domain/data/industries.json';
import { requirementText } from './detail';
import { FACTS, INDUSTRY_SECTION_LABELS, type FactName } from './facts';
import { matchAndAsk } from './match';
import { PROFILE_FIELDS } from './profile-fields';
import type { Condition, Facts, Operator, Rule, RuleValue, Text } from './rule.types';

const AS_OF = '2026-06-30';
const base = exampleProfile();
const PROFILES: EnterpriseProfile[] = [
  base,
  {
    ...base,
    certifications: ['specialized_sme', 'high_tech_enterprise'],
    listings: ['culture_loan_pool'],
  },
  {
    ...base,
    employees: 900,
    annualRevenueYuan: 900_000_000,
    jobRetentionRate: 0.43478260869565216,
  },
  {
    ...base,
    entityType: 'individual',
    uscc: undefined,
    founder: { categories: ['college_graduate'] },
    hiring: { newHiresLast12Months: 10, newHiresFromTargetGroups: 1 },
    credit: {
      dishonestDebtor: true,
      overdueLoans: false,
      badCreditRecord: true,
      wageOrSocialInsuranceArrears: false,
    },
    taxPaidLastYearYuan: 12_345,
    governmentProcurementContract: { amountYuan: 50_000 },
    receivables: { amountYuan: 123_456, debtorIsGovernmentOrLargeEnterprise: false },
    agriOperatorType: 'large_grower',
    financingNeed: { ...base.financingNeed, purpose: 'equipment' },
  },
  // Outside the standard's scope, and a non-cultural firm in the culture-loan pool.
  { ...base, industryCode: 'R8710', listings: ['culture_loan_pool'] },
  { ...base, industryCode: 'P8331', employees: 12, annualRevenueYuan: 1_200_000 },
];

const PARTNERSHIP: EnterpriseProfile = {
  ...base,
  uscc: undefined,
  entityType: 'partnership',
  establishedOn: '2026-01-10',
  employees: 4,
  annualRevenueYuan: 300_000,
  founder: { categories: ['college_graduate'] },
};

/**
 * Profiles that reach every conditional limit: a model worker (赣工贷), start-up partnerships of
 * each size up to one past the last cap, a culture firm rated especially high-quality (文企贷), and
 * the same firms with what decides their limit left out.
 */
const LIMIT_PROFILES: EnterpriseProfile[] = [
  {
    ...base,
    entityType: 'individual_business',
    employees: 3,
    annualRevenueYuan: 600_000,
    founder: { categories: ['model_worker'] },
    financingNeed: { ...base.financingNeed, amountYuan: 150_000 },
  },
  {
    ...base,
    entityType: 'individual_business',
    employees: 3,
    annualRevenueYuan: 600_000,
    founder: { categories: ['veteran'] },
  },
  PARTNERSHIP,
  ...Array.from(
    {
      length:
        (PRODUCTS.find((p) => p.code === 'STARTUP_LOAN_PARTNERSHIP')?.limits ?? []).length + 1,
    },
    (_, i): EnterpriseProfile => ({
      ...PARTNERSHIP,
      founder: { categories: ['college_graduate'], partners: i + 1 },
    }),
  ),
  {
    ...base,
    industryCode: 'R8710',
    certifications: ['cultural_enterprise'],
    listings: ['culture_loan_pool', 'culture_loan_premium'],
  },
];

/** Full profiles, the same with every optional field left out, and the limit profiles. */
const ANSWER_PROFILES: EnterpriseProfile[] = [
  ...PROFILES,
  ...LIMIT_PROFILES,
  ...[...PROFILES, ...LIMIT_PROFILES].map((p) => sparse(p)),
];

/** One text a person reads in a match answer, with where it was shown. */
interface Shown {
  where: 'criterion' | 'detail' | 'hint' | 'limit' | 'question';
  product: string;
  text: Text;
}

/**
 * Everything a person reads in the seeded catalogue's answers to ANSWER_PROFILES: criteria labels
 * and details, hints, the applicable limit's reason and the questions, as matchAndAsk gives them to
 * the matching service. Rendered by each test, not in beforeAll: StrykerJS counts code run outside a
 * test as covered by no test ("static") and re-runs the whole engine suite for each mutant in it.
 */
function renderedAnswers(profiles: readonly EnterpriseProfile[] = ANSWER_PROFILES): {
  shown: Shown[];
  products: Set<string>;
} {
  const catalogue = seededCatalogue();
  const shown: Shown[] = [];
  const products = new Set<string>();
  for (const profile of profiles) {
    const derived = deriveFacts(profile, AS_OF);
    const answer = matchAndAsk(catalogue, toFacts(profile, derived), {
      asOf: AS_OF,
      lpr1yBp: 300,
      fieldsOf: questionFieldsOf(derived),
    });
    for (const r of answer.results) {
      const product = r.productCode;
      products.add(product);
      for (const c of r.criteria) {
        shown.push({ where: 'criterion', product, text: c.label });
        if (c.detail) shown.push({ where: 'detail', product, text: c.detail });
      }
      for (const h of r.hints) shown.push({ where: 'hint', product, text: h });
      const reason = r.applicableLimit.reason;
      if (reason) shown.push({ where: 'limit', product, text: reason });
    }
    for (const q of answer.questions) {
      shown.push({ where: 'question', product: q.settles.join(','), text: q.label });
    }
  }
  return { shown, products };
}

/** Every text of the answers, zh and en. */
function renderedTexts(): string[] {
  return renderedAnswers().shown.flatMap((s) => [s.text.zh, s.text.en]);
}

// Every enumeration value is a code a person should never read: they see its label.
const CODES = new Set(
  Object.values(FACTS)
    .flatMap((f) => Object.keys(f.valueLabels ?? {}))
    .filter((c) => c.includes('_')),
);

function conditionIds(rule: Rule): string[] {
  if ('all' in rule) return rule.all.flatMap(conditionIds);
  if ('any' in rule) return rule.any.flatMap(conditionIds);
  if ('not' in rule) return conditionIds(rule.not);
  return [rule.id];
}

/**
 * Other names a person should never read: product codes, condition ids and fact names written as
 * code (camelCase or dotted: `taxRelief`, `founder.partners`; a plain word like `employees` may be
 * English).
 */
const NAMES = new Set([
  ...PRODUCTS.map((p) => p.code),
  ...PRODUCTS.flatMap((p) => [
    ...conditionIds(p.eligibility),
    ...(p.limits ?? []).flatMap((l) => conditionIds(l.when)),
  ]).filter((id) => id.includes('_')),
  ...Object.keys(FACTS).filter((f) => /[A-Z.]/.test(f)),
]);

const CJK = /[\u3400-\u9fff]/;

describe('criteria wording for the seeded catalogue', () => {
  it('should render some failures so that the checks below mean something', () => {
    const texts = renderedTexts();
    expect(texts.length).toBeGreaterThan(100);
  });

  it('should render every seeded product, and every kind of text an answer shows', () => {
    const { shown, products } = renderedAnswers();
    expect([...products].sort()).toEqual(PRODUCTS.map((p) => p.code).sort());
    const where = (w: Shown['where']) => shown.filter((s) => s.where === w);
    for (const w of ['criterion', 'detail', 'hint', 'limit', 'question'] as const) {
      expect({ where: w, shown: where(w).length > 0 }).toEqual({ where: w, shown: true });
    }
    // A limit that applies, and one left open for want of the fact that decides it.
    const reasons = where('limit').map((s) => s.text.en);
    expect(reasons.some((t) => t.includes('to see whether this applies'))).toBe(true);
    expect(reasons.some((t) => !t.includes('to see whether this applies'))).toBe(true);
    // Questions about what only the sparse profiles leave out: every full profile states its credit.
    const asked = where('question').map((s) => s.text);
    expect(asked).toContainEqual(PROFILE_FIELDS.credit.label);
    expect(asked).toContainEqual(PROFILE_FIELDS.taxRelief.label);
    // Every product's hints and every conditional limit's label are among them.
    const hinted = new Set(where('hint').map((s) => s.product));
    const withHints = PRODUCTS.filter((p) => JSON.stringify(p.eligibility).includes('"hint"'));
    expect(withHints.filter((p) => !hinted.has(p.code)).map((p) => p.code)).toEqual([]);
    const unshown = PRODUCTS.flatMap((p) => p.limits ?? []).filter(
      (l) => !reasons.some((t) => t.endsWith(l.label.en)),
    );
    expect(unshown.map((l) => l.label.en)).toEqual([]);
  });

  it('should leave every optional field out of a sparse profile, at every depth', () => {
    const full: EnterpriseProfile = {
      ...base,
      founder: { categories: ['veteran'], partners: 2 },
      taxRelief: false,
    };
    const thin = sparse(full);
    expect(Object.keys(thin).sort()).toEqual(
      Object.entries(PROFILE_FIELDS)
        .filter(([, spec]) => !('optional' in spec && spec.optional))
        .map(([name]) => name)
        .sort(),
    );
    expect(thin.financingNeed).toEqual(full.financingNeed);
    expect(
      sparse(
        { founder: { categories: ['veteran'], partners: 2 } },
        { founder: { ...PROFILE_FIELDS.founder, optional: false } },
      ),
    ).toEqual({ founder: { categories: ['veteran'] } });
  });

  it('should show no internal code in any text of an answer', () => {
    const texts = renderedTexts();
    const leaks = texts.filter((t) => [...CODES, ...NAMES].some((code) => t.includes(code)));
    expect(leaks).toEqual([]);
  });

  it('should write each text in its own language', () => {
    const { shown } = renderedAnswers();
    const untranslated = shown.filter((s) => !CJK.test(s.text.zh) || CJK.test(s.text.en));
    expect(untranslated).toEqual([]);
  });

  it('should show no float artefact in any text', () => {
    const texts = renderedTexts();
    expect(texts.filter((t) => /\d\.\d{4,}/.test(t))).toEqual([]);
  });
  it('should name industry sections, never show a bare section letter', () => {
    const texts = renderedTexts();
    const bare = /(?:为|is|be|of|include|，|、|, )\s*[A-T](?![A-Za-z])/;
    expect(texts.filter((t) => bare.test(t))).toEqual([]);
    expect(texts.some((t) => t.includes('制造业'))).toBe(true);
    expect(texts.some((t) => t.includes('Manufacturing'))).toBe(true);
  });

  it('should pass no criterion that speaks of culture for a firm that is not cultural', () => {
    // A manufacturer in the culture-loan pool: only the pool criterion may pass, and it says so.
    const manufacturer: EnterpriseProfile = { ...base, listings: ['culture_loan_pool'] };
    const facts = toFacts(manufacturer, deriveFacts(manufacturer, AS_OF));
    const passed = PRODUCTS.flatMap((p) =>
      compileRule(p.eligibility)
        .evaluate(facts)
        .criteria.filter((c) => c.outcome === 'pass'),
    );
    expect(passed.length).toBeGreaterThan(10);
    const cultural = passed.filter((c) => /文化/.test(c.label.zh) || /cultur/i.test(c.label.en));
    expect(cultural).toEqual([]);
  });

  it('should show no bare enum value where a label belongs', () => {
    const texts = renderedTexts();
    const bare =
      /(?:为|is|include|of) (large|medium|small|micro|enterprise|individual|partnership)\b/;
    expect(texts.filter((t) => bare.test(t))).toEqual([]);
  });
});

describe('groups in the criteria of the seeded catalogue', () => {
  it('should show STARTUP_LOAN_SME, eligible through an any, with that any passing', () => {
    const rule = compileRule(PRODUCTS.find((p) => p.code === 'STARTUP_LOAN_SME')!.eligibility);
    const employer: EnterpriseProfile = {
      ...base,
      employees: 150,
      hiring: { newHiresLast12Months: 5, newHiresFromTargetGroups: 1 },
      jobRetentionRate: 0.97,
    };
    const e = rule.evaluate(toFacts(employer, deriveFacts(employer, AS_OF)));
    expect(e.status).toBe('eligible');
    const any = e.criteria.find((c) => c.kind === 'any')!;
    expect(any).toMatchObject({
      group: 'eligibility.all',
      outcome: 'pass',
      label: { zh: '吸纳重点群体就业达到比例，或稳岗率达到95%' },
    });
    // The failed conditions all sit in branches of that any, and those branches fail as groups.
    const failed = e.criteria.filter((c) => c.outcome === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    const branches = new Set(
      e.criteria.filter((c) => c.group === any.id && c.kind).map((c) => c.id),
    );
    for (const c of failed) expect(c.group === any.id || branches.has(c.group!)).toBe(true);
    expect(e.criteria.find((c) => c.id === 'job_retention_95pct')).toMatchObject({
      group: any.id,
      outcome: 'pass',
    });
  });

  it('should label every group of every seeded product in both languages', () => {
    for (const product of PRODUCTS) {
      for (const c of compileRule(product.eligibility).evaluate({}).criteria) {
        expect(c.label.zh.trim()).not.toBe('');
        expect(c.label.en.trim()).not.toBe('');
        if (c.kind) expect(c.id).toMatch(/^eligibility\.(all|any|not)/);
      }
    }
  });
});

describe('industry section labels', () => {
  it('should name every section of the standard in both languages, as industries.json does', () => {
    expect(Object.keys(INDUSTRY_SECTION_LABELS)).toEqual(industries.sections.map((s) => s.code));
    for (const { code, name, nameEn } of industries.sections) {
      expect(INDUSTRY_SECTION_LABELS[code]).toEqual({ zh: name, en: nameEn });
      expect(nameEn).toMatch(/^[A-Z][A-Za-z, -]+$/);
    }
  });

  it('should take the section names from industries.json rather than restate them', () => {
    // A second copy drifts from the data file; facts.ts reads the names from it instead.
    const source = readFileSync(join(__dirname, 'facts.ts'), 'utf8');
    const restated = industries.sections.filter((s) => source.includes(`'${s.name}'`));
    expect(restated.map((s) => s.code)).toEqual([]);
  });

  it('should write a failed section condition with both names', () => {
    const rule = compileRule({
      id: 'farm',
      fact: 'industrySection',
      operator: 'in',
      value: ['A', 'R'],
      label: { zh: '农业或文化', en: 'Farming or culture' },
    });
    expect(rule.evaluate({ industrySection: 'C' }).criteria[0].detail).toEqual({
      zh: '当前为 制造业，要求为 农、林、牧、渔业、文化、体育和娱乐业 之一',
      en: 'is Manufacturing; must be one of Agriculture, forestry, animal husbandry and fishery, Culture, sports and entertainment',
    });
  });
});

// How a requirement shows a number to an SME, by the fact's display: money in 元/万元 and yuan with
// thousands separators, ratios as percentages, years and months with their units. Each boundary
// (1,000 for separators, 10,000 for 万元, one year) is tried on both sides.
describe('requirementText: numbers as an SME reads them', () => {
  it.each<[string, FactName, number, string, string]>([
    ['money under 1,000', 'annualRevenueYuan', 999, '要求 ≥ 999元', 'must be ≥ 999 yuan'],
    ['money at 1,000', 'annualRevenueYuan', 1_000, '要求 ≥ 1000元', 'must be ≥ 1,000 yuan'],
    ['money under 10,000', 'annualRevenueYuan', 9_999, '要求 ≥ 9999元', 'must be ≥ 9,999 yuan'],
    ['money at 10,000', 'annualRevenueYuan', 10_000, '要求 ≥ 1万元', 'must be ≥ 10,000 yuan'],
    [
      'money in 万元 to two places',
      'annualRevenueYuan',
      12_345,
      '要求 ≥ 1.23万元',
      'must be ≥ 12,345 yuan',
    ],
    ['a ratio', 'jobRetentionRate', 0.125, '要求 ≥ 12.5%', 'must be ≥ 12.5%'],
    ['one year', 'yearsInOperation', 1, '要求 ≥ 1年', 'must be ≥ 1 year'],
    ['several years', 'yearsInOperation', 3, '要求 ≥ 3年', 'must be ≥ 3 years'],
    ['months', 'financingNeed.termMonths', 12, '要求 ≥ 12个月', 'must be ≥ 12 months'],
    ['a count past 1,000', 'employees', 1_500, '要求 ≥ 1500', 'must be ≥ 1,500'],
  ])('should show %s with its unit', (_name, fact, value, zh, en) => {
    expect(requirementText('greaterThanInclusive', value, FACTS[fact])).toEqual({ zh, en });
  });
});

// A failed condition reads "what was seen; what is required" (docs/api.md): values by their labels,
// yes/no for booleans, "none" for an empty list. Each row names its own condition: compiled
// conditions are shared by content, and StrykerJS credits a shared one's texts to the first test
// that compiled it, not to the test that reads them.
describe('failed condition details, in both languages', () => {
  const condition = (
    id: string,
    fact: FactName,
    operator: Operator,
    value: RuleValue,
  ): Condition => ({ id, fact, operator, value, label: { zh: '条件', en: 'Condition' } });

  it.each<[string, FactName, Operator, RuleValue, unknown, string, string]>([
    [
      'a yes that must be no',
      'credit.overdueLoans',
      'equal',
      false,
      true,
      '当前为 是，要求为 否',
      'is yes; must be no',
    ],
    [
      'a no that must be yes',
      'taxRelief',
      'equal',
      true,
      false,
      '当前为 否，要求为 是',
      'is no; must be yes',
    ],
    [
      'an enum value that must be another',
      'entityType',
      'equal',
      'partnership',
      'enterprise',
      '当前为 企业，要求为 合伙创业',
      'is Enterprise; must be Partnership start-up',
    ],
    [
      'an enum value that must not be itself',
      'sizeClass',
      'notEqual',
      'small',
      'small',
      '当前为 小型企业，要求不为 小型企业',
      'is Small enterprise; must not be Small enterprise',
    ],
    [
      'an enum value in an excluded list',
      'sizeClass',
      'notIn',
      ['large', 'medium'],
      'medium',
      '当前为 中型企业，要求不为 大型企业、中型企业 中的任何一项',
      'is Medium enterprise; must not be any of Large enterprise, Medium enterprise',
    ],
    [
      'a code the fact does not know, as it is',
      'sizeClass',
      'equal',
      'small',
      'giant',
      '当前为 giant，要求为 小型企业',
      'is giant; must be Small enterprise',
    ],
    [
      'a code named like an object property, as it is',
      'sizeClass',
      'equal',
      'small',
      'toString',
      '当前为 toString，要求为 小型企业',
      'is toString; must be Small enterprise',
    ],
    [
      'a count at most a bound',
      'employees',
      'greaterThan',
      100,
      38,
      '当前为 38，要求 > 100',
      'is 38; must be > 100',
    ],
    [
      'a date before a bound',
      'establishedOn',
      'lessThan',
      '2020-01-01',
      '2021-03-04',
      '当前为 2021-03-04，要求 < 2020-01-01',
      'is 2021-03-04; must be < 2020-01-01',
    ],
    [
      'an industry section by its name',
      'industrySection',
      'equal',
      'A',
      'C',
      '当前为 制造业，要求为 农、林、牧、渔业',
      'is Manufacturing; must be Agriculture, forestry, animal husbandry and fishery',
    ],
    [
      'a list without the required value',
      'certifications',
      'contains',
      'tech_sme',
      ['specialized_sme', 'high_tech_enterprise'],
      '当前为 专精特新中小企业、高新技术企业，要求包含 科技型中小企业',
      'is Specialised and innovative SME, High-tech enterprise; must include Tech-based SME',
    ],
    [
      'an empty list as none',
      'listings',
      'contains',
      'culture_loan_pool',
      [],
      '当前为 无，要求包含 文企贷入库企业',
      'is none; must include In the culture-loan enterprise pool',
    ],
    [
      'objects and functions in a list as ?, never their own text',
      'certifications',
      'doesNotContain',
      'tech_sme',
      ['tech_sme', { toString: () => 'secret' }, () => 'code', 7],
      '当前为 科技型中小企业、?、?、7，要求不包含 科技型中小企业',
      'is Tech-based SME, ?, ?, 7; must not include Tech-based SME',
    ],
  ])('should write %s', (name, fact, operator, value, actual, zh, en) => {
    const rule = compileRule(condition(`wording: ${name}`, fact, operator, value));
    const facts: Facts = {};
    const path = fact.split('.');
    if (path.length === 1) facts[fact] = actual;
    else facts[path[0]] = { [path[1]]: actual };
    const [criterion] = rule.evaluate(facts).criteria;
    expect(criterion).toEqual({
      id: `wording: ${name}`,
      group: null,
      label: { zh: '条件', en: 'Condition' },
      outcome: 'fail',
      detail: { zh, en },
    });
  });

  it('should write each value of one condition evaluated in turn', () => {
    // A condition remembers the last failure it wrote; a new value must get its own text.
    const rule = compileRule(
      condition('wording: in turn', 'employees', 'greaterThanInclusive', 50),
    );
    const details = [38, 12, 38, 60, 12].map(
      (employees) => rule.evaluate({ employees }).criteria[0].detail,
    );
    expect(details).toEqual([
      { zh: '当前为 38，要求 ≥ 50', en: 'is 38; must be ≥ 50' },
      { zh: '当前为 12，要求 ≥ 50', en: 'is 12; must be ≥ 50' },
      { zh: '当前为 38，要求 ≥ 50', en: 'is 38; must be ≥ 50' },
      undefined,
      { zh: '当前为 12，要求 ≥ 50', en: 'is 12; must be ≥ 50' },
    ]);
  });
});

describe('requirementText without a fact display', () => {
  it('should write a number as it is, to at most four decimals, with separators in English', () => {
    expect(requirementText('lessThan', 1234.56789)).toEqual({
      zh: '要求 < 1234.5679',
      en: 'must be < 1,234.5679',
    });
  });

  it('should write a string as it is', () => {
    expect(requirementText('equal', 'B2')).toEqual({ zh: '要求为 B2', en: 'must be B2' });
  });

  it('should write a value that rounds to zero as 0, never -0', () => {
    // A float artefact too (docs/api.md): -0.01% rounds to -0 at one decimal.
    expect(requirementText('greaterThan', -0.0001, FACTS.jobRetentionRate)).toEqual({
      zh: '要求 > 0%',
      en: 'must be > 0%',
    });
  });
});
