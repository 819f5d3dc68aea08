import fc from 'fast-check';

import { compileRule } from './compile-rule';
import { matchAndAsk, matchProducts, type MatchableProduct } from './match';
import { FACTS } from './facts';
import { FIELD_ORDER, defaultFieldsOf, interview, type OpenProduct } from './questions';
import { referenceStatus } from './reference-interpreter';
import { resolveFacts } from './resolve-facts';
import type { Condition, Facts, Rule } from './rule.types';

const label = { zh: '条件', en: 'Condition' };
let nextId = 0;
const cond = (
  fact: Condition['fact'],
  operator: Condition['operator'],
  value: unknown,
): Condition => ({ id: `c${nextId++}`, fact, operator, value, label }) as Condition;

const TERMS = {
  amountMinYuan: null,
  amountMaxYuan: 1_000_000,
  termMonthsMax: 36,
  rate: { basis: 'LPR_1Y' as const },
  collateral: 'none' as const,
};
const OPTS = { asOf: '2026-06-30', lpr1yBp: 300 };

function product(code: string, rule: Rule): MatchableProduct {
  return { code, version: 1, provisional: false, terms: TERMS, compiled: compileRule(rule) };
}

describe('settledBy: whether one answer decides a rule', () => {
  const park = cond('inIndustrialPark', 'equal', true);
  const tax = cond('taxPaidLastYearYuan', 'greaterThanInclusive', 100_000);
  const tech = cond('certifications', 'contains', 'tech_sme');

  it.each<[string, Rule, Facts, string[], boolean]>([
    ['the only missing fact of an all', { all: [park] }, {}, ['inIndustrialPark'], true],
    ['one of two missing facts of an all', { all: [park, tax] }, {}, ['inIndustrialPark'], false],
    [
      'both missing facts of an all',
      { all: [park, tax] },
      {},
      ['inIndustrialPark', 'taxPaidLastYearYuan'],
      true,
    ],
    ['an any whose other branch stays open', { any: [park, tax] }, {}, ['inIndustrialPark'], false],
    [
      'an any whose other branch failed',
      { any: [park, tax] },
      { taxPaidLastYearYuan: 5 },
      ['inIndustrialPark'],
      true,
    ],
    ['a fact the rule does not read', { all: [park] }, {}, ['employees'], false],
    [
      'a fact already known',
      { all: [park, tax] },
      { taxPaidLastYearYuan: 5 },
      ['taxPaidLastYearYuan'],
      true,
    ],
    [
      'an answer after which no completion passes (ineligible, not needs_info)',
      {
        all: [
          { any: [cond('inIndustrialPark', 'equal', true), tech] },
          { not: cond('inIndustrialPark', 'equal', true) },
          cond('taxRelief', 'equal', true),
        ],
      },
      {},
      ['inIndustrialPark'],
      false,
    ],
    [
      'an answer after which no completion passes, the other way round',
      {
        any: [
          { all: [park, cond('taxRelief', 'equal', true)] },
          {
            all: [
              { not: cond('inIndustrialPark', 'equal', true) },
              cond('certifications', 'doesNotContain', 'tech_sme'),
              tech,
            ],
          },
        ],
      },
      {},
      ['inIndustrialPark'],
      false,
    ],
    [
      'a fact whose every value closes the other branches',
      {
        any: [
          { all: [park, cond('certifications', 'doesNotContain', 'tech_sme'), tech] },
          {
            all: [
              { not: cond('inIndustrialPark', 'equal', true) },
              cond('taxRelief', 'equal', true),
            ],
          },
        ],
      },
      { taxRelief: false },
      ['inIndustrialPark'],
      true,
    ],
    [
      'a range with a value inside and values outside',
      { all: [cond('employees', 'greaterThan', 5), cond('employees', 'lessThan', 50), park] },
      { inIndustrialPark: true },
      ['employees'],
      true,
    ],
  ])('should answer %s', (_name, rule, facts, asked, settled) => {
    const compiled = compileRule(rule);
    expect(compiled.settledBy(resolveFacts(facts), asked as never)).toBe(settled);
    // Asking never disturbs what an evaluation reports next.
    expect(compiled.evaluate(facts)).toEqual(compileRule(rule).evaluate(facts));
  });

  // Small, complete domains: every value each fact can take in these rules (needs-info.spec.ts).
  const DOMAINS = {
    employees: [0, 1, 2, 3, 4, 5, 6],
    inIndustrialPark: [true, false],
    taxRelief: [true, false],
    agriOperatorType: ['large_grower', 'family_farm', 'farmer_cooperative', 'leading_enterprise'],
    certifications: [[], ['tech_sme'], ['specialized_sme'], ['tech_sme', 'specialized_sme']],
  } as const;
  type Fact = keyof typeof DOMAINS;
  const FACT_LIST = Object.keys(DOMAINS) as Fact[];

  const conditionArb: fc.Arbitrary<Condition> = fc.constantFrom(...FACT_LIST).chain((fact) => {
    switch (fact) {
      case 'employees':
        return fc
          .tuple(
            fc.constantFrom('equal', 'lessThan', 'greaterThanInclusive', 'notEqual'),
            fc.constantFrom(1, 3, 5),
          )
          .map(([op, v]) => cond(fact, op as Condition['operator'], v));
      case 'inIndustrialPark':
      case 'taxRelief':
        return fc.boolean().map((v) => cond(fact, 'equal', v));
      case 'agriOperatorType':
        return fc
          .subarray([...DOMAINS.agriOperatorType], { minLength: 1 })
          .map((v) => cond(fact, 'in', v));
      case 'certifications':
        return fc
          .tuple(
            fc.constantFrom('contains', 'doesNotContain'),
            fc.constantFrom('tech_sme', 'specialized_sme'),
          )
          .map(([op, v]) => cond(fact, op as Condition['operator'], v));
    }
  });
  const ruleArb: fc.Arbitrary<Rule> = fc.letrec<{ r: Rule }>((tie) => ({
    r: fc.oneof(
      { maxDepth: 3, depthSize: 'small' },
      conditionArb,
      fc.array(tie('r'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('r'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      tie('r').map((not) => ({ not })),
    ),
  })).r;
  const factsArb: fc.Arbitrary<Facts> = fc.record(
    Object.fromEntries(FACT_LIST.map((f) => [f, fc.constantFrom<unknown>(...DOMAINS[f])])),
    { requiredKeys: [] },
  );

  /** Every answer for the facts `asked` that `facts` leaves out. */
  function answers(facts: Facts, asked: readonly Fact[]): Facts[] {
    let out: Facts[] = [facts];
    for (const f of asked) {
      if (f in facts) continue;
      out = out.flatMap((partial) => DOMAINS[f].map((v) => ({ ...partial, [f]: v })));
    }
    return out;
  }

  it('should say settled exactly when no answer leaves the status needs_info (against the reference)', () => {
    fc.assert(
      fc.property(
        ruleArb,
        factsArb,
        fc.subarray(FACT_LIST, { minLength: 1, maxLength: 2 }),
        (rule, facts, asked) => {
          const settled = compileRule(rule).settledBy(resolveFacts(facts), asked);
          const expected = answers(facts, asked).every(
            (a) => referenceStatus(rule, a) !== 'needs_info',
          );
          expect(settled).toBe(expected);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('should build the interview from open products only, each settled product checked by answering', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 6 }), factsArb, (rules, facts) => {
        const products = rules.map((r, i) => product(`P${i}`, r));
        const { results, questions } = matchAndAsk(products, facts, OPTS);
        expect(results).toEqual(matchProducts(products, facts, OPTS));
        const open = results.filter((r) => r.status === 'needs_info');
        // Exactly the fields some open product is missing (these facts are all top-level).
        expect(questions.map((q) => q.field).sort()).toEqual(
          [...new Set(open.flatMap((r) => r.missingFacts))].sort(),
        );
        const openCodes = open.map((r) => r.productCode);
        for (const q of questions) {
          // In result order, and only open products.
          expect(q.settles).toEqual(openCodes.filter((c) => q.settles.includes(c)));
          const asked = q.field as Fact;
          for (const r of open) {
            const rule = rules[Number(r.productCode.slice(1))];
            const decided = answers(facts, [asked]).every(
              (a) => referenceStatus(rule, a) !== 'needs_info',
            );
            expect(q.settles.includes(r.productCode)).toBe(decided);
          }
        }
        // Most products settled first; ties: the most shared, then the profile's order.
        const shared = (field: string): number =>
          open.filter((r) => r.missingFacts.includes(field)).length;
        for (let i = 0; i + 1 < questions.length; i++) {
          const [a, b] = [questions[i], questions[i + 1]];
          const key = (q: typeof a): [number, number, number] => [
            -q.settles.length,
            -shared(q.field),
            FIELD_ORDER.get(q.field) as number,
          ];
          const [ka, kb] = [key(a), key(b)];
          const cmp = ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
          expect(cmp).toBeLessThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('interview: which fields, in which order', () => {
  const park = (): Condition => cond('inIndustrialPark', 'equal', true);
  const tax = (): Condition => cond('taxPaidLastYearYuan', 'greaterThanInclusive', 100_000);
  const relief = (): Condition => cond('taxRelief', 'equal', true);
  const employees = (): Condition => cond('employees', 'lessThanInclusive', 500);

  it('should order by products settled, then by products sharing the field, then profile order', () => {
    const products = [
      // taxRelief settles A and B; inIndustrialPark settles C only but is missing in C, D and E;
      // employees settles E only (and comes earlier in the profile); taxPaid settles nothing.
      product('A', { all: [relief()] }),
      product('B', { any: [relief()] }),
      product('C', { all: [park()] }),
      product('D', { all: [park(), tax()] }),
      product('E', { all: [employees(), { any: [park(), employees()] }] }),
    ];
    const { questions } = matchAndAsk(products, {}, OPTS);
    expect(questions.map((q) => [q.field, q.settles])).toEqual([
      ['taxRelief', ['A', 'B']],
      ['inIndustrialPark', ['C']],
      ['employees', ['E']],
      ['taxPaidLastYearYuan', []],
    ]);
    // Labels are the profile's, in both languages.
    expect(questions[0].label).toEqual({
      zh: '依法免税或享受税收优惠',
      en: 'Exempt from tax or enjoying a tax preference',
    });
  });

  it('should break a tie of settled products by sharing, and a tie of both by profile order', () => {
    const products = [
      product('A', { all: [park(), relief()] }),
      product('B', { all: [park()] }),
      product('C', { all: [relief()] }),
      product('D', { all: [tax()] }),
    ];
    const { questions } = matchAndAsk(products, {}, OPTS);
    // Each settles one product; park and relief are shared by two, and park comes first.
    expect(questions.map((q) => q.field)).toEqual([
      'inIndustrialPark',
      'taxRelief',
      'taxPaidLastYearYuan',
    ]);
  });

  it('should ask nothing when nothing is open', () => {
    const { results, questions } = matchAndAsk(
      [product('A', { all: [park()] })],
      { inIndustrialPark: false },
      OPTS,
    );
    expect(results[0].status).toBe('ineligible');
    expect(questions).toEqual([]);
    expect(interview([], resolveFacts({}))).toEqual([]);
  });

  it('should ask for an object nobody filled in as a whole, and for a leaf of a given one', () => {
    const debtor = cond('credit.dishonestDebtor', 'equal', false);
    const partners = cond('founder.partners', 'lessThanInclusive', 5);
    const products = [product('A', { all: [debtor] }), product('B', { all: [partners] })];
    const none = matchAndAsk(products, {}, OPTS).questions;
    expect(none.map((q) => [q.field, q.label.zh, q.settles])).toEqual([
      ['founder', '创业者', ['B']],
      ['credit', '信用状况', ['A']],
    ]);
    const some = matchAndAsk(products, { founder: { categories: ['veteran'] } }, OPTS).questions;
    expect(some.map((q) => q.field)).toEqual(['founder.partners', 'credit']);
    expect(some[0].label).toEqual({
      zh: '合伙创业人数',
      en: 'Partners starting the business together',
    });
  });

  it.each<[string, Facts, string[]]>([
    ['yearsInOperation', {}, ['establishedOn']],
    ['cityCode', {}, ['regionCode']],
    ['industrySection', {}, ['industryCode']],
    ['hasCreditIssues', {}, ['credit']],
    ['targetGroupHireShare', { employees: 10 }, ['hiring']],
    ['targetGroupHireShare', {}, ['hiring', 'employees']],
    ['targetGroupHireShare', { employees: 0, hiring: { newHiresFromTargetGroups: 1 } }, ['hiring']],
    [
      'sizeClass',
      { industryCode: 'C3982', employees: 5, annualRevenueYuan: 1 },
      ['totalAssetsYuan'],
    ],
    ['credit.overdueLoans', {}, ['credit']],
    ['credit.overdueLoans', { credit: { dishonestDebtor: false } }, ['credit.overdueLoans']],
    // Null is missing too (docs/rules.md): an object holding only nulls was not filled in.
    ['credit.overdueLoans', { credit: { dishonestDebtor: null } }, ['credit']],
    ['taxRelief', {}, ['taxRelief']],
    ['notAFact', {}, ['notAFact']],
  ])('should ask for a missing %s given %j as %j', (fact, facts, fields) => {
    expect(defaultFieldsOf(fact, resolveFacts(facts).values)).toEqual(fields);
  });

  it('should settle a product on a derived fact by asking the field behind it', () => {
    const years = cond('yearsInOperation', 'greaterThanInclusive', 2);
    const products = [product('A', { all: [years] }), product('B', { all: [years, park()] })];
    const { questions } = matchAndAsk(products, {}, OPTS);
    expect(questions.map((q) => [q.field, q.settles])).toEqual([
      ['establishedOn', ['A']],
      ['inIndustrialPark', []],
    ]);
  });

  it('should let the caller say which fields decide a derived fact, and not settle on a fact needing two', () => {
    const small = cond('sizeClass', 'in', ['small', 'micro']);
    const products = [product('A', { all: [small] })];
    const one = matchAndAsk(products, {}, { ...OPTS, fieldsOf: () => ['totalAssetsYuan'] });
    expect(one.questions.map((q) => [q.field, q.settles])).toEqual([['totalAssetsYuan', ['A']]]);
    const two = matchAndAsk(
      products,
      {},
      {
        ...OPTS,
        fieldsOf: (f) => (f === 'sizeClass' ? ['employees', 'totalAssetsYuan'] : undefined),
      },
    );
    expect(two.questions.map((q) => [q.field, q.settles])).toEqual([
      ['employees', []],
      ['totalAssetsYuan', []],
    ]);
  });

  it('should list a product once under a field that decides several of its facts', () => {
    const rule: Rule = {
      all: [cond('credit.overdueLoans', 'equal', false), cond('hasCreditIssues', 'equal', false)],
    };
    const { questions } = matchAndAsk([product('A', rule)], {}, OPTS);
    expect(questions).toEqual([
      { field: 'credit', label: { zh: '信用状况', en: 'Credit record' }, settles: ['A'] },
    ]);
  });

  it('should accept open products given directly, in their order', () => {
    const open: OpenProduct[] = ['Z', 'A'].map((code) => ({
      code,
      compiled: compileRule({ all: [park()] }),
      missingFacts: ['inIndustrialPark'],
    }));
    expect(interview(open, resolveFacts({}))[0].settles).toEqual(['Z', 'A']);
  });

  // Fields outside the profile (a caller's own mapping, a name the engine does not know) tie on
  // the profile's order too: they come last, in name order, whatever order they were met in.
  it.each([
    [['z_field', 'a_field', 'm_field']],
    [['a_field', 'm_field', 'z_field']],
    [['m_field', 'z_field', 'a_field']],
  ])('should order fields outside the profile by name when all else ties (met as %j)', (met) => {
    const open: OpenProduct[] = [
      {
        code: 'A',
        compiled: compileRule({ all: [park()] }),
        missingFacts: [...met, 'inIndustrialPark'],
      },
    ];
    expect(interview(open, resolveFacts({})).map((q) => [q.field, q.label])).toEqual([
      ['inIndustrialPark', { zh: '位于工业园区', en: 'Located in an industrial park' }],
      ['a_field', { zh: 'a_field', en: 'a_field' }],
      ['m_field', { zh: 'm_field', en: 'm_field' }],
      ['z_field', { zh: 'z_field', en: 'z_field' }],
    ]);
  });

  // The caller says this one field makes sizeClass known, and sizeClass alone decides the rule.
  it('should label a derived fact asked as itself with the fact label', () => {
    const small = cond('sizeClass', 'in', ['small', 'micro']);
    const { questions } = matchAndAsk(
      [product('A', { all: [small] })],
      {},
      {
        ...OPTS,
        fieldsOf: () => ['yearsInOperation'],
      },
    );
    expect(questions).toEqual([
      { field: 'yearsInOperation', label: FACTS.yearsInOperation.label, settles: ['A'] },
    ]);
  });
});
