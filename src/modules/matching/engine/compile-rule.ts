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
import { FACT_INDEX, FACT_NAMES, FACT_READERS, type ResolvedFacts } from './resolve-facts';
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

// Outcomes as small integers while evaluating; WRONG_TYPE only ever leaves a test function.
const FAIL = 0;
const PASS = 1;
const UNKNOWN = 2;
const WRONG_TYPE = 3;
type Code = typeof FAIL | typeof PASS | typeof UNKNOWN;
type TestResult = Code | typeof WRONG_TYPE;

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
  const readers = factIndexes.map((i) => FACT_READERS[i]);
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
      for (let i = 0; i < readers.length; i++) values[factIndexes[i]] = readers[i](source);
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

function buildCondition(rule: Condition, slot: number, state: BuildState): Node {
  const { outcomes } = state;
  const { id } = rule;
  const kind = FACTS[rule.fact].type.kind;
  const label = freezeText(rule.label);
  const index = FACT_INDEX.get(rule.fact) as number;
  const test = makeTest(kind, rule.operator, rule.value);
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
    } else {
      const r = test(actual);
      if (r === PASS) {
        code = PASS;
        criteria.push(passed);
      } else if (r === FAIL) {
        code = FAIL;
        criteria.push({ id, label, outcome: 'fail', detail: detail(actual) });
      } else {
        code = UNKNOWN;
        criteria.push(invalid);
      }
    }
    outcomes[slot] = code;
    return code;
  };
  return { kind: 'condition', slot, children: [], fact: rule.fact, hint, hasHint: !!hint, run };
}

type Guard = (v: unknown) => boolean;

// `v - v === 0` is Number.isFinite without the call: false for NaN and ±Infinity.
const isNumber: Guard = (v) => typeof v === 'number' && v - v === 0;
const isString: Guard = (v) => typeof v === 'string';
const isDate: Guard = (v) => typeof v === 'string' && v.length === 10 && ISO_DATE_SHAPE.test(v);
const isBoolean: Guard = (v) => typeof v === 'boolean';
const isArray: Guard = (v) => Array.isArray(v);

const GUARDS: Readonly<Record<FactKind, Guard>> = {
  integer: isNumber,
  number: isNumber,
  string: isString,
  enum: isString,
  date: isDate,
  boolean: isBoolean,
  enumArray: isArray,
};

/**
 * The test of one condition on a present value: PASS / FAIL, or WRONG_TYPE when the value is not
 * of the fact's kind (never coerced: "3" is not 3).
 */
function makeTest(kind: FactKind, operator: Operator, value: unknown): (v: unknown) => TestResult {
  const ok = GUARDS[kind];
  switch (operator) {
    case 'equal':
      return (v) => (ok(v) ? (v === value ? PASS : FAIL) : WRONG_TYPE);
    case 'notEqual':
      return (v) => (ok(v) ? (v !== value ? PASS : FAIL) : WRONG_TYPE);
    // Validated values are numbers for numeric facts and YYYY-MM-DD strings for dates, and the
    // guard holds the fact to the same kind, so `<` compares numbers numerically and dates
    // chronologically, never one with the other.
    case 'lessThan': {
      const e = value as number;
      return (v) => (ok(v) ? ((v as number) < e ? PASS : FAIL) : WRONG_TYPE);
    }
    case 'lessThanInclusive': {
      const e = value as number;
      return (v) => (ok(v) ? ((v as number) <= e ? PASS : FAIL) : WRONG_TYPE);
    }
    case 'greaterThan': {
      const e = value as number;
      return (v) => (ok(v) ? ((v as number) > e ? PASS : FAIL) : WRONG_TYPE);
    }
    case 'greaterThanInclusive': {
      const e = value as number;
      return (v) => (ok(v) ? ((v as number) >= e ? PASS : FAIL) : WRONG_TYPE);
    }
    case 'in': {
      const set = new Set<unknown>(value as readonly RuleScalar[]);
      return (v) => (ok(v) ? (set.has(v) ? PASS : FAIL) : WRONG_TYPE);
    }
    case 'notIn': {
      const set = new Set<unknown>(value as readonly RuleScalar[]);
      return (v) => (ok(v) ? (set.has(v) ? FAIL : PASS) : WRONG_TYPE);
    }
    case 'contains':
      return (v) => (ok(v) ? ((v as unknown[]).includes(value) ? PASS : FAIL) : WRONG_TYPE);
    case 'doesNotContain':
      return (v) => (ok(v) ? ((v as unknown[]).includes(value) ? FAIL : PASS) : WRONG_TYPE);
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
