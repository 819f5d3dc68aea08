/**
 * A deliberately plain, slow, recursive interpreter of rules.md, written without looking at the
 * compiler. Tests only: the property test checks the compiled evaluator against it. Not exported
 * from index.ts.
 */
import { FACTS } from './facts';
import type { Condition, Facts, Outcome, Rule } from './rule.types';

/** Evaluates `rule` on `facts` in three-valued logic, straight from the spec. */
export function referenceEvaluate(rule: Rule, facts: Facts): Outcome {
  if ('all' in rule) {
    const outcomes = rule.all.map((r) => referenceEvaluate(r, facts));
    if (outcomes.includes('fail')) return 'fail';
    if (outcomes.includes('unknown')) return 'unknown';
    return 'pass';
  }
  if ('any' in rule) {
    const outcomes = rule.any.map((r) => referenceEvaluate(r, facts));
    if (outcomes.includes('pass')) return 'pass';
    if (outcomes.includes('unknown')) return 'unknown';
    return 'fail';
  }
  if ('not' in rule) {
    const outcome = referenceEvaluate(rule.not, facts);
    if (outcome === 'pass') return 'fail';
    if (outcome === 'fail') return 'pass';
    return 'unknown';
  }
  return evaluateCondition(rule, facts);
}

function lookUp(facts: Facts, path: string): unknown {
  let current: unknown = facts;
  for (const key of path.split('.')) {
    const isObject = current !== null && typeof current === 'object';
    if (!isObject) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function hasFactType(kind: string, actual: unknown): boolean {
  if (kind === 'integer' || kind === 'number') {
    return typeof actual === 'number' && Number.isFinite(actual);
  }
  if (kind === 'string' || kind === 'enum') return typeof actual === 'string';
  if (kind === 'date') return typeof actual === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(actual);
  if (kind === 'boolean') return typeof actual === 'boolean';
  if (kind === 'enumArray') return Array.isArray(actual);
  return false;
}

function verdict(test: boolean): Outcome {
  return test ? 'pass' : 'fail';
}

function evaluateCondition(condition: Condition, facts: Facts): Outcome {
  const actual = lookUp(facts, condition.fact);
  if (actual === undefined || actual === null) return 'unknown';
  if (!hasFactType(FACTS[condition.fact].type.kind, actual)) return 'unknown';

  const expected = condition.value;
  switch (condition.operator) {
    case 'equal':
      return verdict(actual === expected);
    case 'notEqual':
      return verdict(actual !== expected);
    case 'lessThan':
      return verdict((actual as number | string) < (expected as number | string));
    case 'lessThanInclusive':
      return verdict((actual as number | string) <= (expected as number | string));
    case 'greaterThan':
      return verdict((actual as number | string) > (expected as number | string));
    case 'greaterThanInclusive':
      return verdict((actual as number | string) >= (expected as number | string));
    case 'in':
      return verdict((expected as unknown[]).some((e) => e === actual));
    case 'notIn':
      return verdict(!(expected as unknown[]).some((e) => e === actual));
    case 'contains':
      return verdict((actual as unknown[]).some((a) => a === expected));
    case 'doesNotContain':
      return verdict(!(actual as unknown[]).some((a) => a === expected));
  }
}
