/**
 * Compiles a validated rule tree into closures, once per product version (spec: rules.md).
 * Evaluation then walks no JSON: fact paths are pre-split into readers, `in` sets pre-built,
 * requirement texts pre-rendered, and criteria that cannot vary (pass, not provided, invalid type)
 * pre-built and shared; a failed condition's detail is the only per-evaluation allocation besides
 * the result's arrays.
 */
import { FACTS, type FactName } from './facts';
import { INVALID_TYPE, NOT_PROVIDED, failureDetailRenderer, requirementText } from './detail';
import type { FactKind } from './operators';
import { ISO_DATE_SHAPE } from './operators';
import { FACT_INDEX, FACT_NAMES, makeFactsLoader, type ResolvedFacts } from './resolve-facts';
import type {
  CompiledRule,
  Condition,
  CriterionResult,
  Evaluation,
  Facts,
  Operator,
  Outcome,
  ProductStatus,
  Rule,
  RuleScalar,
  Text,
} from './rule.types';
import { RuleValidationError, validateRule } from './validate-rule';

// Outcomes as small integers while evaluating.
const FAIL = 0;
const PASS = 1;
const UNKNOWN = 2;
type Code = typeof FAIL | typeof PASS | typeof UNKNOWN;

const OUTCOME: readonly Outcome[] = ['fail', 'pass', 'unknown'];
const STATUS: readonly ProductStatus[] = ['ineligible', 'eligible', 'needs_info'];
const NO_FACTS: Facts = Object.freeze({}) as Facts;

/** Runs a node on fact values indexed by FACT_INDEX, appending its conditions' criteria. */
type Run = (values: readonly unknown[], criteria: CriterionResult[]) => Code;

interface Node {
  kind: 'all' | 'any' | 'not' | 'condition';
  /** Index of this node's outcome in the outcome buffer (pre-order). */
  slot: number;
  children: Node[];
  /** Conditions only. */
  fact?: FactName;
  hint?: Text;
  /** Whether any condition in this subtree has a hint (skips the hint walk otherwise). */
  hasHint: boolean;
  run: Run;
}

interface BuildState {
  slot: number;
  outcomes: Uint8Array;
  hintPool: Map<string, Text>;
}

/**
 * Compiles a rule into a {@link CompiledRule}. Validates first.
 *
 * Results are read-only: criteria that cannot vary (pass, not provided, invalid type) and labels,
 * hints and boolean details are frozen objects shared between evaluations.
 * @throws RuleValidationError when `rule` does not pass {@link validateRule}.
 */
export function compileRule(rule: Rule): CompiledRule {
  const issues = validateRule(rule);
  if (issues.length > 0) throw new RuleValidationError(issues);

  // Outcome of every node, and the facts read, during the current evaluation. Evaluation is
  // synchronous, so one buffer per compiled rule is enough and saves allocations per call.
  const outcomes = new Uint8Array(countNodes(rule));
  const root = build(rule, { slot: 0, outcomes, hintPool: new Map() });

  const facts = new Set<FactName>();
  collectFacts(root, facts);
  const factsRead = Object.freeze([...facts].sort());
  const factIndexes = factsRead.map((f) => FACT_INDEX.get(f) as number);
  const load = makeFactsLoader(factsRead);
  const values = new Array<unknown>(FACT_NAMES.length).fill(undefined);
  let conditionCount = 0;
  const countConditions = (n: Node): void => {
    if (n.kind === 'condition') conditionCount++;
    n.children.forEach(countConditions);
  };
  countConditions(root);

  const finish = (vector: readonly unknown[]): Evaluation => {
    const criteria: CriterionResult[] = [];
    const code = root.run(vector, criteria);
    const hints: Text[] = [];
    if (code !== PASS && root.hasHint) collectHints(root, false, outcomes, hints);
    let missingFacts: string[] = [];
    if (code === UNKNOWN) {
      collectMissing(root, outcomes, missingFacts);
      missingFacts = [...new Set(missingFacts)].sort();
    }
    return { outcome: OUTCOME[code], status: STATUS[code], criteria, missingFacts, hints };
  };

  return {
    factsRead,
    conditionCount,
    evaluate(input: Facts): Evaluation {
      const source = typeof input === 'object' && input !== null ? input : NO_FACTS;
      load(source, values);
      const evaluation = finish(values);
      // Drop the references so a compiled rule does not keep the last facts alive.
      for (let i = 0; i < factIndexes.length; i++) values[factIndexes[i]] = undefined;
      return evaluation;
    },
    evaluateResolved(resolved: ResolvedFacts): Evaluation {
      return finish(resolved.values);
    },
  };
}

function countNodes(rule: Rule): number {
  if ('all' in rule) return 1 + rule.all.reduce((n, r) => n + countNodes(r), 0);
  if ('any' in rule) return 1 + rule.any.reduce((n, r) => n + countNodes(r), 0);
  if ('not' in rule) return 1 + countNodes(rule.not);
  return 1;
}

function freezeText(text: Text): Text {
  return Object.freeze({ zh: text.zh, en: text.en });
}

function build(rule: Rule, state: BuildState): Node {
  const slot = state.slot++;
  const { outcomes } = state;
  if ('all' in rule || 'any' in rule) {
    const isAll = 'all' in rule;
    const children = (isAll ? rule.all : rule.any).map((r) => build(r, state));
    const runs = children.map((c) => c.run);
    const n = runs.length;
    // No short-circuit: every condition must report its own outcome.
    const run: Run = isAll
      ? (values, criteria) => {
          let fail = false;
          let unknown = false;
          for (let i = 0; i < n; i++) {
            const c = runs[i](values, criteria);
            if (c === FAIL) fail = true;
            else if (c === UNKNOWN) unknown = true;
          }
          const code = fail ? FAIL : unknown ? UNKNOWN : PASS;
          outcomes[slot] = code;
          return code;
        }
      : (values, criteria) => {
          let pass = false;
          let unknown = false;
          for (let i = 0; i < n; i++) {
            const c = runs[i](values, criteria);
            if (c === PASS) pass = true;
            else if (c === UNKNOWN) unknown = true;
          }
          const code = pass ? PASS : unknown ? UNKNOWN : FAIL;
          outcomes[slot] = code;
          return code;
        };
    return {
      kind: isAll ? 'all' : 'any',
      slot,
      children,
      hasHint: children.some((c) => c.hasHint),
      run,
    };
  }
  if ('not' in rule) {
    const inner = build(rule.not, state);
    const innerRun = inner.run;
    const run: Run = (values, criteria) => {
      const c = innerRun(values, criteria);
      const code = c === PASS ? FAIL : c === FAIL ? PASS : UNKNOWN;
      outcomes[slot] = code;
      return code;
    };
    return { kind: 'not', slot, children: [inner], hasHint: inner.hasHint, run };
  }
  return buildCondition(rule, slot, state);
}

// Runtime kind checks and operators as small integers: one condition closure switches on them
// instead of calling per-operator functions, so its call sites stay monomorphic and inlinable.
const IS_NUMBER = 0;
const IS_STRING = 1;
const IS_DATE = 2;
const IS_BOOLEAN = 3;
const IS_ARRAY = 4;
const KIND_CHECK: Readonly<Record<FactKind, number>> = {
  integer: IS_NUMBER,
  number: IS_NUMBER,
  string: IS_STRING,
  enum: IS_STRING,
  date: IS_DATE,
  boolean: IS_BOOLEAN,
  enumArray: IS_ARRAY,
};
const OPERATOR_CODE: Readonly<Record<Operator, number>> = {
  equal: 0,
  notEqual: 1,
  lessThan: 2,
  lessThanInclusive: 3,
  greaterThan: 4,
  greaterThanInclusive: 5,
  in: 6,
  notIn: 7,
  contains: 8,
  doesNotContain: 9,
};
const NO_SET: ReadonlySet<unknown> = new Set();

function buildCondition(rule: Condition, slot: number, state: BuildState): Node {
  const { outcomes } = state;
  const { id } = rule;
  const kind = FACTS[rule.fact].type.kind;
  const label = freezeText(rule.label);
  const index = FACT_INDEX.get(rule.fact) as number;
  const check = KIND_CHECK[kind];
  const op = OPERATOR_CODE[rule.operator];
  const expected: unknown = rule.value;
  const set =
    rule.operator === 'in' || rule.operator === 'notIn'
      ? new Set<unknown>(rule.value as readonly RuleScalar[])
      : NO_SET;
  const detail = failureDetailRenderer(kind, requirementText(rule.operator, rule.value));
  const passed: CriterionResult = Object.freeze({ id, label, outcome: 'pass' });
  const missing: CriterionResult = Object.freeze({
    id,
    label,
    outcome: 'unknown',
    detail: NOT_PROVIDED,
  });
  const invalid: CriterionResult = Object.freeze({
    id,
    label,
    outcome: 'unknown',
    detail: INVALID_TYPE,
  });
  let hint: Text | undefined;
  if (rule.hint) {
    // One object per distinct hint text, so hints dedupe by identity at evaluation time.
    const key = `${rule.hint.zh}\u0000${rule.hint.en}`;
    hint = state.hintPool.get(key) ?? freezeText(rule.hint);
    state.hintPool.set(key, hint);
  }
  const run: Run = (values, criteria) => {
    const actual = values[index];
    let code: Code;
    if (actual === undefined || actual === null) {
      code = UNKNOWN;
      criteria.push(missing);
    } else if (!hasKind(check, actual)) {
      // Never coerced: "3" is not 3, so a wrongly typed fact cannot decide anything.
      code = UNKNOWN;
      criteria.push(invalid);
    } else if (holds(op, actual, expected, set)) {
      code = PASS;
      criteria.push(passed);
    } else {
      code = FAIL;
      criteria.push({ id, label, outcome: 'fail', detail: detail(actual) });
    }
    outcomes[slot] = code;
    return code;
  };
  return { kind: 'condition', slot, children: [], fact: rule.fact, hint, hasHint: !!hint, run };
}

/** Whether a present value has the runtime type of the fact's kind. */
function hasKind(check: number, v: unknown): boolean {
  switch (check) {
    case IS_NUMBER:
      // `v - v === 0` is Number.isFinite without the call: false for NaN and ±Infinity.
      return typeof v === 'number' && v - v === 0;
    case IS_STRING:
      return typeof v === 'string';
    case IS_DATE:
      return typeof v === 'string' && v.length === 10 && ISO_DATE_SHAPE.test(v);
    case IS_BOOLEAN:
      return typeof v === 'boolean';
    default:
      return Array.isArray(v);
  }
}

/**
 * Whether the operator holds for a value already checked by `hasKind`. Validated rule values are
 * numbers for numeric facts and YYYY-MM-DD strings for dates, so `<` compares numbers numerically
 * and dates chronologically, never one with the other.
 */
function holds(op: number, actual: unknown, expected: unknown, set: ReadonlySet<unknown>): boolean {
  switch (op) {
    case 0:
      return actual === expected;
    case 1:
      return actual !== expected;
    case 2:
      return (actual as number) < (expected as number);
    case 3:
      return (actual as number) <= (expected as number);
    case 4:
      return (actual as number) > (expected as number);
    case 5:
      return (actual as number) >= (expected as number);
    case 6:
      return set.has(actual);
    case 7:
      return !set.has(actual);
    case 8:
      return (actual as unknown[]).includes(expected);
    default:
      return !(actual as unknown[]).includes(expected);
  }
}

function collectFacts(node: Node, out: Set<FactName>): void {
  if (node.fact) out.add(node.fact);
  for (const c of node.children) collectFacts(c, out);
}

/**
 * Hints of conditions that keep the root from passing. `negated` is true under an odd number of
 * `not`s, where a passing condition is the one doing harm. Subtrees whose effective outcome is
 * pass are skipped: their failing parts do not matter.
 */
function collectHints(node: Node, negated: boolean, outcomes: Uint8Array, out: Text[]): void {
  if (!node.hasHint) return;
  const code = outcomes[node.slot];
  const effective = negated && code !== UNKNOWN ? 1 - code : code;
  if (effective === PASS) return;
  if (node.kind === 'condition') {
    if (node.hint && !out.includes(node.hint)) out.push(node.hint);
    return;
  }
  const childNegated = node.kind === 'not' ? !negated : negated;
  for (const c of node.children) collectHints(c, childNegated, outcomes, out);
}

/** Facts of the unknown conditions under unknown nodes, starting from an unknown root. */
function collectMissing(node: Node, outcomes: Uint8Array, out: string[]): void {
  if (outcomes[node.slot] !== UNKNOWN) return;
  if (node.fact) {
    out.push(node.fact);
    return;
  }
  for (const c of node.children) collectMissing(c, outcomes, out);
}
