import fc from 'fast-check';
import { compileRule, type Condition, type CriterionResult, type Facts, type Rule } from './engine';
import { inView, summariseResult } from './match-view';

const label = { zh: '条件', en: 'Condition' };
const c = (id: string, outcome: CriterionResult['outcome'], group: string | null = 'g') =>
  ({ id, group, label, outcome }) as CriterionResult;
const g = (id: string, kind: 'all' | 'any' | 'not', outcome: CriterionResult['outcome']) =>
  ({ id, group: null, kind, label, outcome }) as CriterionResult;
const ALL = [g('g', 'all', 'fail'), c('a', 'pass'), c('b', 'fail'), c('d', 'unknown')];

const when = (id: string, operator: 'greaterThan' | 'lessThan', value: number): Rule => ({
  id,
  fact: 'employees',
  operator,
  value,
  label: { zh: id, en: id },
});

/** The summary of `rule` evaluated on `facts` by the engine, as a preview would show it. */
function summaryOf(rule: Rule, facts: Facts) {
  const { status, criteria } = compileRule(rule).evaluate(facts);
  return { status, summary: summariseResult({ status, criteria }).criteria };
}

describe('the summary view of a match', () => {
  it.each([
    ['eligible', [], []],
    ['ineligible', ALL, ['g', 'b', 'd']],
    ['needs_info', ALL, ['g', 'b', 'd']],
    ['ineligible', [c('a', 'pass', null)], []],
  ] as const)(
    'should keep, for a %s result, only the entries that did not pass',
    (status, criteria, ids) => {
      const r = { productCode: 'P', status, score: 70, criteria: [...criteria], hints: [] };
      const s = summariseResult(r);
      expect(s.criteria.map((x) => x.id)).toEqual(ids);
      expect({ ...s, criteria: undefined }).toEqual({ ...r, criteria: undefined });
      // The input is not changed.
      expect(r.criteria).toHaveLength(criteria.length);
    },
  );

  it('should give an eligible result no criteria even when a branch of an any failed', () => {
    expect(summariseResult({ status: 'eligible', criteria: ALL }).criteria).toEqual([]);
  });

  it('should keep what held under a failed not: the reason it failed', () => {
    // 12 employees: "more than 5" holds, so "not more than 5" fails.
    const rule: Rule = {
      all: [when('few', 'lessThan', 100), { not: when('many', 'greaterThan', 5) }],
    };
    const { status, summary } = summaryOf(rule, { employees: 12 });
    expect(status).toBe('ineligible');
    expect(summary.map((x) => [x.id, x.group, x.outcome])).toEqual([
      ['eligibility.all', null, 'fail'],
      ['eligibility.all[1].not', 'eligibility.all', 'fail'],
      ['many', 'eligibility.all[1].not', 'pass'],
    ]);
  });

  it('should leave out the failed branches of an any that passed, with the any', () => {
    const rule: Rule = {
      all: [
        { any: [when('small', 'lessThan', 5), when('medium', 'lessThan', 50)] },
        when('large', 'greaterThan', 100),
      ],
    };
    const { status, summary } = summaryOf(rule, { employees: 12 });
    expect(status).toBe('ineligible');
    expect(summary.map((x) => [x.id, x.group, x.outcome])).toEqual([
      ['eligibility.all', null, 'fail'],
      ['large', 'eligibility.all', 'fail'],
    ]);
  });

  it('should keep the entries that failed under two nots, those that held or are open under one', () => {
    const rule: Rule = {
      any: [
        { not: { not: when('many', 'greaterThan', 50) } },
        { not: { any: [when('few', 'lessThan', 20), when('some', 'greaterThan', 1)] } },
      ],
    };
    expect(summaryOf(rule, { employees: 12 }).summary.map((x) => x.id)).toEqual([
      'eligibility.any',
      'eligibility.any[0].not',
      'eligibility.any[0].not.not',
      'many',
      'eligibility.any[1].not',
      'eligibility.any[1].not.any',
      'few',
      'some',
    ]);
    const open = summaryOf({ not: when('many', 'greaterThan', 50) }, {});
    expect(open.status).toBe('needs_info');
    expect(open.summary.map((x) => [x.id, x.outcome])).toEqual([
      ['eligibility.not', 'unknown'],
      ['many', 'unknown'],
    ]);
  });

  it('should read a run stored without groups as entries of the root', () => {
    const old = [
      { id: 'a', outcome: 'pass' },
      { id: 'b', outcome: 'fail' },
    ];
    expect(summariseResult({ status: 'ineligible', criteria: old }).criteria).toEqual([old[1]]);
  });

  // Trees over one fact, so that every outcome (and unknown, when it is missing) is likely.
  const tree: fc.Arbitrary<Rule> = fc.letrec<{ tree: Rule }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc
        .tuple(
          fc.constantFrom('greaterThan' as const, 'lessThan' as const),
          fc.integer({ min: 0, max: 9 }),
        )
        .map(([op, v]) => when('c', op, v)),
      fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      tie('tree').map((not) => ({ not })),
    ),
  })).tree;
  const numbered = (rule: Rule, next = { n: 0 }): Rule =>
    'all' in rule
      ? { all: rule.all.map((r) => numbered(r, next)) }
      : 'any' in rule
        ? { any: rule.any.map((r) => numbered(r, next)) }
        : 'not' in rule
          ? { not: numbered(rule.not, next) }
          : when(
              `c${next.n++}`,
              (rule as Condition).operator as 'lessThan',
              (rule as Condition).value as number,
            );

  it('should resolve every group a kept entry names, and explain every failed or unknown group', () => {
    fc.assert(
      fc.property(tree, fc.option(fc.integer({ min: 0, max: 10 })), (rule, employees) => {
        const { status, summary } = summaryOf(numbered(rule), { employees });
        if (status === 'eligible') return;
        const ids = new Set(summary.map((x) => x.id));
        expect(summary[0]?.group).toBeNull();
        for (const x of summary) if (x.group !== null) expect(ids).toContain(x.group);
        // Each kept group has an entry under it: what made it fail or left it open.
        for (const x of summary) {
          if (x.kind) expect(summary.some((y) => y.group === x.id)).toBe(true);
        }
      }),
    );
  });

  it('should return the full body untouched, and summarise every result otherwise', () => {
    const body = {
      derived: { sizeClass: 'small' },
      results: [
        { status: 'eligible', criteria: ALL },
        { status: 'ineligible', criteria: ALL },
      ],
      questions: [{ field: 'credit' }],
    };
    expect(inView(body, 'full')).toBe(body);
    expect(inView(body, undefined)).toBe(body);
    const summary = inView(body, 'summary');
    expect(summary.results.map((r) => r.criteria.length)).toEqual([0, 3]);
    expect(summary.derived).toBe(body.derived);
    expect(summary.questions).toBe(body.questions);
  });
});
