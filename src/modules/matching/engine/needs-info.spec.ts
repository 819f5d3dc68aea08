import fc from 'fast-check';

import { SEARCH_BUDGET, compileRule } from './compile-rule';
import { FACTS } from './facts';
import { resolveFacts, type ResolvedFacts } from './resolve-facts';
import { referenceEvaluate, referenceStatus } from './reference-interpreter';
import { OPERATORS, type CompiledRule, type Condition, type Facts, type Rule } from './rule.types';

const label = { zh: '条件', en: 'Condition' };
let nextId = 0;
const cond = (
  fact: Condition['fact'],
  operator: Condition['operator'],
  value: unknown,
): Condition => ({ id: `c${nextId++}`, fact, operator, value, label }) as Condition;

/** The operators that order numbers, in OPERATORS' order (the list operators come after them). */
const COMPARISONS = OPERATORS.slice(0, OPERATORS.indexOf('in'));

/** A condition on the certifications list: whether it holds one of two certifications. */
const certificationCondition = (): fc.Arbitrary<Condition> =>
  fc
    .tuple(
      fc.constantFrom('contains', 'doesNotContain'),
      fc.constantFrom('tech_sme', 'specialized_sme'),
    )
    .map(([op, v]) => cond('certifications', op as Condition['operator'], v));

describe('needs_info only while the missing facts could still make the product eligible', () => {
  it.each<[string, Rule, Facts, string]>([
    [
      'a range no value satisfies',
      { all: [cond('employees', 'greaterThan', 5), cond('employees', 'lessThan', 3)] },
      {},
      'ineligible',
    ],
    [
      'a fact both required and excluded',
      {
        all: [
          cond('certifications', 'contains', 'tech_sme'),
          { not: cond('certifications', 'contains', 'tech_sme') },
        ],
      },
      {},
      'ineligible',
    ],
    [
      'a known fact that rules out the only branch the missing one could open',
      {
        any: [
          { all: [cond('employees', 'greaterThan', 50), cond('inIndustrialPark', 'equal', true)] },
          cond('sizeClass', 'equal', 'large'),
        ],
      },
      { employees: 10, sizeClass: 'small' },
      'ineligible',
    ],
    [
      'a missing fact that can still open a branch',
      {
        any: [
          { all: [cond('employees', 'greaterThan', 5), cond('inIndustrialPark', 'equal', true)] },
          cond('sizeClass', 'equal', 'large'),
        ],
      },
      { employees: 10, sizeClass: 'small' },
      'needs_info',
    ],
    [
      'a range some value satisfies',
      { all: [cond('employees', 'greaterThan', 2), cond('employees', 'lessThan', 4)] },
      {},
      'needs_info',
    ],
    [
      'a ratio between two bounds',
      {
        all: [
          cond('jobRetentionRate', 'greaterThan', 0.5),
          cond('jobRetentionRate', 'lessThan', 0.75),
        ],
      },
      {},
      'needs_info',
    ],
    [
      'an integer range with no integer in it',
      { all: [cond('employees', 'greaterThan', 2), cond('employees', 'lessThan', 3)] },
      {},
      'ineligible',
    ],
  ])('should answer %s with the right status', (_name, rule, facts, status) => {
    const e = compileRule(rule).evaluate(facts);
    expect(e.status).toBe(status);
    if (status === 'ineligible') expect(e.missingFacts).toEqual([]);
    else expect(e.missingFacts.length).toBeGreaterThan(0);
  });

  // Small, complete domains: every value each fact can take in these rules and facts.
  const DOMAINS = {
    employees: [0, 1, 2, 3, 4, 5, 6],
    jobRetentionRate: [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1],
    inIndustrialPark: [true, false],
    sizeClass: ['large', 'medium', 'small', 'micro'],
    certifications: [[], ['tech_sme'], ['specialized_sme'], ['tech_sme', 'specialized_sme']],
  } as const;
  type Fact = keyof typeof DOMAINS;
  const FACTS = Object.keys(DOMAINS) as Fact[];

  const conditionArb: fc.Arbitrary<Condition> = fc.constantFrom(...FACTS).chain((fact) => {
    switch (fact) {
      case 'employees':
      case 'jobRetentionRate':
        return fc
          .tuple(
            fc.constantFrom(
              'equal',
              'lessThan',
              'lessThanInclusive',
              'greaterThan',
              'greaterThanInclusive',
            ),
            fc.constantFrom(...DOMAINS[fact].filter((_, i) => i % 2 === 1)),
          )
          .map(([op, v]) => cond(fact, op as Condition['operator'], v));
      case 'inIndustrialPark':
        return fc.boolean().map((v) => cond(fact, 'equal', v));
      case 'sizeClass':
        return fc
          .subarray([...DOMAINS.sizeClass], { minLength: 1 })
          .map((v) => cond(fact, 'in', v));
      case 'certifications':
        return certificationCondition();
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
    Object.fromEntries(FACTS.map((f) => [f, fc.constantFrom<unknown>(...DOMAINS[f])])),
    { requiredKeys: [] },
  );

  /** Every way to fill in the facts `facts` leaves out, over the small domains. */
  function completions(facts: Facts): Facts[] {
    let out: Facts[] = [facts];
    for (const f of FACTS) {
      if (f in facts) continue;
      out = out.flatMap((partial) => DOMAINS[f].map((v) => ({ ...partial, [f]: v })));
    }
    return out;
  }

  it('should say needs_info only when some completion is eligible, and ineligible only when none is', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, (rule, facts) => {
        const { status } = compileRule(rule).evaluate(facts);
        const passes = completions(facts).some((c) => referenceEvaluate(rule, c) === 'pass');
        if (status === 'needs_info') expect(passes).toBe(true);
        if (status === 'ineligible') expect(passes).toBe(false);
        if (status === 'eligible') expect(referenceEvaluate(rule, facts)).toBe('pass');
      }),
      { numRuns: 1500 },
    );
  });
});

// The completion search gives up after SEARCH_BUDGET evaluations with the answer that asks rather
// than refuses. A rule no completion can pass, yet whose search cannot prune: each `any` passes
// whatever its fact holds, and only yearsInOperation, read last and so searched last, fails.
describe('completion search budget', () => {
  const OPEN: Condition['fact'][] = [
    'employees',
    'annualRevenueYuan',
    'totalAssetsYuan',
    'taxPaidLastYearYuan',
    'receivables.amountYuan',
    'governmentProcurementContract.amountYuan',
    'hiring.newHiresLast12Months',
  ];
  // 4 representative values per fact (4, 5, 6 and the minimum 0; 0 to 3 for yearsInOperation): a
  // full search of n facts and yearsInOperation evaluates 4 + 16 + ... + 4^(n+1) completions.
  const searched = (n: number): number => (4 ** (n + 2) - 1) / 3 - 1;
  const unpassable = (open: number): Rule => ({
    all: [
      ...OPEN.slice(0, open).map((fact) => ({
        any: [cond(fact, 'equal', 5), cond(fact, 'notEqual', 5)],
      })),
      cond('yearsInOperation', 'equal', 1),
      cond('yearsInOperation', 'equal', 2),
    ],
  });

  it('should refuse when the search can try every completion within its budget', () => {
    expect(searched(4)).toBeLessThan(SEARCH_BUDGET);
    expect(compileRule(unpassable(4)).evaluate({}).status).toBe('ineligible');
  });

  it('should ask rather than refuse when trying every completion would exceed its budget', () => {
    expect(searched(7)).toBeGreaterThan(SEARCH_BUDGET);
    const e = compileRule(unpassable(7)).evaluate({});
    expect(e.status).toBe('needs_info');
    expect(e.missingFacts).toEqual([...OPEN, 'yearsInOperation'].sort());
  });

  it('should not call a question settling when checking it would exceed the budget', () => {
    const nothing = resolveFacts({});
    const small = compileRule(unpassable(4));
    const large = compileRule(unpassable(7));
    // Answering the first fact leaves the rest to search: settled (always ineligible) when
    // the search fits, unsettled, the cautious answer, when it does not.
    expect(small.settledBy(nothing, ['employees'])).toBe(true);
    expect(large.settledBy(nothing, ['employees'])).toBe(false);
  });
});

// A rule that reads each fact once is answered in one pass (docs/rules.md, "Searching
// completions"), but only where the search it stands for could not have run out of budget: the
// answers must not depend on which of the two gave them.
describe('completion search budget, rules reading each fact once', () => {
  /** A condition every value of an enum fact passes. */
  const anyValueOf = (
    fact: 'entityType' | 'financingNeed.purpose' | 'sizeClass' | 'agriOperatorType',
  ): Condition => {
    const type = FACTS[fact].type;
    return cond(fact, 'in', type.kind === 'enum' ? [...type.values] : []);
  };
  // Every value of the first facts passes, so the search cannot prune; no employee count below 0
  // passes, so it cannot succeed either: it tries every combination, 6 × 6 × 4 × 4 × 2 … of them.
  const passableHead = (counts: Condition['fact'][]): Rule[] => [
    anyValueOf('entityType'),
    anyValueOf('financingNeed.purpose'),
    anyValueOf('sizeClass'),
    anyValueOf('agriOperatorType'),
    ...counts.map((fact) => cond(fact, 'greaterThanInclusive', 0)),
  ];
  const unpassable = (counts: Condition['fact'][]): Rule => ({
    all: [...passableHead(counts), cond('employees', 'lessThan', 0)],
  });
  // Compiled in each test, not when the file loads (CONTRIBUTING.md, "Mutation testing").
  const fits = (): CompiledRule => compileRule(unpassable([]));
  const exceeds = (): CompiledRule =>
    compileRule(unpassable(['annualRevenueYuan', 'totalAssetsYuan']));
  const nothing = (): ResolvedFacts => resolveFacts({});

  it('should refuse when the search would try every completion within its budget', () => {
    expect(fits().evaluate({}).status).toBe('ineligible');
    expect(fits().statusOf(nothing())).toBe('ineligible');
  });

  it('should ask, as the search does, when it would run out of budget', () => {
    expect(exceeds().evaluate({}).status).toBe('needs_info');
    expect(exceeds().statusOf(nothing())).toBe('needs_info');
  });

  it('should call an answer settling only when the search would fit its budget', () => {
    expect(fits().settledBy(nothing(), ['entityType'])).toBe(true);
    expect(exceeds().settledBy(nothing(), ['entityType'])).toBe(false);
  });

  // The search of an answer tries each value of the asked facts, and below each combination of
  // them searches the other open facts: here 6 + 6 × (2 + 4 + … + 512) = 6,138 evaluations, past
  // the budget, though the same counts taken the other way round (1,022 + 512 × 6) fit it.
  it('should count the combinations of the asked facts times the search below each', () => {
    const counts: Condition['fact'][] = [
      'annualRevenueYuan',
      'totalAssetsYuan',
      'hiring.newHiresLast12Months',
      'hiring.newHiresFromTargetGroups',
      'receivables.amountYuan',
      'governmentProcurementContract.amountYuan',
      'taxPaidLastYearYuan',
      'yearsInOperation',
    ];
    const compiled = compileRule({
      all: [
        anyValueOf('entityType'),
        ...counts.map((fact) => cond(fact, 'greaterThanInclusive', 0)),
        cond('employees', 'lessThan', 0),
      ],
    });
    expect(compiled.settledBy(nothing(), ['entityType'])).toBe(false);
    // Read last, the asked fact still comes first in the search: 6,138 again, though the same
    // facts counted in the rule's order (1,022 + 512 × 6) fit.
    const askedLast = compileRule({
      all: [
        ...counts.map((fact) => cond(fact, 'greaterThanInclusive', 0)),
        cond('employees', 'lessThan', 0),
        anyValueOf('entityType'),
      ],
    });
    expect(askedLast.settledBy(nothing(), ['entityType'])).toBe(false);
  });

  it('should count every asked fact when all are answered, and no search below them', () => {
    // 6 + 36 + 144 + 576 + 1,152 evaluations answer every fact of the first rule; 8,826 the second.
    expect(fits().settledBy(nothing(), fits().factsRead)).toBe(true);
    expect(exceeds().settledBy(nothing(), exceeds().factsRead)).toBe(false);
  });

  it('should keep a rule that can pass open, and unsettled, whatever the budget', () => {
    const passable = compileRule({ all: passableHead(['annualRevenueYuan', 'totalAssetsYuan']) });
    expect(passable.evaluate({}).status).toBe('needs_info');
    expect(passable.settledBy(nothing(), ['entityType'])).toBe(false);
  });
});

// Both questions are answered in one pass over the rule when no open fact is read twice, and by
// searching completions otherwise (docs/rules.md, "Searching completions"). Whichever answers, the
// answer must be that of brute force: every value of every open fact (missing, null or wrongly
// typed) over small domains that take each region between the rules' constants.
describe('completion answers against brute force, rules reading a fact once or more', () => {
  const DOMAINS = {
    employees: [0, 1, 2, 3, 4, 5, 6],
    taxPaidLastYearYuan: [0, 1, 2, 3, 4, 5, 6],
    inIndustrialPark: [true, false],
    taxRelief: [true, false],
    agriOperatorType: ['large_grower', 'family_farm', 'farmer_cooperative', 'leading_enterprise'],
    certifications: [[], ['tech_sme'], ['specialized_sme'], ['tech_sme', 'specialized_sme']],
  } as const;
  type Fact = keyof typeof DOMAINS;
  const FACT_LIST = Object.keys(DOMAINS) as Fact[];
  /** A present value of the wrong type for each fact: open, like a missing one. */
  const WRONG: Record<Fact, unknown> = {
    employees: '3',
    taxPaidLastYearYuan: true,
    inIndustrialPark: 'yes',
    taxRelief: 1,
    agriOperatorType: 3,
    certifications: 'tech_sme',
  };

  const conditionOf = (fact: Fact): fc.Arbitrary<Condition> => {
    switch (fact) {
      case 'employees':
      case 'taxPaidLastYearYuan':
        return fc
          .tuple(
            fc.constantFrom(...COMPARISONS),
            // 0, the least value: `< 0` never passes, `>= 0` always does.
            fc.constantFrom(0, 1, 3, 5),
          )
          .map(([op, v]) => cond(fact, op as Condition['operator'], v));
      case 'inIndustrialPark':
      case 'taxRelief':
        return fc.boolean().map((v) => cond(fact, 'equal', v));
      case 'agriOperatorType':
        return fc
          .tuple(
            fc.constantFrom('in', 'notIn'),
            // Every value, too: a condition that always passes, or (notIn) never does.
            fc.oneof(
              fc.subarray([...DOMAINS.agriOperatorType], { minLength: 1 }),
              fc.constant([...DOMAINS.agriOperatorType]),
            ),
          )
          .map(([op, v]) => cond(fact, op as Condition['operator'], v));
      case 'certifications':
        return certificationCondition();
    }
  };

  /** A tree over `leaves` in their order: groups of one to three parts, any of them negated. */
  const treeOver = (leaves: readonly Rule[]): fc.Arbitrary<Rule> => {
    if (leaves.length === 1) {
      const [leaf] = leaves;
      return fc.constantFrom<Rule>(leaf, { not: leaf }, { all: [leaf] }, { any: [leaf] });
    }
    return fc
      .record({
        kind: fc.constantFrom('all', 'any'),
        cuts: fc.uniqueArray(fc.integer({ min: 1, max: leaves.length - 1 }), {
          minLength: 1,
          maxLength: 2,
        }),
        negated: fc.boolean(),
      })
      .chain(({ kind, cuts, negated }) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), leaves.length];
        const parts = bounds.slice(1).map((end, i) => treeOver(leaves.slice(bounds[i], end)));
        return fc.tuple(...parts).map((children): Rule => {
          const group = (kind === 'all' ? { all: children } : { any: children }) as Rule;
          return negated ? { not: group } : group;
        });
      });
  };
  /** Each fact read by one condition at most: what the one pass answers. */
  const readOnce: fc.Arbitrary<Rule> = fc
    .shuffledSubarray(FACT_LIST, { minLength: 1, maxLength: 5 })
    .chain((facts) => fc.tuple(...facts.map(conditionOf)))
    .chain((leaves) => treeOver(leaves));
  /** Facts drawn again for each condition: most rules read one twice, which only search answers. */
  const readTwice: fc.Arbitrary<Rule> = fc
    .array(fc.constantFrom(...FACT_LIST.slice(0, 3)), { minLength: 2, maxLength: 5 })
    .chain((facts) => fc.tuple(...facts.map(conditionOf)))
    .chain((leaves) => treeOver(leaves));
  const ruleArb = fc.oneof(readOnce, readTwice);
  const factsArb: fc.Arbitrary<Facts> = fc.record(
    Object.fromEntries(
      FACT_LIST.map((f) => [
        f,
        fc.oneof(fc.constantFrom<unknown>(...DOMAINS[f]), fc.constantFrom(null, WRONG[f])),
      ]),
    ),
    { requiredKeys: [] },
  );

  const isOpen = (facts: Facts, fact: Fact): boolean => {
    const v = (facts as Record<string, unknown>)[fact];
    return v === undefined || v === null || v === WRONG[fact];
  };
  /** Every answer for the open facts among `asked`. */
  function answers(facts: Facts, asked: readonly Fact[]): Facts[] {
    let out: Facts[] = [facts];
    for (const f of asked) {
      if (!isOpen(facts, f)) continue;
      out = out.flatMap((partial) => DOMAINS[f].map((v) => ({ ...partial, [f]: v })));
    }
    return out;
  }

  it('should say needs_info exactly when some completion passes (statusOf and evaluate)', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, (rule, facts) => {
        const compiled = compileRule(rule);
        const expected = referenceStatus(rule, facts);
        expect(compiled.statusOf(resolveFacts(facts))).toBe(expected);
        const e = compiled.evaluate(facts);
        expect(e.status).toBe(expected);
        if (expected !== 'needs_info') expect(e.missingFacts).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('should call the first `count` facts settling exactly when no answer to them leaves needs_info', () => {
    fc.assert(
      fc.property(
        ruleArb,
        factsArb,
        fc.shuffledSubarray(FACT_LIST, { minLength: 1, maxLength: 3 }),
        fc.nat(4),
        (rule, facts, asked, count) => {
          const settled = compileRule(rule).settledBy(resolveFacts(facts), asked, count);
          const expected = answers(facts, asked.slice(0, count)).every(
            (a) => referenceStatus(rule, a) !== 'needs_info',
          );
          expect(settled).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

// The completion searches keep their state in buffers shared by every rule, sized for small rules
// and grown for larger ones; a module loaded afresh in each test starts from the small buffers.
describe('completion search on rules larger than its first buffers', () => {
  type Engine = typeof import('./compile-rule');
  function freshEngine(): Engine {
    let engine: Engine | undefined;
    jest.isolateModules(() => {
      engine = jest.requireActual<Engine>('./compile-rule');
    });
    return engine as Engine;
  }
  /** 70 conditions employees = 10 passes, and two on the missing annual revenue (read twice). */
  const wide = (): Rule => ({
    all: [
      ...Array.from({ length: 70 }, () => cond('employees', 'equal', 10)),
      cond('annualRevenueYuan', 'greaterThan', 5),
      cond('annualRevenueYuan', 'lessThan', 10),
    ],
  });

  it('should decide a rule of over 64 nodes once its known facts pass', () => {
    const { compileRule: compile } = freshEngine();
    const facts = resolveFacts({ employees: 10, annualRevenueYuan: 7 });
    expect(compile(wide()).statusOf(facts)).toBe('eligible');
    expect(compile(wide()).statusOf(resolveFacts({ employees: 10 }))).toBe('needs_info');
  });

  it('should search a rule of over 64 nodes whose open part was recorded by its evaluation', () => {
    const { compileRule: compile, keepOpenParts } = freshEngine();
    const compiled = compile(wide());
    const facts = resolveFacts({ employees: 10 });
    // Within a match, settledBy reads the open part the evaluation recorded, and searches with
    // no other pass over the rule before it.
    keepOpenParts(facts.values);
    try {
      expect(compiled.evaluateResolved(facts).status).toBe('needs_info');
      // Some revenue passes, so with nothing answered the rule is not settled.
      expect(compiled.settledBy(facts, [])).toBe(false);
    } finally {
      keepOpenParts(undefined);
    }
  });

  it('should search a rule with more than 16 open facts, one of them read twice', () => {
    const { compileRule: compile } = freshEngine();
    const counts: Condition['fact'][] = [
      'employees',
      'annualRevenueYuan',
      'totalAssetsYuan',
      'taxPaidLastYearYuan',
      'receivables.amountYuan',
      'governmentProcurementContract.amountYuan',
      'hiring.newHiresLast12Months',
      'hiring.newHiresFromTargetGroups',
      'yearsInOperation',
    ];
    const flags: Condition['fact'][] = [
      'inIndustrialPark',
      'credit.dishonestDebtor',
      'credit.overdueLoans',
      'credit.badCreditRecord',
      'credit.wageOrSocialInsuranceArrears',
      'taxRelief',
      'financingNeed.collateralAvailable',
      'hasCreditIssues',
    ];
    const rule: Rule = {
      all: [
        ...counts.map((fact) => cond(fact, 'greaterThanInclusive', 0)),
        ...flags.map((fact) => cond(fact, 'equal', true)),
        cond('employees', 'lessThan', 100),
      ],
    };
    const compiled = compile(rule);
    expect(compiled.statusOf(resolveFacts({}))).toBe('needs_info');
    expect(compiled.settledBy(resolveFacts({}), [...counts, ...flags])).toBe(false);
  });
});

describe('completion search over the open facts only', () => {
  it('should leave a known fact as it is when settling the others', () => {
    // The park is known (false), so the rule needs employees above 5 and below 3: no value
    // passes. Employees are read twice, so the search answers.
    const compiled = compileRule({
      all: [
        { any: [cond('inIndustrialPark', 'equal', true), cond('employees', 'greaterThan', 5)] },
        cond('employees', 'lessThan', 3),
      ],
    });
    const facts = resolveFacts({ inIndustrialPark: false });
    expect(compiled.statusOf(facts)).toBe('ineligible');
    expect(compiled.settledBy(facts, [])).toBe(true);
  });
});

describe('completion in one pass, what a group can still become', () => {
  const allSizes = (): Condition => cond('sizeClass', 'in', ['large', 'medium', 'small', 'micro']);
  const allPurposes = (): Condition => {
    const type = FACTS['financingNeed.purpose'].type;
    return cond('financingNeed.purpose', 'in', type.kind === 'enum' ? [...type.values] : []);
  };

  it('should not let an `all` of children that cannot fail fail', () => {
    // Every size and every purpose passes, so the `all` passes and its negation cannot.
    const compiled = compileRule({ not: { all: [allSizes(), allPurposes()] } });
    expect(compiled.evaluate({}).status).toBe('ineligible');
    expect(compiled.statusOf(resolveFacts({}))).toBe('ineligible');
  });

  it('should not let an answered condition that passes fail', () => {
    // Employees above 5 fail the `all`, so its negation passes; employees up to 5 pass the
    // condition and leave the `all` to the size, which passes whatever it is: the negation fails.
    const compiled = compileRule({
      not: { all: [cond('employees', 'greaterThan', 5), allSizes()] },
    });
    expect(compiled.settledBy(resolveFacts({}), ['employees'])).toBe(true);
  });
});

describe('completion search budget, spent to the last evaluation', () => {
  // Every value of the first facts passes and no employee count below 0 exists, so the search
  // tries every combination: with 4, 3, 4, 4, 2 and 3 values of the first facts and 2 employee
  // counts, 4 × (1 + 3 × (1 + 4 × (1 + 4 × (1 + 2 × (1 + 3 × (1 + 2)))))) = 4,096 evaluations,
  // exactly the budget. Revenue is read twice, so the search answers, not the one pass.
  const exactlyTheBudget = (): Rule => ({
    all: [
      cond('sizeClass', 'in', ['large', 'medium', 'small', 'micro']),
      {
        any: [
          cond('annualRevenueYuan', 'greaterThanInclusive', 0),
          cond('annualRevenueYuan', 'greaterThanInclusive', 1),
        ],
      },
      {
        any: [
          cond('totalAssetsYuan', 'greaterThanInclusive', 0),
          cond('totalAssetsYuan', 'greaterThanInclusive', 2),
        ],
      },
      {
        any: [
          cond('taxPaidLastYearYuan', 'greaterThanInclusive', 0),
          cond('taxPaidLastYearYuan', 'greaterThanInclusive', 2),
        ],
      },
      cond('hiring.newHiresLast12Months', 'greaterThanInclusive', 0),
      {
        any: [
          cond('receivables.amountYuan', 'greaterThanInclusive', 0),
          cond('receivables.amountYuan', 'greaterThanInclusive', 1),
        ],
      },
      cond('employees', 'lessThan', 0),
    ],
  });

  it('should refuse when the search needs its whole budget and no more', () => {
    const compiled = compileRule(exactlyTheBudget());
    expect(compiled.statusOf(resolveFacts({}))).toBe('ineligible');
    expect(compiled.evaluate({}).status).toBe('ineligible');
  });

  it('should settle every answer to every fact in exactly the budget', () => {
    const compiled = compileRule(exactlyTheBudget());
    expect(compiled.settledBy(resolveFacts({}), compiled.factsRead)).toBe(true);
  });

  it('should ask when the same search would need more than its budget', () => {
    // A third employee count (1) to try at the last level: 4 × (1 + 3 × (… (1 + 3 × (1 + 3)))),
    // 5,248 evaluations.
    const compiled = compileRule({
      all: [...(exactlyTheBudget() as { all: Rule[] }).all, cond('employees', 'notEqual', 1)],
    });
    expect(compiled.statusOf(resolveFacts({}))).toBe('needs_info');
  });
});
