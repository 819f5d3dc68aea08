/**
 * Types of the eligibility rule language (docs/rules.md) and of the engine's results
 * (docs/api.md, "Enterprises and matching").
 */
import type { FactName } from './facts';
import type { ResolvedFacts } from './resolve-facts';

/** A bilingual text: every label, hint and detail is shown in Chinese and English. */
export interface Text {
  zh: string;
  en: string;
}

/** The condition operators, json-rules-engine's vocabulary (docs/rules.md). */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

/** One of {@link OPERATORS}. */
export type Operator = (typeof OPERATORS)[number];

/** A scalar a condition can compare with: numbers, strings (codes, enums, `YYYY-MM-DD`), booleans. */
export type RuleScalar = string | number | boolean;

/** The `value` of a condition: a scalar, or a non-empty array of scalars for `in` / `notIn`. */
export type RuleValue = RuleScalar | readonly RuleScalar[];

/** A leaf of the rule tree: compares one fact with a constant. */
export interface Condition {
  /** Unique within the product's rule; reported back in `criteria`. */
  id: string;
  /** Dotted path into the facts, one of `FACTS`. */
  fact: FactName;
  operator: Operator;
  value: RuleValue;
  label: Text;
  /** Shown when this condition fails or is unknown and that matters for the result. */
  hint?: Text;
}

/** Passes when every child passes (three-valued: fail wins over unknown). */
export interface AllRule {
  all: Rule[];
  label?: Text;
}

/** Passes when some child passes (three-valued: pass wins over unknown). */
export interface AnyRule {
  any: Rule[];
  label?: Text;
}

/** Swaps pass and fail of its child; unknown stays unknown. */
export interface NotRule {
  not: Rule;
  label?: Text;
}

/** A product's `eligibility` tree. */
export type Rule = AllRule | AnyRule | NotRule | Condition;

/** Three-valued outcome of a condition or group. */
export type Outcome = 'pass' | 'fail' | 'unknown';

/** A product's status for an enterprise: the root outcome, renamed. */
export type ProductStatus = 'eligible' | 'ineligible' | 'needs_info';

/**
 * What rules read: the profile merged with the derived facts (derived ones are top-level:
 * `sizeClass`, `yearsInOperation`, ...). A dotted fact path walks nested objects.
 */
export type Facts = Record<string, unknown>;

/**
 * One condition's or group's outcome, as reported in a match result's `criteria` (docs/api.md): a
 * group's id is its JSON path (`eligibility.all[2].any`), and `group` names the group an entry
 * sits in (null for the root).
 */
export interface CriterionResult {
  id: string;
  /** The id of the group this entry sits in; null for the rule's root. */
  group: string | null;
  /** Present on groups only: the kind of group. */
  kind?: 'all' | 'any' | 'not';
  label: Text;
  outcome: Outcome;
  /** Present when the outcome is fail or unknown: what the fact is and what was required. */
  detail?: Text;
}

/** The result of evaluating one compiled rule against one facts object. */
export interface Evaluation {
  outcome: Outcome;
  status: ProductStatus;
  /**
   * Every group and condition in reading order (a group before its children), each with its own
   * outcome: a condition under a `not` reports its un-negated outcome, the `not` the negated one.
   */
  criteria: CriterionResult[];
  /** Facts whose absence kept the root unknown; sorted, empty unless `status` is `needs_info`. */
  missingFacts: string[];
  /** Hints of the failed or unknown conditions that matter for the result; deduped, tree order. */
  hints: Text[];
}

/** The parts of an {@link Evaluation} a match result keeps (see `CompiledRule.evaluateInto`). */
export type EvaluationParts = Pick<Evaluation, 'status' | 'criteria' | 'missingFacts' | 'hints'>;

/**
 * A rule compiled once per product version. Evaluation is synchronous, never throws and never
 * mutates the facts, which must be plain data (as parsed from JSON: no accessors calling back into
 * the engine). Treat results as read-only: unvarying parts are frozen and shared between results.
 */
export interface CompiledRule {
  /** Evaluates the rule on a facts object (profile + derived). */
  evaluate(facts: Facts): Evaluation;
  /** Same as `evaluate`, on facts read once by `resolveFacts` (for many rules, one enterprise). */
  evaluateResolved(resolved: ResolvedFacts): Evaluation;
  /**
   * Same as `evaluateResolved` without the evaluation object: writes status, criteria, missing
   * facts and hints into `into` (for a match, which copies them into its result anyway). Empty
   * missing facts and hints are one shared frozen array.
   */
  evaluateInto(resolved: ResolvedFacts, into: EvaluationParts): void;
  /**
   * The status `evaluateResolved` would give, and nothing else: no criteria, hints or missing
   * facts are built (a pass over every enterprise that only counts statuses, docs/impact.md).
   */
  statusOf(resolved: ResolvedFacts): ProductStatus;
  /**
   * Whether answering `facts` settles the rule on `resolved`: whatever values they take (the
   * others as they are), the status is eligible or ineligible, never needs_info. Facts the rule
   * does not read, or already known, change nothing. False when the search exceeds its budget.
   * Only the first `count` of `facts` are answered (all by default): a caller asking many
   * questions reuses one buffer.
   */
  settledBy(resolved: ResolvedFacts, facts: readonly FactName[], count?: number): boolean;
  /** The distinct facts the rule reads, sorted. */
  readonly factsRead: readonly FactName[];
  /** Number of conditions. */
  readonly conditionCount: number;
  /** Number of conditions and groups (= length of every evaluation's `criteria`). */
  readonly criteriaCount: number;
}

/** Stable codes of rule validation issues (a catalogue API answers them with 422). */
export const RULE_ISSUE_CODES = [
  'rule_invalid_shape',
  'rule_unknown_fact',
  'rule_unknown_operator',
  'rule_invalid_value',
  'rule_empty_group',
  'rule_duplicate_id',
] as const;

/** One of {@link RULE_ISSUE_CODES}. */
export type RuleIssueCode = (typeof RULE_ISSUE_CODES)[number];
