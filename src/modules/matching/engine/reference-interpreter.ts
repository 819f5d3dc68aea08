/**
 * A deliberately plain, slow, recursive interpreter of docs/rules.md, written without looking at the
 * compiler. Tests only: the property test checks the compiled evaluator against it. Not exported
 * from index.ts.
 */
import { FACTS, type FactName, type FactType } from './facts';
import type { Condition, Facts, Outcome, ProductStatus, Rule, RuleScalar } from './rule.types';

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

/** Every condition of a rule, in tree order. */
function conditionsOf(rule: Rule): Condition[] {
  if ('all' in rule) return rule.all.flatMap(conditionsOf);
  if ('any' in rule) return rule.any.flatMap(conditionsOf);
  if ('not' in rule) return conditionsOf(rule.not);
  return [rule];
}

function dayAfter(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Values worth trying for a fact: the rule's constants, their neighbours and pairwise averages. */
function candidates(fact: FactName, constants: RuleScalar[]): unknown[] {
  const type: FactType = FACTS[fact].type;
  switch (type.kind) {
    case 'boolean':
      return [true, false];
    case 'enum':
      return [...type.values];
    case 'string':
      return [...constants, 'a value no rule names'];
    case 'date':
      return constants.flatMap((c) => [dayAfter(c as string, -1), c, dayAfter(c as string, 1)]);
    case 'enumArray': {
      const named = [...new Set(constants as string[])];
      let subsets: string[][] = [[]];
      for (const v of named) subsets = subsets.flatMap((s) => [s, [...s, v]]);
      return subsets;
    }
    case 'integer':
    case 'number': {
      const ns = constants as number[];
      const out = ns.flatMap((c) => [c - 1, c, c + 1]);
      if (type.kind === 'number') for (const a of ns) for (const b of ns) out.push((a + b) / 2);
      if (type.min !== undefined) out.push(type.min);
      if (type.max !== undefined) out.push(type.max);
      return out.filter(
        (v) =>
          (type.min === undefined || v >= type.min) && (type.max === undefined || v <= type.max),
      );
    }
  }
}

function withFact(facts: Facts, path: string, value: unknown): Facts {
  const copy = structuredClone(facts) as Record<string, unknown>;
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]] = value;
  return copy;
}

/**
 * The product status straight from the spec: pass → eligible, fail → ineligible; unknown →
 * needs_info only if some values of the missing (or wrongly typed) facts make the rule pass, found
 * by trying every combination of candidate values; otherwise ineligible.
 */
export function referenceStatus(rule: Rule, facts: Facts): ProductStatus {
  const outcome = referenceEvaluate(rule, facts);
  if (outcome === 'pass') return 'eligible';
  if (outcome === 'fail') return 'ineligible';
  const conditions = conditionsOf(rule);
  const open = [...new Set(conditions.map((c) => c.fact))].filter((fact) => {
    const actual = lookUp(facts, fact);
    return actual === undefined || actual === null || !hasFactType(FACTS[fact].type.kind, actual);
  });
  const tryFrom = (i: number, current: Facts): boolean => {
    if (i === open.length) return referenceEvaluate(rule, current) === 'pass';
    const named = conditions
      .filter((c) => c.fact === open[i])
      .flatMap((c) =>
        Array.isArray(c.value) ? (c.value as RuleScalar[]) : [c.value as RuleScalar],
      );
    return candidates(open[i], named).some((v) => tryFrom(i + 1, withFact(current, open[i], v)));
  };
  return tryFrom(0, facts) ? 'needs_info' : 'ineligible';
}

/** How many combinations {@link referenceStatus} may try for `rule` on `facts` (test sizing). */
export function referenceSearchSize(rule: Rule, facts: Facts): number {
  const conditions = conditionsOf(rule);
  let size = 1;
  for (const fact of new Set(conditions.map((c) => c.fact))) {
    const actual = lookUp(facts, fact);
    if (actual !== undefined && actual !== null && hasFactType(FACTS[fact].type.kind, actual))
      continue;
    const named = conditions
      .filter((c) => c.fact === fact)
      .flatMap((c) =>
        Array.isArray(c.value) ? (c.value as RuleScalar[]) : [c.value as RuleScalar],
      );
    size *= candidates(fact, named).length;
  }
  return size;
}
