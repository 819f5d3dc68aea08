import { compileRule } from './compile-rule';
import type { FactName } from './facts';
import { isIsoDate } from './operators';
import { referenceEvaluate } from './reference-interpreter';
import type { Condition, Facts, Operator, Outcome, RuleValue } from './rule.types';

const ABSENT = Symbol('absent');

/** Builds facts holding `actual` at the dotted `fact` path (or nothing, for ABSENT). */
function factsWith(fact: string, actual: unknown): Facts {
  if (actual === ABSENT) return {};
  const keys = fact.split('.');
  const root: Facts = {};
  let cursor: Record<string, unknown> = root;
  keys.slice(0, -1).forEach((k) => {
    cursor[k] = {};
    cursor = cursor[k] as Record<string, unknown>;
  });
  cursor[keys[keys.length - 1]] = actual;
  return root;
}

function condition(fact: FactName, operator: Operator, value: RuleValue): Condition {
  return { id: 'c', fact, operator, value, label: { zh: '条件', en: 'Condition' } };
}

type Row = [FactName, Operator, RuleValue, unknown, Outcome];

// fact, operator, rule value, actual fact value, expected outcome
const rows: Row[] = [
  // integer: equal / notEqual, never coerced
  ['employees', 'equal', 50, 50, 'pass'],
  ['employees', 'equal', 50, 49, 'fail'],
  ['employees', 'equal', 50, '50', 'unknown'],
  ['employees', 'equal', 50, null, 'unknown'],
  ['employees', 'equal', 50, ABSENT, 'unknown'],
  ['employees', 'equal', 50, Number.NaN, 'unknown'],
  ['employees', 'notEqual', 50, 50, 'fail'],
  ['employees', 'notEqual', 50, 51, 'pass'],
  ['employees', 'notEqual', 50, '51', 'unknown'],
  ['employees', 'notEqual', 50, null, 'unknown'],
  // integer: exclusive and inclusive bounds
  ['employees', 'lessThan', 50, 49, 'pass'],
  ['employees', 'lessThan', 50, 50, 'fail'],
  ['employees', 'lessThan', 50, 51, 'fail'],
  ['employees', 'lessThanInclusive', 50, 49, 'pass'],
  ['employees', 'lessThanInclusive', 50, 50, 'pass'],
  ['employees', 'lessThanInclusive', 50, 51, 'fail'],
  ['employees', 'greaterThan', 50, 51, 'pass'],
  ['employees', 'greaterThan', 50, 50, 'fail'],
  ['employees', 'greaterThan', 50, 49, 'fail'],
  ['employees', 'greaterThanInclusive', 50, 51, 'pass'],
  ['employees', 'greaterThanInclusive', 50, 50, 'pass'],
  ['employees', 'greaterThanInclusive', 50, 49, 'fail'],
  ['employees', 'greaterThanInclusive', 50, ABSENT, 'unknown'],
  ['employees', 'greaterThanInclusive', 50, null, 'unknown'],
  ['employees', 'greaterThanInclusive', 50, Number.POSITIVE_INFINITY, 'unknown'],
  ['employees', 'greaterThanInclusive', 50, true, 'unknown'],
  // numbers compare as numbers: "3" > "22" as strings, but a string is never a number here
  ['employees', 'greaterThan', 22, '3', 'unknown'],
  ['employees', 'greaterThan', 22, 3, 'fail'],
  ['employees', 'lessThan', 22, 3, 'pass'],
  ['annualRevenueYuan', 'lessThanInclusive', 20000000, 20000000, 'pass'],
  ['annualRevenueYuan', 'lessThanInclusive', 20000000, 20000001, 'fail'],
  // number
  ['jobRetentionRate', 'greaterThanInclusive', 0.8, 0.8, 'pass'],
  ['jobRetentionRate', 'greaterThanInclusive', 0.8, 0.79, 'fail'],
  ['jobRetentionRate', 'greaterThan', 0.8, 0.8, 'fail'],
  ['jobRetentionRate', 'lessThan', 0.8, '0.5', 'unknown'],
  // date: chronological, YYYY-MM-DD only
  ['establishedOn', 'lessThanInclusive', '2022-01-01', '2021-12-31', 'pass'],
  ['establishedOn', 'lessThanInclusive', '2022-01-01', '2022-01-01', 'pass'],
  ['establishedOn', 'lessThanInclusive', '2022-01-01', '2022-01-02', 'fail'],
  ['establishedOn', 'lessThan', '2022-01-01', '2022-01-01', 'fail'],
  ['establishedOn', 'lessThan', '2022-01-01', '2019-12-31', 'pass'],
  ['establishedOn', 'greaterThan', '2022-01-01', '2022-01-02', 'pass'],
  ['establishedOn', 'greaterThan', '2022-01-01', '2022-01-01', 'fail'],
  ['establishedOn', 'greaterThanInclusive', '2022-01-01', '2022-01-01', 'pass'],
  ['establishedOn', 'greaterThanInclusive', '2022-01-01', '2021-12-31', 'fail'],
  ['establishedOn', 'greaterThan', '2009-12-31', '2010-01-01', 'pass'],
  ['establishedOn', 'lessThan', '2022-01-01', '2021-1-5', 'unknown'],
  ['establishedOn', 'lessThan', '2022-01-01', 20210105, 'unknown'],
  ['establishedOn', 'equal', '2019-04-18', '2019-04-18', 'pass'],
  ['establishedOn', 'equal', '2019-04-18', '2019-04-19', 'fail'],
  ['establishedOn', 'equal', '2019-04-18', null, 'unknown'],
  // A date of the wrong type is unknown, even when it would compare like the date it wraps.
  ['establishedOn', 'lessThanInclusive', '2025-06-30', ['2025-06-30'], 'unknown'],
  ['establishedOn', 'lessThan', '2025-06-30', ['2025-06-29'], 'unknown'],
  ['establishedOn', 'greaterThan', '2025-06-30', ['2025-07-01'], 'unknown'],
  ['establishedOn', 'notEqual', '2025-06-30', ['2025-06-30'], 'unknown'],
  ['establishedOn', 'lessThan', '2025-06-30', new Date('2025-06-29'), 'unknown'],
  // boolean
  ['inIndustrialPark', 'equal', true, true, 'pass'],
  ['inIndustrialPark', 'equal', true, false, 'fail'],
  ['inIndustrialPark', 'equal', true, 'true', 'unknown'],
  ['inIndustrialPark', 'equal', true, 1, 'unknown'],
  ['inIndustrialPark', 'notEqual', true, false, 'pass'],
  // nested facts: a missing or non-object parent makes the fact absent
  ['credit.dishonestDebtor', 'equal', false, false, 'pass'],
  ['credit.dishonestDebtor', 'equal', false, true, 'fail'],
  ['credit.dishonestDebtor', 'equal', false, null, 'unknown'],
  ['credit.dishonestDebtor', 'equal', false, ABSENT, 'unknown'],
  // enum and string
  ['sizeClass', 'equal', 'small', 'small', 'pass'],
  ['sizeClass', 'equal', 'small', 'micro', 'fail'],
  ['sizeClass', 'notEqual', 'large', 'large', 'fail'],
  ['sizeClass', 'notEqual', 'large', 'micro', 'pass'],
  ['regionCode', 'equal', '360111', '360111', 'pass'],
  ['regionCode', 'equal', '360111', 360111, 'unknown'],
  // in / notIn
  ['sizeClass', 'in', ['small', 'micro'], 'micro', 'pass'],
  ['sizeClass', 'in', ['small', 'micro'], 'medium', 'fail'],
  ['sizeClass', 'in', ['small', 'micro'], 3, 'unknown'],
  ['sizeClass', 'in', ['small', 'micro'], null, 'unknown'],
  ['sizeClass', 'in', ['small', 'micro'], ['micro'], 'unknown'],
  ['sizeClass', 'notIn', ['large'], 'large', 'fail'],
  ['sizeClass', 'notIn', ['large'], 'small', 'pass'],
  ['sizeClass', 'notIn', ['large'], ABSENT, 'unknown'],
  ['employees', 'in', [10, 20], 10, 'pass'],
  ['employees', 'in', [10, 20], 11, 'fail'],
  ['employees', 'in', [10, 20], '10', 'unknown'],
  ['employees', 'notIn', [10, 20], '11', 'unknown'],
  ['cityCode', 'in', ['360100', '360700'], '360700', 'pass'],
  ['cityCode', 'notIn', ['360100', '360700'], '360700', 'fail'],
  ['inIndustrialPark', 'in', [true], false, 'fail'],
  // contains / doesNotContain on array facts
  ['certifications', 'contains', 'tech_sme', ['tech_sme'], 'pass'],
  ['certifications', 'contains', 'tech_sme', ['high_tech_enterprise', 'tech_sme'], 'pass'],
  ['certifications', 'contains', 'tech_sme', ['high_tech_enterprise'], 'fail'],
  ['certifications', 'contains', 'tech_sme', [], 'fail'],
  ['certifications', 'contains', 'tech_sme', 'tech_sme', 'unknown'],
  ['certifications', 'contains', 'tech_sme', null, 'unknown'],
  ['certifications', 'contains', 'tech_sme', ABSENT, 'unknown'],
  ['certifications', 'doesNotContain', 'tech_sme', [], 'pass'],
  ['certifications', 'doesNotContain', 'tech_sme', ['tech_sme'], 'fail'],
  ['certifications', 'doesNotContain', 'tech_sme', { 0: 'tech_sme' }, 'unknown'],
  ['founder.categories', 'contains', 'veteran', ['veteran', 'disabled'], 'pass'],
  ['founder.categories', 'contains', 'veteran', ['disabled'], 'fail'],
  ['founder.categories', 'contains', 'veteran', ABSENT, 'unknown'],
];

describe('condition operators', () => {
  it.each(rows)(
    'should give %s %s %j on %p the outcome %s when evaluated',
    (fact, operator, value, actual, expected) => {
      const rule = condition(fact, operator, value);
      const facts = factsWith(fact, actual);
      const evaluation = compileRule(rule).evaluate(facts);
      expect(evaluation.outcome).toBe(expected);
      expect(evaluation.criteria).toEqual([
        expect.objectContaining({ id: 'c', outcome: expected }),
      ]);
      expect(referenceEvaluate(rule, facts)).toBe(expected);
    },
  );

  it.each([
    ['a string', 'x'],
    ['a number', 7],
    ['null', null],
    ['an array', []],
  ])('should give unknown for a nested fact when its parent is %s', (_name, parent) => {
    const rule = condition('credit.dishonestDebtor', 'equal', false);
    const facts = { credit: parent };
    expect(compileRule(rule).evaluate(facts).outcome).toBe('unknown');
    expect(referenceEvaluate(rule, facts)).toBe('unknown');
  });

  it('should not read inherited properties as a nested parent when the parent is a string', () => {
    // 'abc'.length exists, but a fact path only walks objects.
    const rule = condition('credit.dishonestDebtor', 'equal', false);
    expect(compileRule(rule).evaluate({ credit: 'abc' }).missingFacts).toEqual([
      'credit.dishonestDebtor',
    ]);
  });
});

describe('condition details', () => {
  const detailRows: [string, Condition, Facts, { zh: string; en: string } | undefined][] = [
    [
      'a failed minimum',
      condition('employees', 'greaterThanInclusive', 50),
      { employees: 38 },
      { zh: '当前为 38，要求 ≥ 50', en: 'is 38; must be ≥ 50' },
    ],
    [
      'a failed strict maximum',
      condition('financingNeed.amountYuan', 'lessThan', 5000000),
      { financingNeed: { amountYuan: 5000000 } },
      { zh: '当前为 500万元，要求 < 500万元', en: 'is 5,000,000 yuan; must be < 5,000,000 yuan' },
    ],
    [
      'a failed boolean',
      condition('credit.dishonestDebtor', 'equal', false),
      { credit: { dishonestDebtor: true } },
      { zh: '当前为 是，要求为 否', en: 'is yes; must be no' },
    ],
    [
      'a failed in',
      condition('sizeClass', 'in', ['small', 'micro']),
      { sizeClass: 'medium' },
      {
        zh: '当前为 中型企业，要求为 小型企业、微型企业 之一',
        en: 'is Medium enterprise; must be one of Small enterprise, Micro enterprise',
      },
    ],
    [
      'a failed notIn',
      condition('sizeClass', 'notIn', ['large']),
      { sizeClass: 'large' },
      {
        zh: '当前为 大型企业，要求不为 大型企业 中的任何一项',
        en: 'is Large enterprise; must not be any of Large enterprise',
      },
    ],
    [
      'a failed contains on an empty array',
      condition('certifications', 'contains', 'tech_sme'),
      { certifications: [] },
      { zh: '当前为 无，要求包含 科技型中小企业', en: 'is none; must include Tech-based SME' },
    ],
    [
      'a failed doesNotContain',
      condition('listings', 'doesNotContain', 'culture_loan_pool'),
      { listings: ['culture_loan_pool', 'caiyuan_recommendation'] },
      {
        zh: '当前为 文企贷入库企业、财园信贷通推荐函，要求不包含 文企贷入库企业',
        en: 'is In the culture-loan enterprise pool, Caiyuan credit recommendation letter; must not include In the culture-loan enterprise pool',
      },
    ],
    [
      'a failed notEqual',
      condition('sizeClass', 'notEqual', 'large'),
      { sizeClass: 'large' },
      {
        zh: '当前为 大型企业，要求不为 大型企业',
        en: 'is Large enterprise; must not be Large enterprise',
      },
    ],
    [
      'a failed date bound',
      condition('establishedOn', 'lessThanInclusive', '2022-01-01'),
      { establishedOn: '2023-05-01' },
      { zh: '当前为 2023-05-01，要求 ≤ 2022-01-01', en: 'is 2023-05-01; must be ≤ 2022-01-01' },
    ],
    [
      'a missing fact',
      condition('employees', 'greaterThan', 5),
      {},
      { zh: '未提供', en: 'not provided' },
    ],
    [
      'a null fact',
      condition('employees', 'greaterThan', 5),
      { employees: null },
      { zh: '未提供', en: 'not provided' },
    ],
    [
      'a wrongly typed fact',
      condition('employees', 'greaterThan', 5),
      { employees: '12' },
      { zh: '数据类型不符，无法判断', en: 'has an invalid type; cannot be assessed' },
    ],
    ['a passed condition', condition('employees', 'greaterThan', 5), { employees: 6 }, undefined],
  ];

  it.each(detailRows)('should explain %s when evaluated', (_name, rule, facts, detail) => {
    const [criterion] = compileRule(rule).evaluate(facts).criteria;
    if (detail === undefined) {
      expect(criterion).not.toHaveProperty('detail');
    } else {
      expect(criterion.detail).toEqual(detail);
    }
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-01-31', true],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    ['2024-01-012024-01-01', false],
    [' 2024-01-01', false],
    [20240101, false],
    // A String object is not a string: rules and facts carry dates as primitives.
    [new String('2024-01-01'), false],
  ])('should say %p is a date: %p when checked', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});
