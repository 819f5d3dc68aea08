/**
 * Compiles a validated rule tree into closures, once per product version (spec: rules.md).
 * Evaluation then walks no JSON: fact paths are pre-split, `in` sets pre-built, requirement texts
 * pre-rendered, and the only allocations are the result itself.
 */
import { FACTS, type FactName } from './facts';
import { INVALID_TYPE, NOT_PROVIDED, failureDetail, requirementText } from './detail';
import type { FactKind } from './operators';
import { ISO_DATE_SHAPE } from './operators';
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
const EMPTY_FACTS: Facts = Object.freeze({}) as Facts;

type Run = (facts: Facts, criteria: CriterionResult[]) => Code;

interface Node {
  kind: 'all' | 'any' | 'not' | 'condition';
  /** Index of this node's outcome in the scratch buffer (pre-order). */
  slot: number;
  children: Node[];
  /** Conditions only. */
  fact?: FactName;
  hint?: Text;
  /** Whether any condition in this subtree has a hint (skips the hint walk otherwise). */
  hasHint: boolean;
  run: Run;
}

/**
 * Compiles a rule into a {@link CompiledRule}. Validates first.
 * @throws RuleValidationError when `rule` does not pass {@link validateRule}.
 */
export function compileRule(rule: Rule): CompiledRule {
  const issues = validateRule(rule);
  if (issues.length > 0) throw new RuleValidationError(issues);

  // Outcome of every node of the last evaluation; evaluate() is synchronous, so one buffer per
  // compiled rule is enough and saves an allocation per call.
  const scratch = new Uint8Array(countNodes(rule));
  const hintPool = new Map<string, Text>();
  const state = { slot: 0, scratch, hintPool };
  const root = build(rule, state);

  const facts = new Set<FactName>();
  collectFacts(root, facts);
  let conditionCount = 0;
  const countConditions = (n: Node): void => {
    if (n.kind === 'condition') conditionCount++;
    n.children.forEach(countConditions);
  };
  countConditions(root);

  return {
    factsRead: Object.freeze([...facts].sort()),
    conditionCount,
    evaluate(input: Facts): Evaluation {
      const source = typeof input === 'object' && input !== null ? input : EMPTY_FACTS;
      const criteria: CriterionResult[] = [];
      const code = root.run(source, criteria);
      const hints: Text[] = [];
      if (code !== PASS && root.hasHint) collectHints(root, false, scratch, hints);
      let missingFacts: string[] = [];
      if (code === UNKNOWN) {
        collectMissing(root, scratch, missingFacts);
        missingFacts = [...new Set(missingFacts)].sort();
      }
      return { outcome: OUTCOME[code], status: STATUS[code], criteria, missingFacts, hints };
    },
  };
}

function countNodes(rule: Rule): number {
  if ('all' in rule) return 1 + rule.all.reduce((n, r) => n + countNodes(r), 0);
  if ('any' in rule) return 1 + rule.any.reduce((n, r) => n + countNodes(r), 0);
  if ('not' in rule) return 1 + countNodes(rule.not);
  return 1;
}

interface BuildState {
  slot: number;
  scratch: Uint8Array;
  hintPool: Map<string, Text>;
}

function freezeText(text: Text): Text {
  return Object.freeze({ zh: text.zh, en: text.en });
}

function build(rule: Rule, state: BuildState): Node {
  const slot = state.slot++;
  const { scratch } = state;
  if ('all' in rule || 'any' in rule) {
    const isAll = 'all' in rule;
    const children = (isAll ? rule.all : rule.any).map((r) => build(r, state));
    const runs = children.map((c) => c.run);
    const n = runs.length;
    const run: Run = isAll
      ? (facts, criteria) => {
          let fail = false;
          let unknown = false;
          for (let i = 0; i < n; i++) {
            const c = runs[i](facts, criteria);
            if (c === FAIL) fail = true;
            else if (c === UNKNOWN) unknown = true;
          }
          const code = fail ? FAIL : unknown ? UNKNOWN : PASS;
          scratch[slot] = code;
          return code;
        }
      : (facts, criteria) => {
          let pass = false;
          let unknown = false;
          for (let i = 0; i < n; i++) {
            const c = runs[i](facts, criteria);
            if (c === PASS) pass = true;
            else if (c === UNKNOWN) unknown = true;
          }
          const code = pass ? PASS : unknown ? UNKNOWN : FAIL;
          scratch[slot] = code;
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
    const run: Run = (facts, criteria) => {
      const c = innerRun(facts, criteria);
      const code = c === PASS ? FAIL : c === FAIL ? PASS : UNKNOWN;
      scratch[slot] = code;
      return code;
    };
    return { kind: 'not', slot, children: [inner], hasHint: inner.hasHint, run };
  }
  return buildCondition(rule, slot, state);
}

function buildCondition(rule: Condition, slot: number, state: BuildState): Node {
  const { scratch } = state;
  const id = rule.id;
  const label = freezeText(rule.label);
  const requirement = freezeText(requirementText(rule.operator, rule.value));
  const read = makeReader(rule.fact);
  const test = makeTest(FACTS[rule.fact].type.kind, rule.operator, rule.value);
  let hint: Text | undefined;
  if (rule.hint) {
    // One object per distinct hint text, so hints dedupe by identity at evaluation time.
    const key = `${rule.hint.zh}\u0000${rule.hint.en}`;
    hint = state.hintPool.get(key) ?? freezeText(rule.hint);
    state.hintPool.set(key, hint);
  }
  const run: Run = (facts, criteria) => {
    const actual = read(facts);
    let code: Code;
    if (actual === undefined || actual === null) {
      code = UNKNOWN;
      criteria.push({ id, label, outcome: 'unknown', detail: NOT_PROVIDED });
    } else {
      const r = test(actual);
      if (r === PASS) {
        code = PASS;
        criteria.push({ id, label, outcome: 'pass' });
      } else if (r === FAIL) {
        code = FAIL;
        criteria.push({ id, label, outcome: 'fail', detail: failureDetail(actual, requirement) });
      } else {
        code = UNKNOWN;
        criteria.push({ id, label, outcome: 'unknown', detail: INVALID_TYPE });
      }
    }
    scratch[slot] = code;
    return code;
  };
  return { kind: 'condition', slot, children: [], fact: rule.fact, hint, hasHint: !!hint, run };
}

/** A reader for a dotted fact path; walks nested objects only, never throws. */
function makeReader(path: string): (facts: Facts) => unknown {
  const segments = path.split('.');
  if (segments.length === 1) {
    const [a] = segments;
    return (facts) => facts[a];
  }
  if (segments.length === 2) {
    const [a, b] = segments;
    return (facts) => {
      const parent = facts[a];
      return typeof parent === 'object' && parent !== null
        ? (parent as Record<string, unknown>)[b]
        : undefined;
    };
  }
  return (facts) => {
    let current: unknown = facts;
    for (const segment of segments) {
      if (typeof current !== 'object' || current === null) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  };
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
    // Validated values are numbers for numeric facts and YYYY-MM-DD strings for dates, so `<`
    // compares numbers numerically and dates chronologically, never mixing the two.
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
function collectHints(node: Node, negated: boolean, scratch: Uint8Array, out: Text[]): void {
  if (!node.hasHint) return;
  const code = scratch[node.slot];
  const effective = negated && code !== UNKNOWN ? 1 - code : code;
  if (effective === PASS) return;
  if (node.kind === 'condition') {
    if (node.hint && !out.includes(node.hint)) out.push(node.hint);
    return;
  }
  const childNegated = node.kind === 'not' ? !negated : negated;
  for (const c of node.children) collectHints(c, childNegated, scratch, out);
}

/** Facts of the unknown conditions under unknown nodes, starting from an unknown root. */
function collectMissing(node: Node, scratch: Uint8Array, out: string[]): void {
  if (scratch[node.slot] !== UNKNOWN) return;
  if (node.fact) {
    out.push(node.fact);
    return;
  }
  for (const c of node.children) collectMissing(c, scratch, out);
}
