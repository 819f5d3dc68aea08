import { compileRule } from './compile-rule';
import type { FactName } from './facts';
import { referenceEvaluate } from './reference-interpreter';
import type { Condition, Facts, Outcome, ProductStatus, Rule } from './rule.types';

// Leaves whose outcome the test picks: `fact equal 1` passes on 1, fails on 2, unknown if absent.
const LEAF_FACTS: FactName[] = ['employees', 'annualRevenueYuan'];
const OUTCOMES: Outcome[] = ['pass', 'fail', 'unknown'];

function leaf(fact: FactName): Condition {
  return { id: fact, fact, operator: 'equal', value: 1, label: { zh: fact, en: fact } };
}

function factsFor(outcomes: Outcome[]): Facts {
  const facts: Facts = {};
  outcomes.forEach((o, i) => {
    if (o !== 'unknown') facts[LEAF_FACTS[i]] = o === 'pass' ? 1 : 2;
  });
  return facts;
}

const STATUS: Record<Outcome, ProductStatus> = {
  pass: 'eligible',
  fail: 'ineligible',
  unknown: 'needs_info',
};

// Spec (docs/rules.md): all — fail if any fails, else unknown if any unknown, else pass.
const ALL_TABLE: [Outcome, Outcome, Outcome][] = [
  ['pass', 'pass', 'pass'],
  ['pass', 'fail', 'fail'],
  ['pass', 'unknown', 'unknown'],
  ['fail', 'pass', 'fail'],
  ['fail', 'fail', 'fail'],
  ['fail', 'unknown', 'fail'],
  ['unknown', 'pass', 'unknown'],
  ['unknown', 'fail', 'fail'],
  ['unknown', 'unknown', 'unknown'],
];

// any — pass if any passes, else unknown if any unknown, else fail.
const ANY_TABLE: [Outcome, Outcome, Outcome][] = [
  ['pass', 'pass', 'pass'],
  ['pass', 'fail', 'pass'],
  ['pass', 'unknown', 'pass'],
  ['fail', 'pass', 'pass'],
  ['fail', 'fail', 'fail'],
  ['fail', 'unknown', 'unknown'],
  ['unknown', 'pass', 'pass'],
  ['unknown', 'fail', 'unknown'],
  ['unknown', 'unknown', 'unknown'],
];

function check(rule: Rule, facts: Facts, expected: Outcome, children: Outcome[]): void {
  const evaluation = compileRule(rule).evaluate(facts);
  expect(evaluation.outcome).toBe(expected);
  expect(evaluation.status).toBe(STATUS[expected]);
  // Each condition keeps its own outcome, whatever the group makes of it; the root group, listed
  // first, has the rule's.
  const conditions = evaluation.criteria.filter((c) => !c.kind);
  expect(conditions.map((c) => c.outcome)).toEqual(children);
  expect(evaluation.criteria[0].outcome).toBe(expected);
  expect(referenceEvaluate(rule, facts)).toBe(expected);
}

describe('three-valued logic', () => {
  it.each(ALL_TABLE)('should give all(%s, %s) = %s when evaluated', (a, b, expected) => {
    check({ all: LEAF_FACTS.map(leaf) }, factsFor([a, b]), expected, [a, b]);
  });

  it.each(ANY_TABLE)('should give any(%s, %s) = %s when evaluated', (a, b, expected) => {
    check({ any: LEAF_FACTS.map(leaf) }, factsFor([a, b]), expected, [a, b]);
  });

  it.each([
    ['pass', 'fail'],
    ['fail', 'pass'],
    ['unknown', 'unknown'],
  ] as [Outcome, Outcome][])('should give not(%s) = %s when evaluated', (a, expected) => {
    check({ not: leaf('employees') }, factsFor([a]), expected, [a]);
  });

  it.each(OUTCOMES)('should give a single-child all and any the child outcome %s', (a) => {
    check({ all: [leaf('employees')] }, factsFor([a]), a, [a]);
    check({ any: [leaf('employees')] }, factsFor([a]), a, [a]);
  });

  it.each(OUTCOMES)('should give not(not(%s)) the child outcome when double negated', (a) => {
    check({ not: { not: leaf('employees') } }, factsFor([a]), a, [a]);
  });

  it('should still report every condition when an all already failed early', () => {
    const rule: Rule = { all: [leaf('employees'), leaf('annualRevenueYuan')] };
    const evaluation = compileRule(rule).evaluate({ employees: 2 });
    expect(evaluation.criteria.map((c) => [c.id, c.outcome])).toEqual([
      ['eligibility.all', 'fail'],
      ['employees', 'fail'],
      ['annualRevenueYuan', 'unknown'],
    ]);
  });
});
