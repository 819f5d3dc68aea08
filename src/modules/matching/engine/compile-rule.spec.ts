import fc from 'fast-check';
import { compileRule } from './compile-rule';
import { INVALID_TYPE } from './detail';
import { FACTS, type FactName } from './facts';
import { resolveFacts } from './resolve-facts';
import type {
  Condition,
  EvaluationParts,
  Facts,
  Operator,
  Rule,
  RuleValue,
  Text,
} from './rule.types';
import { RuleValidationError } from './validate-rule';

function hintText(name: string): Text {
  return { zh: `提示${name}`, en: `hint ${name}` };
}

/** `fact equal 1` with a hint named after the id: passes on 1, fails on 2, unknown if absent. */
function c(id: string, fact: FactName, withHint = true): Condition {
  return {
    id,
    fact,
    operator: 'equal',
    value: 1,
    label: { zh: id, en: id },
    ...(withHint ? { hint: hintText(id) } : {}),
  };
}

function cond(id: string, fact: FactName, operator: Operator, value: RuleValue): Condition {
  return { id, fact, operator, value, label: { zh: id, en: id } };
}

const PASS = 1;
const FAIL = 2;

describe('compileRule: hints', () => {
  const rows: [string, Rule, Facts, string[]][] = [
    [
      'failed and unknown conditions of a failing all',
      { all: [c('a', 'employees'), c('b', 'totalAssetsYuan'), c('c', 'annualRevenueYuan')] },
      { employees: FAIL, totalAssetsYuan: PASS },
      ['a', 'c'],
    ],
    [
      'nothing when the root passes',
      { any: [c('a', 'employees'), c('b', 'totalAssetsYuan')] },
      { employees: FAIL, totalAssetsYuan: PASS },
      [],
    ],
    [
      'no failing sibling inside an any that passed',
      {
        all: [
          c('x', 'taxPaidLastYearYuan'),
          { any: [c('a', 'employees'), c('b', 'totalAssetsYuan')] },
        ],
      },
      { taxPaidLastYearYuan: FAIL, employees: FAIL, totalAssetsYuan: PASS },
      ['x'],
    ],
    [
      'every alternative of an any that failed',
      { any: [c('a', 'employees'), c('b', 'totalAssetsYuan')] },
      { employees: FAIL },
      ['a', 'b'],
    ],
    [
      'the passing condition under a failing not',
      { not: c('a', 'employees') },
      { employees: PASS },
      ['a'],
    ],
    ['nothing when a not passes', { not: c('a', 'employees') }, { employees: FAIL }, []],
    ['an unknown condition under a not', { not: c('a', 'employees') }, {}, ['a']],
    [
      'only the passing alternative under not(any) when it fails',
      { not: { any: [c('a', 'employees'), c('b', 'totalAssetsYuan')] } },
      { employees: PASS, totalAssetsYuan: FAIL },
      ['a'],
    ],
    [
      'the failed condition under not(not(...))',
      { all: [{ not: { not: c('a', 'employees') } }, c('b', 'totalAssetsYuan')] },
      { employees: FAIL, totalAssetsYuan: PASS },
      ['a'],
    ],
    [
      'only conditions that have a hint',
      { all: [c('a', 'employees', false), c('b', 'totalAssetsYuan')] },
      {},
      ['b'],
    ],
  ];

  it.each(rows)('should give the hints of %s', (_name, rule, facts, expected) => {
    expect(compileRule(rule).evaluate(facts).hints).toEqual(expected.map(hintText));
  });

  // Hints are collected in a buffer shared between evaluations: a second run must not mistake the
  // first run's leftovers for hints it already has.
  it('should give the same hints when a compiled rule is evaluated again', () => {
    const compiled = compileRule({ all: [c('a', 'employees'), c('b', 'totalAssetsYuan')] });
    const facts = { employees: FAIL, totalAssetsYuan: FAIL };
    const expected = [hintText('a'), hintText('b')];
    expect(compiled.evaluate(facts).hints).toEqual(expected);
    expect(compiled.evaluate(facts).hints).toEqual(expected);
    expect(compiled.evaluate({ employees: FAIL, totalAssetsYuan: PASS }).hints).toEqual([
      hintText('a'),
    ]);
    expect(compiled.evaluate(facts).hints).toEqual(expected);
  });

  it('should give a shared hint once when several failing conditions carry it', () => {
    const shared = { zh: '完善信用记录', en: 'Clear your credit record' };
    const rule: Rule = {
      all: [
        { ...c('a', 'taxPaidLastYearYuan'), hint: shared },
        c('b', 'employees'),
        { ...c('d', 'receivables.amountYuan'), hint: { ...shared } },
      ],
    };
    expect(compileRule(rule).evaluate({}).hints).toEqual([shared, hintText('b')]);
  });
});

describe('compileRule: missingFacts', () => {
  const rows: [string, Rule, Facts, string[]][] = [
    [
      'the unknown fact of an unknown all',
      { all: [c('a', 'employees'), c('b', 'totalAssetsYuan')] },
      { totalAssetsYuan: PASS },
      ['employees'],
    ],
    [
      'nothing when an all fails despite an unknown',
      { all: [c('a', 'employees'), c('b', 'totalAssetsYuan')] },
      { totalAssetsYuan: FAIL },
      [],
    ],
    [
      'every unknown alternative of an unknown any, sorted',
      { any: [c('a', 'taxPaidLastYearYuan'), c('b', 'employees'), c('c', 'totalAssetsYuan')] },
      { totalAssetsYuan: FAIL },
      ['employees', 'taxPaidLastYearYuan'],
    ],
    [
      'nothing when an any passes despite an unknown',
      { any: [c('a', 'employees'), c('b', 'totalAssetsYuan')] },
      { totalAssetsYuan: PASS },
      [],
    ],
    [
      'unknowns of nested groups',
      {
        all: [
          { any: [c('a', 'employees'), c('b', 'totalAssetsYuan')] },
          c('c', 'annualRevenueYuan'),
        ],
      },
      { employees: FAIL },
      ['annualRevenueYuan', 'totalAssetsYuan'],
    ],
    [
      'not the unknown inside an any that passed',
      {
        all: [
          { any: [c('a', 'employees'), c('b', 'totalAssetsYuan')] },
          c('c', 'annualRevenueYuan'),
        ],
      },
      { employees: PASS },
      ['annualRevenueYuan'],
    ],
    [
      'the fact under a not',
      { not: cond('a', 'credit.dishonestDebtor', 'equal', true) },
      { credit: {} },
      ['credit.dishonestDebtor'],
    ],
    [
      'a fact once when two conditions read it',
      { all: [c('a', 'employees'), cond('b', 'employees', 'lessThan', 300)] },
      {},
      ['employees'],
    ],
    [
      'a wrongly typed fact',
      { all: [c('a', 'employees'), c('b', 'totalAssetsYuan')] },
      { employees: '1', totalAssetsYuan: PASS },
      ['employees'],
    ],
    [
      // The search's stand-in for "any other string" must differ from every value a rule names.
      'a string fact that must differ from the empty string',
      { all: [cond('u', 'uscc', 'notEqual', '')] },
      {},
      ['uscc'],
    ],
    [
      'facts met in tree order already sorted',
      { all: [c('a', 'annualRevenueYuan'), c('b', 'employees'), c('c', 'totalAssetsYuan')] },
      {},
      ['annualRevenueYuan', 'employees', 'totalAssetsYuan'],
    ],
    [
      'facts met out of order, one sorting between two others',
      { all: [c('a', 'annualRevenueYuan'), c('b', 'totalAssetsYuan'), c('c', 'employees')] },
      {},
      ['annualRevenueYuan', 'employees', 'totalAssetsYuan'],
    ],
    [
      'a nested fact whose parent is missing',
      { all: [c('a', 'hiring.newHiresLast12Months')] },
      { employees: 3 },
      ['hiring.newHiresLast12Months'],
    ],
  ];

  it.each(rows)('should list %s', (_name, rule, facts, expected) => {
    const e = compileRule(rule).evaluate(facts);
    expect(e.missingFacts).toEqual(expected);
    expect(e.status === 'needs_info').toBe(expected.length > 0);
  });
});

describe('compileRule', () => {
  const product: Rule = {
    all: [
      cond('size', 'sizeClass', 'in', ['medium', 'small', 'micro']),
      cond('years', 'yearsInOperation', 'greaterThanInclusive', 3),
      cond('honest', 'credit.dishonestDebtor', 'equal', false),
      {
        ...cond('tech', 'certifications', 'contains', 'tech_sme'),
        hint: {
          zh: '在全国科技型中小企业信息库完成评价入库后可申请',
          en: 'Apply after registering in the national tech-SME database',
        },
      },
      cond('cap', 'financingNeed.amountYuan', 'lessThanInclusive', 10_000_000),
      {
        any: [
          cond('park', 'inIndustrialPark', 'equal', true),
          cond('list', 'listings', 'contains', 'caiyuan_recommendation'),
        ],
      },
    ],
  };
  // The example profile (docs/example-profile.json), with its derived facts.
  const facts: Facts = {
    entityType: 'enterprise',
    regionCode: '360111',
    industryCode: 'C3982',
    establishedOn: '2019-04-18',
    employees: 38,
    annualRevenueYuan: 16500000,
    inIndustrialPark: true,
    certifications: ['tech_sme'],
    listings: [],
    credit: {
      dishonestDebtor: false,
      overdueLoans: false,
      badCreditRecord: false,
      wageOrSocialInsuranceArrears: false,
    },
    financingNeed: { amountYuan: 2000000, termMonths: 12, purpose: 'working_capital' },
    sizeClass: 'small',
    yearsInOperation: 6,
  };

  it('should report every group and condition in reading order when evaluating a realistic product', () => {
    const e = compileRule(product).evaluate(facts);
    const condition = (id: string, group: string) => ({
      id,
      group,
      label: { zh: id, en: id },
      outcome: 'pass',
    });
    expect(e).toEqual({
      outcome: 'pass',
      status: 'eligible',
      criteria: [
        {
          id: 'eligibility.all',
          group: null,
          kind: 'all',
          label: { zh: '以下条件全部满足', en: 'All of the following' },
          outcome: 'pass',
        },
        ...['size', 'years', 'honest', 'tech', 'cap'].map((id) => condition(id, 'eligibility.all')),
        {
          id: 'eligibility.all[5].any',
          group: 'eligibility.all',
          kind: 'any',
          label: { zh: '以下条件满足其一即可', en: 'At least one of the following' },
          outcome: 'pass',
        },
        condition('park', 'eligibility.all[5].any'),
        {
          ...condition('list', 'eligibility.all[5].any'),
          outcome: 'fail',
          detail: {
            zh: '当前为 无，要求包含 财园信贷通推荐函',
            en: 'is none; must include Caiyuan credit recommendation letter',
          },
        },
      ],
      missingFacts: [],
      hints: [],
    });
  });

  it('should give groups their own label and outcome, a not the negated one, a bare condition no group', () => {
    const rule: Rule = {
      any: [
        {
          not: cond('big', 'employees', 'greaterThan', 500),
          label: { zh: '不超过500人', en: 'At most 500 staff' },
        },
        { all: [cond('park', 'inIndustrialPark', 'equal', true)] },
      ],
      label: { zh: '规模或园区', en: 'Size or park' },
    };
    const e = compileRule(rule).evaluate({ employees: 40 });
    expect(e.criteria.map((c) => [c.id, c.group, c.kind, c.label.en, c.outcome])).toEqual([
      ['eligibility.any', null, 'any', 'Size or park', 'pass'],
      ['eligibility.any[0].not', 'eligibility.any', 'not', 'At most 500 staff', 'pass'],
      ['big', 'eligibility.any[0].not', undefined, 'big', 'fail'],
      ['eligibility.any[1].all', 'eligibility.any', 'all', 'All of the following', 'unknown'],
      ['park', 'eligibility.any[1].all', undefined, 'park', 'unknown'],
    ]);
    expect(compileRule(rule).criteriaCount).toBe(5);
    expect(compileRule(rule).conditionCount).toBe(2);
    const bare = compileRule(cond('only', 'employees', 'greaterThan', 5)).evaluate({});
    expect(bare.criteria).toEqual([
      {
        id: 'only',
        group: null,
        label: { zh: 'only', en: 'only' },
        outcome: 'unknown',
        detail: { zh: '未提供', en: 'not provided' },
      },
    ]);
    expect(
      compileRule({ not: cond('x', 'employees', 'equal', 1) }, 'limits[0].when').evaluate({
        employees: 1,
      }).criteria[0],
    ).toMatchObject({ id: 'limits[0].when.not', group: null, outcome: 'fail' });
  });

  it('should be ineligible with the hint when the certification is missing from the array', () => {
    const e = compileRule(product).evaluate({ ...facts, certifications: [] });
    expect(e.status).toBe('ineligible');
    expect(e.hints.map((h) => h.en)).toEqual([
      'Apply after registering in the national tech-SME database',
    ]);
  });

  it('should need info naming the facts when the credit block and size are absent', () => {
    const { credit: _credit, sizeClass: _size, ...rest } = facts;
    const e = compileRule(product).evaluate(rest);
    expect(e.status).toBe('needs_info');
    expect(e.missingFacts).toEqual(['credit.dishonestDebtor', 'sizeClass']);
  });

  it('should give deep-equal results when evaluating the same input twice', () => {
    const compiled = compileRule(product);
    const partial = { ...facts, credit: undefined, listings: 'x' };
    const first = compiled.evaluate(partial);
    const second = compiled.evaluate(partial);
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(second).not.toBe(first);
  });

  it('should list the facts it reads, sorted and distinct, when compiled', () => {
    const compiled = compileRule({
      all: [product, cond('again', 'sizeClass', 'notEqual', 'large')],
    });
    expect(compiled.factsRead).toEqual([
      'certifications',
      'credit.dishonestDebtor',
      'financingNeed.amountYuan',
      'inIndustrialPark',
      'listings',
      'sizeClass',
      'yearsInOperation',
    ]);
    expect(compiled.conditionCount).toBe(8);
  });

  it('should throw a RuleValidationError carrying the issues when the rule is invalid', () => {
    const bad = { all: [] } as Rule;
    expect(() => compileRule(bad)).toThrow(RuleValidationError);
    try {
      compileRule(bad);
    } catch (error) {
      expect((error as RuleValidationError).issues).toEqual([
        expect.objectContaining({ path: 'eligibility.all', code: 'rule_empty_group' }),
      ]);
    }
  });

  it('should not be affected by later changes to the source rule when already compiled', () => {
    const source = { all: [cond('years', 'yearsInOperation', 'greaterThanInclusive', 3)] };
    const compiled = compileRule(source);
    (source.all[0] as Condition).value = 100;
    source.all[0].label.en = 'changed';
    const [, criterion] = compiled.evaluate({ yearsInOperation: 5 }).criteria;
    expect(criterion).toEqual({
      id: 'years',
      group: 'eligibility.all',
      label: { zh: 'years', en: 'years' },
      outcome: 'pass',
    });
  });

  it('should treat every fact as absent when facts is not an object', () => {
    const e = compileRule(product).evaluate(null as unknown as Facts);
    expect(e.status).toBe('needs_info');
    expect(e.criteria.every((x) => x.outcome === 'unknown')).toBe(true);
  });

  it('should evaluate large rules correctly when they outgrow the shared work buffers', () => {
    const small = compileRule(cond('s', 'employees', 'greaterThan', 5));
    const conditions = Array.from({ length: 150 }, (_, i) =>
      cond(`n${i}`, 'employees', 'greaterThanInclusive', i),
    );
    const large = compileRule({
      all: [{ any: conditions.slice(0, 75) }, { all: conditions.slice(75) }],
    });
    const e = large.evaluate({ employees: 100 });
    expect(e.criteria).toHaveLength(153);
    expect(e.criteria.filter((x) => x.outcome === 'fail' && !x.kind).map((x) => x.id)).toEqual(
      Array.from({ length: 49 }, (_, i) => `n${i + 101}`),
    );
    expect(e.status).toBe('ineligible');
    expect(large.evaluate({ employees: 149 }).status).toBe('eligible');
    expect(small.evaluate({ employees: 6 }).status).toBe('eligible');
  });

  it('should give each condition its own detail when two facts fail the same requirement', () => {
    const rule: Rule = {
      all: [
        cond('years', 'yearsInOperation', 'greaterThanInclusive', 3),
        cond('staff', 'employees', 'greaterThanInclusive', 3),
      ],
    };
    const compiled = compileRule(rule);
    const details = (facts: Facts): (string | undefined)[] =>
      compiled
        .evaluate(facts)
        .criteria.filter((c) => !c.kind)
        .map((c) => c.detail?.en);
    expect(details({ yearsInOperation: 1, employees: 2 })).toEqual([
      'is 1 year; must be ≥ 3 years',
      'is 2; must be ≥ 3',
    ]);
    expect(details({ yearsInOperation: 2, employees: 2 })).toEqual([
      'is 2 years; must be ≥ 3 years',
      'is 2; must be ≥ 3',
    ]);
    expect(details({ yearsInOperation: 1, employees: 0 })).toEqual([
      'is 1 year; must be ≥ 3 years',
      'is 0; must be ≥ 3',
    ]);
  });

  // Both facts are counts: the same requirement renders the same way, so only the value differs.
  it('should give each condition its own value when facts shown alike fail the same requirement', () => {
    const compiled = compileRule({
      all: [
        cond('staff', 'employees', 'greaterThanInclusive', 3),
        cond('hires', 'hiring.newHiresLast12Months', 'greaterThanInclusive', 3),
      ],
    });
    const details = (employees: number, hires: number): (string | undefined)[] =>
      compiled
        .evaluate({ employees, hiring: { newHiresLast12Months: hires } })
        .criteria.filter((c) => !c.kind)
        .map((c) => c.detail?.en);
    expect(details(1, 2)).toEqual(['is 1; must be ≥ 3', 'is 2; must be ≥ 3']);
    expect(details(2, 2)).toEqual(['is 2; must be ≥ 3', 'is 2; must be ≥ 3']);
    expect(details(2, 1)).toEqual(['is 2; must be ≥ 3', 'is 1; must be ≥ 3']);
    expect(details(0, 0)).toEqual(['is 0; must be ≥ 3', 'is 0; must be ≥ 3']);
  });

  it('should describe an array as it is now when it was changed in place since the last call', () => {
    const compiled = compileRule(cond('t', 'certifications', 'contains', 'tech_sme'));
    const certifications = ['high_tech_enterprise'];
    const facts = { certifications };
    expect(compiled.evaluate(facts).criteria[0].detail?.en).toBe(
      'is High-tech enterprise; must include Tech-based SME',
    );
    certifications.push('cultural_enterprise');
    expect(compiled.evaluate(facts).criteria[0].detail?.en).toBe(
      'is High-tech enterprise, Cultural enterprise; must include Tech-based SME',
    );
  });

  it('should describe an array whose element was replaced in place, its length unchanged', () => {
    const compiled = compileRule(cond('t', 'certifications', 'contains', 'tech_sme'));
    const certifications = ['high_tech_enterprise', 'specialized_sme'];
    const detail = () => compiled.evaluate({ certifications }).criteria[0].detail?.en;
    expect(detail()).toBe(
      'is High-tech enterprise, Specialised and innovative SME; must include Tech-based SME',
    );
    certifications[1] = 'cultural_enterprise';
    expect(detail()).toBe(
      'is High-tech enterprise, Cultural enterprise; must include Tech-based SME',
    );
  });

  it('should share one frozen failed criterion between products failing alike on equal arrays', () => {
    const rule = cond('t', 'certifications', 'contains', 'tech_sme');
    const [a, b] = [compileRule(rule), compileRule(rule)];
    const first = a.evaluate({ certifications: ['high_tech_enterprise'] }).criteria[0];
    // Another product, and a new array with the same elements: the same criterion.
    const second = b.evaluate({ certifications: ['high_tech_enterprise'] }).criteria[0];
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.detail)).toBe(true);
    const other = b.evaluate({ certifications: ['specialized_sme'] }).criteria[0];
    expect(other).not.toBe(first);
    expect(other.detail?.en).toBe('is Specialised and innovative SME; must include Tech-based SME');
  });

  it('should describe any sequence of arrays, new or changed in place, as they are at each call', () => {
    const labels = FACTS.certifications.valueLabels!;
    const values = Object.keys(labels);
    const compiled = compileRule(cond('t', 'listings', 'contains', 'caiyuan_recommendation'));
    const other = compileRule(cond('t', 'certifications', 'contains', 'tech_sme'));
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.boolean(),
            fc.array(fc.constantFrom(...values.filter((v) => v !== 'tech_sme')), {
              minLength: 1,
              maxLength: 4,
            }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        (steps) => {
          const kept: string[] = [];
          for (const [inPlace, next] of steps) {
            // Either the same array changed in place, or a new one.
            const certifications = inPlace ? kept : [...next];
            if (inPlace) kept.splice(0, kept.length, ...next);
            compiled.evaluate({ listings: ['industry_finance_whitelist'] });
            const shown = certifications.map((v) => labels[v].en).join(', ');
            expect(other.evaluate({ certifications }).criteria[0].detail?.en).toBe(
              `is ${shown}; must include Tech-based SME`,
            );
          }
        },
      ),
    );
  });

  it('should hand out one frozen criteria list for evaluations whose criteria are all the same', () => {
    const compiled = compileRule({
      all: [
        cond('staff', 'employees', 'greaterThanInclusive', 3),
        cond('tax', 'taxRelief', 'equal', true),
      ],
    });
    const first = compiled.evaluate({ employees: 5, taxRelief: true }).criteria;
    const again = compiled.evaluate({ employees: 5, taxRelief: true }).criteria;
    expect(again).toEqual(first);
    // The second is the frozen shared list, and a third equal evaluation gets it too.
    expect(Object.isFrozen(again)).toBe(true);
    expect(compiled.evaluate({ employees: 5, taxRelief: true }).criteria).toBe(again);
    // One criterion changes: a new list, and the one handed out before is left as it was.
    const other = compiled.evaluate({ employees: 1, taxRelief: true }).criteria;
    expect(other).not.toBe(again);
    expect(other[1].outcome).toBe('fail');
    expect(again[1].outcome).toBe('pass');
    expect(compiled.evaluate({ employees: 1, taxRelief: true }).criteria).toEqual(other);
  });

  it('should show array elements that are objects as ? when explaining a failure', () => {
    const e = compileRule(cond('t', 'certifications', 'contains', 'tech_sme')).evaluate({
      certifications: ['high_tech_enterprise', { toString: () => 'x' }, null],
    });
    expect(e.criteria[0].detail?.en).toBe(
      'is High-tech enterprise, ?, null; must include Tech-based SME',
    );
  });

  it('should ignore a fact given under its dotted name when the rule reads a nested path', () => {
    // Facts are nested objects; a flattened key is not the same fact.
    const e = compileRule(cond('h', 'credit.dishonestDebtor', 'equal', false)).evaluate({
      'credit.dishonestDebtor': false,
    });
    expect(e.outcome).toBe('unknown');
  });
});

describe('compileRule: statuses, labels and types (docs/rules.md)', () => {
  it('should give a not without a label a default label of its own, in both languages', () => {
    const criteria = compileRule({ not: c('a', 'employees') }).evaluate({}).criteria;
    const defaults = (rule: Rule): Text => compileRule(rule).evaluate({}).criteria[0].label;
    const { label } = criteria[0];
    expect(label).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(label.zh).not.toBe('');
    expect(label.en).not.toBe('');
    expect(label).not.toEqual(defaults({ all: [c('a', 'employees')] }));
    expect(label).not.toEqual(defaults({ any: [c('a', 'employees')] }));
    expect(criteria[0]).toMatchObject({ kind: 'not', outcome: 'unknown' });
  });

  // "If the known facts already rule the enterprise out, the answer is ineligible however much is
  // missing": no number of employees is both 1 and above 5.
  it('should be ineligible, with no missing facts, when no value of the missing fact could pass', () => {
    const rule: Rule = { all: [c('a', 'employees'), cond('b', 'employees', 'greaterThan', 5)] };
    const compiled = compileRule(rule);
    const e = compiled.evaluate({});
    expect([e.outcome, e.status, e.missingFacts]).toEqual(['unknown', 'ineligible', []]);
    expect(compiled.statusOf(resolveFacts({}))).toBe('ineligible');
    const open = compileRule({ all: [c('a', 'employees'), cond('b', 'employees', 'lessThan', 5)] });
    expect(open.statusOf(resolveFacts({}))).toBe('needs_info');
    expect(compiled.statusOf(resolveFacts({ employees: 1 }))).toBe('ineligible');
    expect(open.statusOf(resolveFacts({ employees: 1 }))).toBe('eligible');
  });

  it('should give the same parts from resolved facts, as an evaluation or written into a result', () => {
    const compiled = compileRule({
      all: [c('a', 'employees'), c('b', 'totalAssetsYuan'), c('c', 'annualRevenueYuan')],
    });
    const facts = { employees: FAIL, totalAssetsYuan: PASS };
    const expected = {
      outcome: 'fail',
      status: 'ineligible',
      criteria: compileRule({
        all: [c('a', 'employees'), c('b', 'totalAssetsYuan'), c('c', 'annualRevenueYuan')],
      }).evaluate(facts).criteria,
      missingFacts: [],
      hints: [hintText('a'), hintText('c')],
    };
    expect(compiled.evaluateResolved(resolveFacts(facts))).toEqual(expected);
    const into = {} as EvaluationParts;
    compiled.evaluateInto(resolveFacts(facts), into);
    const { outcome: _outcome, ...parts } = expected;
    expect(into).toEqual(parts);
  });

  // The completion search evaluates the whole tree again, on a work stack of its own.
  it('should still need info when a rule larger than the work buffers waits for one fact', () => {
    const rule: Rule = {
      all: [
        ...Array.from({ length: 100 }, (_, i) =>
          cond(`n${i}`, 'employees', 'greaterThanInclusive', i),
        ),
        cond('park', 'inIndustrialPark', 'equal', true),
      ],
    };
    const compiled = compileRule(rule);
    const e = compiled.evaluate({ employees: 150 });
    expect([e.status, e.missingFacts]).toEqual(['needs_info', ['inIndustrialPark']]);
    expect(compiled.statusOf(resolveFacts({ employees: 150 }))).toBe('needs_info');
    expect(compiled.evaluate({ employees: 150, inIndustrialPark: true }).status).toBe('eligible');
  });

  // A date fact is a YYYY-MM-DD string; nothing else that reads like one is coerced.
  it.each<[string, unknown]>([
    ['a String object', Object('2019-04-18')],
    ['an array holding the date', ['2019-04-18']],
    ['a date with a time', '2019-04-18T00:00:00'],
    ['a number', 20190418],
  ])('should leave a date condition unknown when the date is %s', (_name, establishedOn) => {
    const compiled = compileRule(cond('d', 'establishedOn', 'lessThan', '2020-01-01'));
    expect(compiled.evaluate({ establishedOn }).criteria[0]).toMatchObject({
      outcome: 'unknown',
      detail: INVALID_TYPE,
    });
    expect(compiled.evaluate({ establishedOn: '2019-04-18' }).outcome).toBe('pass');
  });

  // Conditions equal in content share their compiled parts across products; labels that differ
  // only in where zh ends and en begins are different labels.
  it('should keep each product its own label when two labels join to the same text', () => {
    const first = compileRule({
      all: [{ ...cond('same', 'employees', 'equal', 7), label: { zh: '甲乙', en: 'c' } }],
    });
    const second = compileRule({
      all: [{ ...cond('same', 'employees', 'equal', 7), label: { zh: '甲', en: '乙c' } }],
    });
    expect(first.evaluate({ employees: 7 }).criteria[1].label).toEqual({ zh: '甲乙', en: 'c' });
    expect(second.evaluate({ employees: 7 }).criteria[1].label).toEqual({ zh: '甲', en: '乙c' });
    expect(second.evaluate({ employees: 8 }).criteria[1].label).toEqual({ zh: '甲', en: '乙c' });
  });
});

describe('compileRule: the needs_info search (docs/rules.md, "Three outcomes")', () => {
  // The missing park decides both branches: with the park the `not` fails, without it the last
  // condition fails; the employees already known cannot be searched over as if missing.
  it('should be ineligible when only a different value of a known fact could pass', () => {
    const park = (id: string): Condition => cond(id, 'inIndustrialPark', 'equal', true);
    const rule: Rule = { all: [{ any: [c('a', 'employees'), { not: park('p1') }] }, park('p2')] };
    const e = compileRule(rule).evaluate({ employees: 2 });
    expect([e.outcome, e.status, e.missingFacts]).toEqual(['unknown', 'ineligible', []]);
    expect(compileRule(rule).evaluate({}).status).toBe('needs_info');
  });

  it('should need info when more facts are missing than the search state first holds', () => {
    const flags: FactName[] = [
      'inIndustrialPark',
      'taxRelief',
      'credit.dishonestDebtor',
      'credit.overdueLoans',
      'credit.badCreditRecord',
      'credit.wageOrSocialInsuranceArrears',
      'receivables.debtorIsGovernmentOrLargeEnterprise',
      'financingNeed.collateralAvailable',
      'hasCreditIssues',
    ];
    const counts: FactName[] = [
      'employees',
      'annualRevenueYuan',
      'totalAssetsYuan',
      'taxPaidLastYearYuan',
      'yearsInOperation',
      'receivables.amountYuan',
      'governmentProcurementContract.amountYuan',
      'hiring.newHiresLast12Months',
    ];
    const compiled = compileRule({
      all: [
        ...flags.map((f, i) => cond(`f${i}`, f, 'equal', true)),
        ...counts.map((f, i) => cond(`n${i}`, f, 'greaterThanInclusive', 1)),
      ],
    });
    const e = compiled.evaluate({});
    expect(e.status).toBe('needs_info');
    expect(e.missingFacts).toEqual([...flags, ...counts].sort());
    expect(compiled.statusOf(resolveFacts({}))).toBe('needs_info');
  });
});

// The status alone (statusOf) and the full evaluation agree with the three-valued tables of
// docs/rules.md: not swaps pass and fail, all fails on one failure, any passes on one pass, and a
// missing, null or wrongly typed fact is unknown.
describe('compileRule: statusOf and evaluate on the three-valued tables', () => {
  const P = cond('p', 'inIndustrialPark', 'equal', true);
  const T = cond('t', 'taxRelief', 'equal', true);
  const E = cond('e', 'employees', 'lessThan', 5);
  it.each<[string, Rule, Facts, string]>([
    ['not of a pass', { not: P }, { inIndustrialPark: true }, 'ineligible'],
    ['not of a fail', { not: P }, { inIndustrialPark: false }, 'eligible'],
    ['not of a missing fact', { not: P }, {}, 'needs_info'],
    ['not of a null fact', { not: P }, { inIndustrialPark: null }, 'needs_info'],
    ['not of a wrongly typed fact', { not: P }, { inIndustrialPark: 'yes' }, 'needs_info'],
    [
      'any with one pass',
      { any: [P, T] },
      { inIndustrialPark: false, taxRelief: true },
      'eligible',
    ],
    [
      'all with one fail',
      { all: [P, T] },
      { inIndustrialPark: true, taxRelief: false },
      'ineligible',
    ],
    [
      'all of a not and a pass',
      { all: [{ not: P }, T] },
      { inIndustrialPark: false, taxRelief: true },
      'eligible',
    ],
    [
      'any of two nots of passes',
      { any: [{ not: P }, { not: T }] },
      { inIndustrialPark: true, taxRelief: true },
      'ineligible',
    ],
    [
      'all of a pass and a not of a null fact',
      { all: [E, { not: P }] },
      { employees: 3, inIndustrialPark: null },
      'needs_info',
    ],
    [
      'all with a wrongly typed number',
      { all: [E, P] },
      { employees: '3', inIndustrialPark: true },
      'needs_info',
    ],
    ['all with a known fail and a missing fact', { all: [E, P] }, { employees: 7 }, 'ineligible'],
    [
      'a valid number that passes',
      { all: [E, P] },
      { employees: 3, inIndustrialPark: true },
      'eligible',
    ],
  ])('should give the status of %s', (_name, rule, facts, status) => {
    const compiled = compileRule(rule);
    expect(compiled.statusOf(resolveFacts(facts))).toBe(status);
    expect(compiled.evaluate(facts).status).toBe(status);
  });
});
