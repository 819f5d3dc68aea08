/**
 * Compiles a validated rule tree once per product version (docs/rules.md) into a flat post-order
 * program: one array of fixed-size node records, and one closure per rule that runs it in a tight
 * loop.
 *
 * Why flat, not a closure per node: matching one enterprise against 1,000 products touches every
 * rule once, so memory traffic is what costs. A closure per node (a function, a context, a Set, a
 * renderer) scatters a rule over many cache lines; on the 2-vCPU CI machine that design took
 * ~5.8 µs per product with 1,000 distinct rules against ~1.1 µs for these records, read in order.
 * Evaluation never walks the JSON: fact paths are resolved to vector slots, `in` sets are
 * pre-built, requirement texts pre-rendered, and the criteria that can be known in advance (pass,
 * not provided, fail on a boolean, an enum value or an empty array) pre-built.
 */
import { FACTS, type FactName, type FactType } from './facts';
import {
  INVALID_TYPE,
  NOT_PROVIDED,
  failedCriterion,
  failureTemplate,
  requirementText,
  type FailureTemplate,
} from './detail';
import { representativeValues } from './domains';
import { ISO_DATE_SHAPE, type FactKind } from './operators';
import { FACT_INDEX, FACT_NAMES, makeFactsLoader, type ResolvedFacts } from './resolve-facts';
import type {
  CompiledRule,
  Condition,
  CriterionResult,
  Evaluation,
  EvaluationParts,
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

// Node kinds.
const CONDITION = 0;
const ALL = 1;
const ANY = 2;
const NOT = 3;

// Runtime kind checks, by fact kind.
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

// A node record, STRIDE slots in one array, in post-order (children before their group, root
// last). Hot fields first; conditions use all slots, groups all but the last.
const STRIDE = 9;
const HEADER = 0; // kind | kind check << 2 | operator << 5 | has-hint << 9 | solo slot << 10
const ARG = 1; // conditions: criterion position; groups: child count
const SIBLING = 2; // the next sibling's node index, -1 for the last child (walks in tree order)
const FACT = 3; // conditions: slot of the fact in the resolved vector
const FIRST_CHILD = 3; // groups: node index of the first child
const OPERAND = 4; // the rule value, or a Set for in / notIn
const PASSED = 5; // the pre-built criterion for pass
const MISSING = 6; // the pre-built criterion for a missing fact
const FAILURE = 7; // FailureTemplate
const INVALID = 8; // the pre-built criterion for a wrongly typed fact
const POSITION = 4; // groups: criterion position
const GROUP_CRITERIA = 5; // groups: the pre-built criteria for fail, pass, unknown (5 + code)

/** What a group without a label of its own is called in the criteria. */
const GROUP_LABELS: Readonly<Record<'all' | 'any' | 'not', Text>> = Object.freeze({
  all: Object.freeze({ zh: '以下条件全部满足', en: 'All of the following' }),
  any: Object.freeze({ zh: '以下条件满足其一即可', en: 'At least one of the following' }),
  not: Object.freeze({ zh: '以下情形不成立', en: 'The following must not hold' }),
});

/** A rule flattened for evaluation; see the file comment. */
interface Program {
  nodeCount: number;
  records: unknown[];
  /** By criterion position (conditions only): what the hints and missing-facts walks need. */
  hints: (Text | undefined)[];
  factAt: FactName[];
  /** Every condition's fact, in tree order. */
  facts: FactName[];
  /**
   * The fact slots read, in the order their facts first appear in the tree, with each one's kind
   * check and representative values (domains.ts) at the same index: parallel arrays, so the
   * completion searches walk them without allocating.
   */
  slots: number[];
  slotChecks: number[];
  slotValues: (readonly unknown[])[];
  /**
   * By slot index: whether the closed form may leave the slot open (see {@link openSets}): one
   * condition reads it, and it has representative values, all of the fact's kind. Each condition
   * on such a slot also carries the solo bit in its header, so evaluating tells whether the
   * closed form applies.
   */
  slotSolo: boolean[];
  /** By node index (conditions only): CAN_PASS and CAN_FAIL, by the slot's representative values. */
  canBits: number[];
  /**
   * The open part of the rule for the facts last evaluated (see {@link recordOpen}): pairs of node
   * index and count of open children, in post-order; built on the first unknown root.
   */
  open: Int32Array | undefined;
  openLength: number;
  /** The root's code for those facts, and whether an open slot was not solo. */
  openRoot: Code;
  openNonSolo: boolean;
  /** Which match those facts belong to (see {@link keepOpenParts}); 0: none. */
  openStamp: number;
  /**
   * The missing facts of that open part when the closed form found that it can still pass: both
   * depend on the open part alone, which another enterprise leaving the same facts out has too.
   */
  openMissing: string[] | undefined;
}

const kindOf = (header: number): number => header & 3;
const checkOf = (header: number): number => (header >> 2) & 7;
const operatorOf = (header: number): number => (header >> 5) & 15;
// Stryker disable next-line ConditionalExpression: speed only: the hint bit lets hint collection skip subtrees that carry no hint, which add none
const hasHintOf = (header: number): boolean => (header & 512) !== 0;
/** Header bit of a condition whose slot the closed form may leave open (Program.slotSolo). */
const SOLO = 1024;

// Work buffers shared by all compiled rules: evaluation is synchronous and a rule's buffers are
// only live inside one call, so sharing keeps them in cache instead of one pair per product.
let outcomes = new Uint8Array(64);
let stack = new Uint8Array(64);
// Stryker disable next-line ArrayDeclaration: the loader writes every slot a rule reads before it is read; arrays grow
const scratchValues = new Array<unknown>(FACT_NAMES.length).fill(undefined);
// Stryker disable next-line ArrayDeclaration: written from index 0 up before any read
const scratchHints: Text[] = [];

/** Shared by every evaluation without missing facts or hints: frozen, like all shared parts. */
const NONE: never[] = Object.freeze([]) as never;

/**
 * Compiles a rule into a {@link CompiledRule}. Validates first.
 *
 * Results are read-only: criteria that cannot vary, labels, hints and some details are frozen
 * objects shared between evaluations.
 * @throws RuleValidationError when `rule` does not pass {@link validateRule}.
 */
export function compileRule(rule: Rule, path = 'eligibility'): CompiledRule {
  const issues = validateRule(rule, path);
  if (issues.length > 0) throw new RuleValidationError(issues);

  const program = flatten(rule, path);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: allocating a new buffer for an equal or smaller rule changes nothing
  if (program.nodeCount > outcomes.length) {
    outcomes = new Uint8Array(program.nodeCount);
    stack = new Uint8Array(program.nodeCount);
  }
  const factsRead = Object.freeze([...new Set(program.facts)].sort());
  // Stryker disable next-line ArrowFunction: only clears references for the garbage collector; every evaluation loads its facts first
  const factIndexes = factsRead.map((f) => FACT_INDEX.get(f) as number);
  const load = makeFactsLoader(factsRead);
  const root = program.nodeCount - 1;

  const conditionCount = program.facts.length;
  const criteriaCount = program.nodeCount;
  // Fills `into` and returns the root code. Allocates only a criteria list that differs from the
  // last one, the failed criteria of values new to their template, and the missing facts when
  // there are any.
  // The criteria of the last evaluation, written by run() in place, and the frozen list that
  // answers them again: see below.
  // Stryker disable next-line ArrayDeclaration: run() writes every position before a list is read
  const lastSeen = new Array<CriterionResult | undefined>(criteriaCount).fill(undefined);
  // Stryker disable next-line BooleanLiteral: the first run() changes every entry of the unfilled buffer, so no list is shared before one was handed out
  let seen = false;
  let shared: CriterionResult[] | undefined;
  const finish = (values: readonly unknown[], into: EvaluationParts): Code => {
    // Almost every criterion is a shared frozen object (pre-built, or the failure a template
    // remembers), so the same enterprise, or one whose facts fare alike, gets the very same
    // entries again: answer one frozen list then, instead of a new array per product. run()
    // writes the entries into a buffer of the rule's own and says whether any changed; the
    // buffer is never handed out: a server's next enterprise seldom gets the same entries, and
    // lists kept from one match to the next were most of what each scavenge had to copy. A list
    // is frozen only once shared: a runtime call per product for lists that nobody shares took
    // about a tenth of a match.
    const wasSeen = seen;
    // Until run() returns, the buffer may hold entries of neither evaluation.
    // Stryker disable next-line BooleanLiteral: matters only when run() throws midway, which no valid rule does
    seen = false;
    const code = run(program, values, lastSeen as CriterionResult[]);
    seen = true;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: memo: a new criteria list equal to the last one
    if (wasSeen && !criteriaChanged) {
      // Stryker disable next-line LogicalOperator: memo: a new frozen list with the same criteria
      shared ??= Object.freeze(lastSeen.slice()) as CriterionResult[];
      into.criteria = shared;
    } else {
      shared = undefined;
      into.criteria = lastSeen.slice() as CriterionResult[];
    }
    into.hints = NONE;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: speed only: a passing root or one without hints collects no hint
    if (code !== PASS && hasHintOf(program.records[root * STRIDE] as number)) {
      // Collected in a shared buffer, then copied at their exact count.
      const count = collectHints(program, root, false, 0);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: the interned empty list is an empty frozen list too
      if (count > 0) into.hints = internedList(hintLists, scratchHints, count);
    }
    into.missingFacts = NONE;
    into.status = STATUS[code];
    if (code === UNKNOWN) {
      recordOpen(program, outcomes, code, stampFor(values));
      // The same open part as last time, which could still pass then: it still can (the closed
      // form reads nothing else), with the same missing facts.
      // Stryker disable next-line ConditionalExpression,LogicalOperator: memo: the search below finds the same answer
      if (program.openMissing !== undefined && !program.openNonSolo) {
        into.missingFacts = program.openMissing;
      } else if (canStillPass(program, values)) {
        into.missingFacts = missingFactsOf(program);
        // Stryker disable next-line ConditionalExpression: memo: not remembering it only finds it again
        if (!program.openNonSolo) program.openMissing = into.missingFacts;
      } else {
        // Unknown, yet no value of the missing facts could make it pass: it fails on what is known.
        into.status = 'ineligible';
      }
    }
    return code;
  };
  const evaluation = (values: readonly unknown[]): Evaluation => {
    const parts = {} as EvaluationParts;
    const code = finish(values, parts);
    const { status, criteria, missingFacts, hints } = parts;
    return { outcome: OUTCOME[code], status, criteria, missingFacts, hints };
  };

  return {
    factsRead,
    conditionCount,
    criteriaCount,
    evaluate(input: Facts): Evaluation {
      const source = typeof input === 'object' && input !== null ? input : NO_FACTS;
      load(source, scratchValues);
      try {
        return evaluation(scratchValues);
        // Stryker disable next-line BlockStatement: only clears references for the garbage collector
      } finally {
        // Drop the references so the shared buffer does not keep these facts alive.
        for (const i of factIndexes) scratchValues[i] = undefined;
      }
    },
    evaluateResolved(resolved: ResolvedFacts): Evaluation {
      return evaluation(resolved.values);
    },
    evaluateInto(resolved: ResolvedFacts, into: EvaluationParts): void {
      finish(resolved.values, into);
    },
    statusOf(resolved: ResolvedFacts): ProductStatus {
      const { values } = resolved;
      const code = decide(program, values);
      if (code !== UNKNOWN) return STATUS[code];
      recordOpen(program, decidedCodes, code, stampFor(values));
      return canStillPass(program, values) ? 'needs_info' : 'ineligible';
    },
    settledBy(resolved: ResolvedFacts, facts: readonly FactName[], count = facts.length): boolean {
      return settledBy(program, resolved.values, facts, Math.min(count, facts.length));
    },
  };
}

/** What the records of equal conditions share: operand, pre-built criteria, failure template. */
interface SharedCondition {
  operand: unknown;
  passed: CriterionResult;
  missing: CriterionResult;
  failure: FailureTemplate;
  invalid: CriterionResult;
}

/**
 * Shared parts by condition content. Catalogues repeat conditions (every product excludes
 * dishonest debtors, most ask for an SME size), and one enterprise fails a repeated condition the
 * same way in every product: sharing its failure template lets all of them return the one failed
 * criterion it built (detail.ts), and keeps the records of 1,000 products in fewer cache lines.
 */
const sharedConditions = new Map<string, SharedCondition>();
/** Past this many entries the table starts again: sharing saves work but is never needed. */
const MAX_SHARED_CONDITIONS = 20_000;

function sharedCondition(c: Condition, group: string | null, label: Text): SharedCondition {
  // Group null and the string "null" must not meet: \u0001 stands for null.
  const key = [
    c.fact,
    c.operator,
    JSON.stringify(c.value),
    c.id,
    // Stryker disable next-line StringLiteral: no group path is empty, so null and '' never meet
    group ?? '\u0001',
    label.zh,
    label.en,
  ].join('\u0000');
  let shared = sharedConditions.get(key);
  // Stryker disable next-line ConditionalExpression: cache: rebuilding the shared parts gives equal ones
  if (shared) return shared;
  const type = FACTS[c.fact].type;
  shared = {
    operand:
      c.operator === 'in' || c.operator === 'notIn'
        ? new Set<unknown>(c.value as readonly RuleScalar[])
        : c.value,
    passed: Object.freeze({ id: c.id, group, label, outcome: 'pass' }),
    missing: Object.freeze({ id: c.id, group, label, outcome: 'unknown', detail: NOT_PROVIDED }),
    invalid: Object.freeze({ id: c.id, group, label, outcome: 'unknown', detail: INVALID_TYPE }),
    failure: failureTemplate(
      c.id,
      group,
      label,
      type.kind,
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: speed only: failures of enum values are pre-built with the text failedCriterion renders otherwise
      type.kind === 'enum' ? type.values : undefined,
      requirementText(c.operator, c.value, FACTS[c.fact]),
      FACTS[c.fact],
    ),
  };
  // Stryker disable next-line ConditionalExpression,EqualityOperator: cache bound: a cleared (or never cleared) cache gives equal parts
  if (sharedConditions.size >= MAX_SHARED_CONDITIONS) sharedConditions.clear();
  sharedConditions.set(key, shared);
  return shared;
}

/**
 * One object per distinct hint text, across all rules: hints dedupe by identity while evaluating,
 * and equal hint lists of different products are one list (see {@link internedList}).
 */
const sharedHints = new Map<string, Text>();

/** A node of a trie of lists: the frozen list of the items on the path here, and what follows. */
interface ListNode<T> {
  list: T[] | undefined;
  next: Map<T, ListNode<T>> | undefined;
}
// Stryker disable next-line ObjectLiteral: absent properties read as undefined too
const emptyTrie = <T>(): ListNode<T> => ({ list: undefined, next: undefined });
let hintLists = emptyTrie<Text>();
/** Missing-facts lists: fact names are few, so their sorted subsets that occur are too. */
const missingLists = emptyTrie<string>();

/**
 * The first `count` of `items` as one frozen list, shared by every evaluation that yields the same
 * items in the same order: a handful of distinct lists per catalogue, instead of one array per
 * product.
 */
function internedList<T>(trie: ListNode<T>, items: readonly T[], count: number): T[] {
  let node = trie;
  // Stryker disable next-line EqualityOperator: intern table: one level deeper holds a list with the same items
  for (let i = 0; i < count; i++) {
    node.next ??= new Map();
    let child = node.next.get(items[i]);
    // Stryker disable next-line ConditionalExpression: intern table: a fresh node holds a list with the same items
    if (!child) {
      child = emptyTrie<T>();
      node.next.set(items[i], child);
    }
    node = child;
  }
  node.list ??= Object.freeze(items.slice(0, count)) as T[];
  return node.list;
}

function sharedHint(hint: Text): Text {
  const key = `${hint.zh}\u0000${hint.en}`;
  let shared = sharedHints.get(key);
  if (!shared) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: cache bound: a cleared (or never cleared) table gives equal hints
    if (sharedHints.size >= MAX_SHARED_CONDITIONS) {
      // Hints already compiled keep working; they only stop being shared with new ones.
      sharedHints.clear();
      hintLists = emptyTrie<Text>();
    }
    shared = freezeText(hint);
    sharedHints.set(key, shared);
  }
  return shared;
}

function freezeText(text: Text): Text {
  return Object.freeze({ zh: text.zh, en: text.en });
}

/**
 * Lays the tree out in post-order (children before their group, root last); criteria positions
 * are in pre-order (a group before its children), the order a person reads them.
 */
function flatten(rule: Rule, rootPath: string): Program {
  const records: unknown[] = [];
  // Stryker disable next-line ArrayDeclaration: written by criterion position, read only at positions of conditions
  const hints: (Text | undefined)[] = [];
  // Stryker disable next-line ArrayDeclaration: written by criterion position, read only at positions of conditions
  const factAt: FactName[] = [];
  const facts: FactName[] = [];
  let positions = 0;
  const constants = new Map<FactName, RuleScalar[]>();
  // Condition nodes with their facts, for what is known of each slot once all are laid out.
  const conditionNodes: number[] = [];
  const conditionFacts: FactName[] = [];
  const headerAt = (node: number): number => records[node * STRIDE + HEADER] as number;

  const condition = (c: Condition, position: number, group: string | null): void => {
    const type = FACTS[c.fact].type;
    const label = freezeText(c.label);
    let hint: Text | undefined;
    if (c.hint) hint = sharedHint(c.hint);
    hints[position] = hint;
    factAt[position] = c.fact;
    facts.push(c.fact);
    const named = constants.get(c.fact) ?? [];
    named.push(
      ...(Array.isArray(c.value) ? (c.value as readonly RuleScalar[]) : [c.value as RuleScalar]),
    );
    constants.set(c.fact, named);
    const header =
      CONDITION |
      (KIND_CHECK[type.kind] << 2) |
      (OPERATOR_CODE[c.operator] << 5) |
      (hint ? 512 : 0);
    const shared = sharedCondition(c, group, label);
    conditionNodes.push(records.length / STRIDE);
    conditionFacts.push(c.fact);
    records.push(
      header,
      position,
      -1,
      FACT_INDEX.get(c.fact) as number,
      shared.operand,
      shared.passed,
      shared.missing,
      shared.failure,
      shared.invalid,
    );
  };

  const group = (
    kind: number,
    children: number[],
    position: number,
    criterion: Omit<CriterionResult, 'outcome'>,
  ): void => {
    const hint = children.some((c) => hasHintOf(headerAt(c)));
    for (let i = 0; i + 1 < children.length; i++) {
      records[children[i] * STRIDE + SIBLING] = children[i + 1];
    }
    records.push(kind | (hint ? 512 : 0), children.length, -1, children[0], position);
    for (const outcome of OUTCOME) records.push(Object.freeze({ ...criterion, outcome }));
    records.push(undefined); // pads the record to STRIDE
  };

  // Returns the node index of `r`, after laying out its children. `path` is the JSON path of
  // `r`; `parent` the id of the group it sits in (the path of that group's array).
  const visit = (r: Rule, path: string, parent: string | null): number => {
    const position = positions++;
    if ('all' in r || 'any' in r || 'not' in r) {
      const key = 'all' in r ? 'all' : 'any' in r ? 'any' : 'not';
      const id = `${path}.${key}`;
      const children =
        'not' in r
          ? [visit(r.not, id, id)]
          : (key === 'all' ? (r as { all: Rule[] }).all : (r as { any: Rule[] }).any).map((c, i) =>
              visit(c, `${id}[${i}]`, id),
            );
      const label = r.label ? freezeText(r.label) : GROUP_LABELS[key];
      group(key === 'all' ? ALL : key === 'any' ? ANY : NOT, children, position, {
        id,
        group: parent,
        kind: key,
        label,
      });
    } else {
      condition(r, position, parent);
    }
    return records.length / STRIDE - 1;
  };
  visit(rule, rootPath, null);
  const slots: number[] = [];
  const slotChecks: number[] = [];
  const slotValues: (readonly unknown[])[] = [];
  for (const [fact, named] of constants) {
    const type: FactType = FACTS[fact].type;
    slots.push(FACT_INDEX.get(fact) as number);
    slotChecks.push(KIND_CHECK[type.kind]);
    slotValues.push(representativeValues(type, named));
  }
  const { slotSolo, canBits } = completionFacts(records, slots, slotChecks, slotValues, {
    nodes: conditionNodes,
    facts: conditionFacts,
  });
  for (let i = 0; i < conditionNodes.length; i++) {
    const at = conditionNodes[i] * STRIDE;
    if (slotSolo[slots.indexOf(FACT_INDEX.get(conditionFacts[i]) as number)]) {
      records[at] = (records[at] as number) | SOLO;
    }
  }
  return {
    nodeCount: records.length / STRIDE,
    records,
    hints,
    factAt,
    facts,
    slots,
    slotChecks,
    slotValues,
    slotSolo,
    canBits,
    open: undefined,
    openLength: 0,
    openRoot: UNKNOWN,
    openNonSolo: false,
    openStamp: 0,
    openMissing: undefined,
  };
}

/**
 * What the closed form of the completion search needs to know of a rule in advance: which slots
 * one condition reads alone, and what each condition can do over its slot's representative values.
 */
function completionFacts(
  records: readonly unknown[],
  slots: readonly number[],
  slotChecks: readonly number[],
  slotValues: readonly (readonly unknown[])[],
  conditions: { nodes: readonly number[]; facts: readonly FactName[] },
): Pick<Program, 'slotSolo' | 'canBits'> {
  // Stryker disable next-line ArrowFunction: counts of undefined make no slot solo, which only sends the rule to the search, which gives the same answers
  const readers = slots.map(() => 0);
  const canBits: number[] = [];
  // Stryker disable next-line ConditionalExpression,BlockStatement: no condition counted makes no slot solo, which only sends the rule to the search, which gives the same answers
  for (let i = 0; i < conditions.nodes.length; i++) {
    const at = conditions.nodes[i] * STRIDE;
    const k = slots.indexOf(FACT_INDEX.get(conditions.facts[i]) as number);
    // Stryker disable next-line UpdateOperator: negative counts make no slot solo, which only sends the rule to the search, which gives the same answers
    readers[k]++;
    const header = records[at] as number;
    let can = 0;
    for (const v of slotValues[k]) {
      // Stryker disable next-line ConditionalExpression: a value of the wrong type makes its slot not solo (below), and only solo slots' conditions have their bits read
      if (!hasKind(checkOf(header), v)) continue;
      can |= holds(operatorOf(header), v, records[at + OPERAND]) ? CAN_PASS : CAN_FAIL;
    }
    canBits[conditions.nodes[i]] = can;
  }
  const slotSolo = slotValues.map(
    // Stryker disable next-line ArrowFunction: no slot solo only sends the rule to the search, which gives the same answers
    (values, k) =>
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrowFunction: a slot not solo only sends the rule to the search, which gives the same answers; no valid rule has a slot without values
      readers[k] === 1 && values.length > 0 && values.every((v) => hasKind(slotChecks[k], v)),
  );
  return { slotSolo, canBits };
}

/**
 * Set by {@link run} and {@link decide}: whether some condition they found open (its fact
 * missing or wrongly typed) reads a slot that is not solo, so that the closed form does not apply.
 */
let openNonSolo = false;

/** Set by {@link run}: whether any criterion it wrote differs from the one it replaced. */
// Stryker disable next-line BooleanLiteral: run() sets it before finish reads it
let criteriaChanged = false;

/**
 * Runs the program; sets each criterion by its position in `criteria` (see
 * {@link criteriaChanged}), and each node's code in `outcomes`; returns the root code.
 */
function run(p: Program, values: readonly unknown[], criteria: CriterionResult[]): Code {
  const { records, nodeCount } = p;
  const codes = outcomes;
  const pending = stack;
  let sp = 0;
  let code: Code = UNKNOWN;
  let nonSolo = false;
  let changed = false;
  for (let n = 0, at = 0; n < nodeCount; n++, at += STRIDE) {
    const header = records[at] as number;
    const kind = kindOf(header);
    let criterion: CriterionResult;
    let position: number;
    if (kind === CONDITION) {
      position = records[at + ARG] as number;
      const actual = values[records[at + FACT] as number];
      if (actual === undefined || actual === null) {
        code = UNKNOWN;
        criterion = records[at + MISSING] as CriterionResult;
        nonSolo ||= (header & SOLO) === 0;
      } else if (!hasKind(checkOf(header), actual)) {
        // Never coerced: "3" is not 3, so a wrongly typed fact cannot decide anything.
        code = UNKNOWN;
        criterion = records[at + INVALID] as CriterionResult;
        nonSolo ||= (header & SOLO) === 0;
      } else if (holds(operatorOf(header), actual, records[at + OPERAND])) {
        code = PASS;
        criterion = records[at + PASSED] as CriterionResult;
      } else {
        code = FAIL;
        criterion = failedCriterion(records[at + FAILURE] as FailureTemplate, actual);
      }
    } else {
      if (kind === NOT) {
        const inner = pending[--sp];
        code = inner === PASS ? FAIL : inner === FAIL ? PASS : UNKNOWN;
      } else {
        // No short-circuit: every condition below has already reported its own outcome.
        const count = records[at + ARG] as number;
        sp -= count;
        code = combineGroup(kind === ALL, pending, sp, count);
      }
      position = records[at + POSITION] as number;
      criterion = records[at + GROUP_CRITERIA + code] as CriterionResult;
    }
    if (criteria[position] !== criterion) {
      criteria[position] = criterion;
      changed = true;
    }
    pending[sp++] = code;
    codes[n] = code;
  }
  openNonSolo = nonSolo;
  criteriaChanged = changed;
  return code;
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
      return typeof v === 'string' && v.length === 10 && isDateShape(v);
    case IS_BOOLEAN:
      return typeof v === 'boolean';
    default:
      return Array.isArray(v);
  }
}

// The last string checked for the date shape, and the answer: a match checks one enterprise's
// date once per product that reads it, and the regular expression cost more than the rest of such
// a condition.
let lastDate = '';
let lastDateShaped = false;

function isDateShape(v: string): boolean {
  // Stryker disable next-line ConditionalExpression: memo: testing again gives the same answer
  if (v !== lastDate) {
    lastDate = v;
    lastDateShaped = ISO_DATE_SHAPE.test(v);
  }
  return lastDateShaped;
}

/**
 * Whether the operator holds for a value already checked by `hasKind`. Validated rule values are
 * numbers for numeric facts and YYYY-MM-DD strings for dates, so `<` compares numbers numerically
 * and dates chronologically, never one with the other.
 */
function holds(op: number, actual: unknown, operand: unknown): boolean {
  switch (op) {
    case 0:
      return actual === operand;
    case 1:
      return actual !== operand;
    case 2:
      return (actual as number) < (operand as number);
    case 3:
      return (actual as number) <= (operand as number);
    case 4:
      return (actual as number) > (operand as number);
    case 5:
      return (actual as number) >= (operand as number);
    case 6:
      return (operand as ReadonlySet<unknown>).has(actual);
    case 7:
      return !(operand as ReadonlySet<unknown>).has(actual);
    case 8:
      return (actual as unknown[]).includes(operand);
    default:
      return !(actual as unknown[]).includes(operand);
  }
}

const firstChild = (p: Program, n: number): number => p.records[n * STRIDE + FIRST_CHILD] as number;
const nextSibling = (p: Program, n: number): number => p.records[n * STRIDE + SIBLING] as number;

/**
 * Hints of conditions that keep the root from passing, appended to `scratchHints` from `count` on;
 * returns the new count. `negated` is true under an odd number of `not`s, where a passing
 * condition is the one doing harm. Subtrees whose effective outcome is pass are skipped: their
 * failing parts do not matter.
 */
function collectHints(p: Program, n: number, negated: boolean, count: number): number {
  const header = p.records[n * STRIDE] as number;
  // Stryker disable next-line ConditionalExpression: speed only: a subtree without hints adds none
  if (!hasHintOf(header)) return count;
  const code = outcomes[n];
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: only PASS or not matters: 1 - UNKNOWN, and 1 + PASS, are not PASS either
  const effective = negated && code !== UNKNOWN ? 1 - code : code;
  if (effective === PASS) return count;
  const kind = kindOf(header);
  if (kind === CONDITION) {
    const hint = p.hints[p.records[n * STRIDE + ARG] as number];
    // Stryker disable next-line ConditionalExpression: unreachable: a condition's hint bit is set only when it has a hint
    if (hint === undefined) return count;
    for (let i = 0; i < count; i++) if (scratchHints[i] === hint) return count;
    scratchHints[count] = hint;
    return count + 1;
  }
  const childNegated = kind === NOT ? !negated : negated;
  let total = count;
  for (let c = firstChild(p, n); c !== -1; c = nextSibling(p, c)) {
    total = collectHints(p, c, childNegated, total);
  }
  return total;
}

// Stryker disable next-line ArrayDeclaration: written from index 0 up before any read
const sortedMissing: string[] = [];

/**
 * The missing facts of an unknown root, the facts of the conditions in its open part (recorded):
 * distinct, sorted (as `[...new Set(facts)].sort()`, by UTF-16 code units), inserted one by one
 * into a buffer (there are a few, and `sort` allocates a work area), then answered as the one
 * frozen list of those facts.
 */
function missingFactsOf(p: Program): string[] {
  const open = p.open as Int32Array;
  let n = 0;
  for (let i = 0; i < p.openLength; i += 2) {
    const at = open[i] * STRIDE;
    if (kindOf(p.records[at] as number) !== CONDITION) continue;
    const fact = p.factAt[p.records[at + ARG] as number];
    let j = n - 1;
    // Stryker disable next-line ConditionalExpression: sortedMissing[-1] is undefined, and undefined > fact is false
    while (j >= 0 && sortedMissing[j] > fact) j--;
    if (j >= 0 && sortedMissing[j] === fact) continue;
    // Stryker disable next-line EqualityOperator: the extra step writes slot j + 1, which the next line overwrites
    for (let k = n; k > j + 1; k--) sortedMissing[k] = sortedMissing[k - 1];
    sortedMissing[j + 1] = fact;
    n++;
  }
  return internedList(missingLists, sortedMissing, n);
}

// A separate stack for `decide`, so that searching never disturbs the last run's outcomes.
let decideStack = new Uint8Array(64);
// Stryker disable next-line ArrayDeclaration: loadSearchValues writes every slot a search reads; arrays grow
const searchValues = new Array<unknown>(FACT_NAMES.length).fill(undefined);

// The node codes of decide, apart from run's: the hints and missing facts read run's later.
let decidedCodes = new Uint8Array(64);

/**
 * The root outcome only, without criteria: what the completion search and `statusOf` evaluate.
 * Also writes each node's code into `decidedCodes` and sets {@link openNonSolo}, which
 * {@link recordOpen} reads right after a `statusOf`; the search ignores both.
 */
function decide(p: Program, values: readonly unknown[]): Code {
  const { records, nodeCount } = p;
  // Stryker disable next-line EqualityOperator: speed only: new buffers for an equal rule change nothing
  if (decidedCodes.length < nodeCount) {
    decidedCodes = new Uint8Array(nodeCount);
    decideStack = new Uint8Array(nodeCount);
  }
  const codes = decidedCodes;
  const pending = decideStack;
  let sp = 0;
  let code: Code = UNKNOWN;
  let nonSolo = false;
  for (let n = 0, at = 0; n < nodeCount; n++, at += STRIDE) {
    const header = records[at] as number;
    const kind = kindOf(header);
    if (kind === CONDITION) {
      const actual = values[records[at + FACT] as number];
      // Stryker disable next-line ConditionalExpression,LogicalOperator: hasKind is false for undefined and null whatever the kind, so the first two tests only save a call
      if (actual === undefined || actual === null || !hasKind(checkOf(header), actual)) {
        code = UNKNOWN;
        nonSolo ||= (header & SOLO) === 0;
      } else {
        code = holds(operatorOf(header), actual, records[at + OPERAND]) ? PASS : FAIL;
      }
    } else if (kind === NOT) {
      const inner = pending[--sp];
      code = inner === PASS ? FAIL : inner === FAIL ? PASS : UNKNOWN;
    } else {
      const count = records[at + ARG] as number;
      sp -= count;
      code = combineGroup(kind === ALL, pending, sp, count);
    }
    pending[sp++] = code;
    codes[n] = code;
  }
  openNonSolo = nonSolo;
  return code;
}

/** Three-valued `all` (or `any`) of the `count` outcomes on `pending` from `from`. */
function combineGroup(all: boolean, pending: Uint8Array, from: number, count: number): Code {
  let anyFail = false;
  let anyPass = false;
  let anyUnknown = false;
  for (let i = from; i < from + count; i++) {
    const child = pending[i];
    if (child === FAIL) anyFail = true;
    else if (child === PASS) anyPass = true;
    else anyUnknown = true;
  }
  if (all) return anyFail ? FAIL : anyUnknown ? UNKNOWN : PASS;
  return anyPass ? PASS : anyUnknown ? UNKNOWN : FAIL;
}

/**
 * Evaluations a completion search may spend before it gives up and answers "could still pass"
 * (the answer that asks for information rather than refusing). Catalogue rules need a handful.
 */
export const SEARCH_BUDGET = 4096;

// The searches' state, shared like the work buffers above (a search never starts another): the
// evaluations left, and the open slots as indexes into the program's slot arrays, those to answer
// first (settledBy) and the rest.
let budgetLeft = 0;
let openSlots = new Int32Array(16);
let answeredSlots = new Int32Array(16);

/** Copies the facts the program reads into `searchValues`, and makes room for its open slots. */
function loadSearchValues(p: Program, values: readonly unknown[]): void {
  const { slots } = p;
  // Stryker disable next-line EqualityOperator: speed only: new buffers of an equal size change nothing
  if (openSlots.length < slots.length) {
    openSlots = new Int32Array(slots.length);
    answeredSlots = new Int32Array(slots.length);
  }
  // Stryker disable next-line EqualityOperator: the extra step copies values[undefined] to searchValues[undefined], no slot
  for (let k = 0; k < slots.length; k++) searchValues[slots[k]] = values[slots[k]];
}

// Stryker disable next-line BlockStatement: only clears references for the garbage collector: loadSearchValues writes every slot a search reads before it starts
function clearSearchValues(p: Program): void {
  // Stryker disable next-line EqualityOperator: only clears references for the garbage collector: loadSearchValues writes every slot a search reads before it starts; searchValues[undefined] is no slot
  for (let k = 0; k < p.slots.length; k++) searchValues[p.slots[k]] = undefined;
}

/** Whether slot index `k` of `p` is open (missing or wrongly typed) in `searchValues`. */
function isOpen(p: Program, k: number): boolean {
  const v = searchValues[p.slots[k]];
  // Stryker disable next-line ConditionalExpression,LogicalOperator: hasKind is false for undefined and null whatever the kind, so the first two tests only save a call
  return v === undefined || v === null || !hasKind(p.slotChecks[k], v);
}

/**
 * Whether some values of the facts that are missing (or wrongly typed) make the rule pass: a
 * depth-first search over their representative values, pruned as soon as the known facts decide
 * (three-valued logic is monotone: a fail stays a fail whatever is filled in). `p.open` must be
 * recorded for `values` (see {@link recordOpen}).
 */
function canStillPass(p: Program, values: readonly unknown[]): boolean {
  // Stryker disable next-line ConditionalExpression: speed only: the search gives the same answers
  if (!p.openNonSolo) {
    // True is also what the search answers when it runs out of budget: only false needs the count.
    const sets = openSets(p);
    if ((sets & PASSABLE) !== 0) return true;
    // Stryker disable next-line EqualityOperator: speed only: at exactly SEARCH_BUDGET the search runs and fits, with the same answer
    if (worstTries(p, values) <= SEARCH_BUDGET) return false;
  }
  loadSearchValues(p, values);
  let open = 0;
  // Stryker disable next-line EqualityOperator: the extra slot comes last, and the search reaches it only with every open slot filled, when the root is decided
  for (let k = 0; k < p.slots.length; k++) if (isOpen(p, k)) openSlots[open++] = k;
  budgetLeft = SEARCH_BUDGET;
  try {
    return search(p, 0, open);
    // Stryker disable next-line BlockStatement: only clears references for the garbage collector: loadSearchValues writes every slot a search reads before it starts
  } finally {
    clearSearchValues(p);
  }
}

/** The search over `openSlots[depth…end)`; see {@link canStillPass}. */
function search(p: Program, depth: number, end: number): boolean {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: unreachable: the searches go deeper only while the root is unknown, and with every open slot filled it is decided
  if (depth === end) return false;
  const k = openSlots[depth];
  const slot = p.slots[k];
  const candidates = p.slotValues[k];
  const saved = searchValues[slot];
  try {
    for (let i = 0; i < candidates.length; i++) {
      if (--budgetLeft < 0) return true;
      searchValues[slot] = candidates[i];
      const code = decide(p, searchValues);
      if (code === PASS) return true;
      if (code === UNKNOWN && search(p, depth + 1, end)) return true;
    }
    return false;
  } finally {
    searchValues[slot] = saved;
  }
}

/**
 * Whether every answer for the facts `asked` that are open (missing or wrongly typed) decides the
 * rule: for each combination of their representative values the root passes, fails, or is unknown
 * with no completion of the other open facts that passes (ineligible). Known facts stay as they
 * are; facts the rule does not read change nothing. False, the cautious answer, when the
 * combinations and searches exceed SEARCH_BUDGET.
 */
function settledBy(
  p: Program,
  values: readonly unknown[],
  asked: readonly FactName[],
  askedCount: number,
): boolean {
  openPartFor(p, values);
  for (let i = 0; i < askedCount; i++) markAsked(asked[i], 1);
  try {
    // Stryker disable next-line ConditionalExpression: speed only: the search gives the same answers
    if (!p.openNonSolo) {
      // False is also what the search answers when it runs out of budget: only true needs the count.
      const sets = openSets(p);
      if ((sets & OPEN_AND_PASSABLE) !== 0) return false;
      // Stryker disable next-line EqualityOperator: speed only: at exactly SEARCH_BUDGET the search runs and fits, with the same answer
      if (worstTries(p, values) <= SEARCH_BUDGET) return true;
    }
  } finally {
    for (let i = 0; i < askedCount; i++) markAsked(asked[i], 0);
  }
  loadSearchValues(p, values);
  let answered = 0;
  let rest = 0;
  // Stryker disable next-line EqualityOperator: the extra slot is not asked, so it comes last in the search, which reaches it only with every open slot filled, when the root is decided
  for (let k = 0; k < p.slots.length; k++) {
    if (!isOpen(p, k)) continue;
    if (isAsked(asked, askedCount, FACT_NAMES[p.slots[k]])) {
      answeredSlots[answered++] = k;
    } else {
      openSlots[rest++] = k;
    }
  }
  budgetLeft = SEARCH_BUDGET;
  try {
    return everyAnswerDecides(p, 0, answered, rest);
    // Stryker disable next-line BlockStatement: only clears references for the garbage collector: loadSearchValues writes every slot a search reads before it starts
  } finally {
    clearSearchValues(p);
  }
}

function isAsked(asked: readonly FactName[], count: number, fact: FactName): boolean {
  for (let i = 0; i < count; i++) if (asked[i] === fact) return true;
  return false;
}

function everyAnswerDecides(p: Program, depth: number, answered: number, rest: number): boolean {
  // Three-valued logic is monotone: once the answers so far decide the root, any more do too.
  if (decide(p, searchValues) !== UNKNOWN) return true;
  if (depth === answered) return !search(p, 0, rest);
  const k = answeredSlots[depth];
  const slot = p.slots[k];
  const candidates = p.slotValues[k];
  const saved = searchValues[slot];
  try {
    for (let i = 0; i < candidates.length; i++) {
      if (--budgetLeft < 0) return false;
      searchValues[slot] = candidates[i];
      if (!everyAnswerDecides(p, depth + 1, answered, rest)) return false;
    }
    return true;
  } finally {
    searchValues[slot] = saved;
  }
}

// The closed form of the searches above. Where no open fact is read by two conditions, the
// subtrees of a group depend on disjoint open facts, so what a group can become follows from what
// each child can become, in one pass over the nodes instead of one per completion tried
// (docs/rules.md, "Searching completions"). What a node can become, over the answers to the asked
// facts, is a set of triples: its outcome with the other open facts unknown, whether some values
// of those make it pass, and whether some make it fail. A set is a 12-bit mask, triple
// outcome * 4 + can pass * 2 + can fail.
const CAN_PASS = 1;
const CAN_FAIL = 2;
const triple = (code: Code, canPass: boolean, canFail: boolean): number =>
  code * 4 + (canPass ? 2 : 0) + (canFail ? 1 : 0);
// Built with the tables below: the sets of a condition that passes, and of one that fails.
let PASSED_SET = 0;
let FAILED_SET = 0;
/** Triples in which some completion passes; those of them whose outcome is still unknown. */
let PASSABLE = 0;
let OPEN_AND_PASSABLE = 0;

/**
 * The triple of `all` (or `any`) of two children's triples, for each pair; `not` of each. Built at
 * load, with the sets above (see ALL_TABLE below).
 */
const ANY_TABLE = new Uint8Array(144);
const NOT_TABLE = new Uint8Array(12);

/** Fills ANY_TABLE, NOT_TABLE and the sets; returns the `all` table. */
function buildCompletionTables(): Uint8Array {
  PASSED_SET = 1 << triple(PASS, true, false);
  FAILED_SET = 1 << triple(FAIL, false, true);
  const all = new Uint8Array(144);
  const codes = new Uint8Array(2);
  // Stryker disable next-line EqualityOperator: the extra row's writes fall outside the typed arrays and are ignored; triple 12 has no can-pass bit
  for (let a = 0; a < 12; a++) {
    const [aCode, aPass, aFail] = [a >> 2, (a & 2) !== 0, (a & 1) !== 0];
    if (aPass) PASSABLE |= 1 << a;
    if (aPass && aCode === UNKNOWN) OPEN_AND_PASSABLE |= 1 << a;
    NOT_TABLE[a] = triple(aCode === PASS ? FAIL : aCode === FAIL ? PASS : UNKNOWN, aFail, aPass);
    // Stryker disable next-line EqualityOperator: the extra column's write is entry (a + 1, 0), which the next row writes again, or past the arrays' end
    for (let b = 0; b < 12; b++) {
      const [bCode, bPass, bFail] = [b >> 2, (b & 2) !== 0, (b & 1) !== 0];
      codes[0] = aCode;
      codes[1] = bCode;
      all[a * 12 + b] = triple(combineGroup(true, codes, 0, 2), aPass && bPass, aFail || bFail);
      ANY_TABLE[a * 12 + b] = triple(
        combineGroup(false, codes, 0, 2),
        aPass || bPass,
        aFail && bFail,
      );
    }
  }
  return all;
}
// Built at load, not on first use: Stryker's per-test coverage would count a lazily built table
// as covered by the one test that first needed it, and run only that test against its mutants.
const ALL_TABLE = buildCompletionTables();

/** Every combination of a triple of `a` with one of `b`, through `table`. */
function combineSets(a: number, b: number, table: Uint8Array): number {
  let out = 0;
  for (let x = a; x !== 0; x &= x - 1) {
    const i = 31 - Math.clz32(x & -x);
    for (let y = b; y !== 0; y &= y - 1) out |= 1 << table[i * 12 + 31 - Math.clz32(y & -y)];
  }
  return out;
}

function notSet(a: number): number {
  let out = 0;
  for (let x = a; x !== 0; x &= x - 1) out |= 1 << NOT_TABLE[31 - Math.clz32(x & -x)];
  return out;
}

/** Slots of the facts being answered (settledBy), marked for the duration of one check. */
const askedSlots = new Uint8Array(FACT_NAMES.length);

function markAsked(fact: FactName, mark: number): void {
  const slot = FACT_INDEX.get(fact);
  // Stryker disable next-line ConditionalExpression: askedSlots[undefined] is an ordinary property, no slot
  if (slot !== undefined) askedSlots[slot] = mark;
}

/**
 * The most values the search would try (the asked slots' combinations, and a search of the others
 * below each): at most SEARCH_BUDGET, and it cannot run out, so the closed form answers as it would.
 */
function worstTries(p: Program, values: readonly unknown[]): number {
  let askedCombinations = 1;
  let askedTries = 0;
  let restCombinations = 1;
  let restTries = 0;
  for (let k = 0; k < p.slots.length; k++) {
    const slot = p.slots[k];
    const v = values[slot];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: hasKind is false for undefined and null, and a known slot counted only sends the rule to the search, which gives the same answers
    if (v !== undefined && v !== null && hasKind(p.slotChecks[k], v)) continue;
    if (askedSlots[slot] === 1) {
      askedCombinations *= p.slotValues[k].length;
      askedTries += askedCombinations;
    } else {
      restCombinations *= p.slotValues[k].length;
      restTries += restCombinations;
    }
  }
  return askedTries + askedCombinations * restTries;
}

// The open part of a rule. A node whose outcome is decided stays so whatever the open facts turn
// out to be (three-valued logic is monotone), so its set of triples is the one of its outcome; and
// under an unknown group, the decided children are neutral (an `all` that is unknown has no failed
// child, and a passed one changes no triple of the others; an `any` likewise with failed ones). So
// the closed form only needs the unknown nodes reached from an unknown root through unknown
// groups: usually a handful of a rule's nodes. They are recorded once per evaluation, from the
// codes the evaluation found, and every closed form on those facts walks them alone.

/**
 * Records in `p.open` the open part below node `n` (unknown) from the node codes `codes`, from pair
 * `length` on; returns the new length. Pairs are (node, open children), in post-order.
 */
function collectOpen(p: Program, codes: Uint8Array, n: number, length: number): number {
  const open = p.open as Int32Array;
  let at = length;
  let children = 0;
  if (kindOf(p.records[n * STRIDE] as number) !== CONDITION) {
    for (let c = firstChild(p, n); c !== -1; c = nextSibling(p, c)) {
      if (codes[c] !== UNKNOWN) continue;
      at = collectOpen(p, codes, c, at);
      children++;
    }
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator: memo: a pair taken for changed is written again with the same values
  if (open[at] !== n || open[at + 1] !== children) {
    open[at] = n;
    open[at + 1] = children;
    openChanged = true;
  }
  return at + 2;
}

/** Set by {@link collectOpen} when a pair it writes differs from what was there. */
let openChanged = false;

/**
 * Records what the closed form needs of `p` on some facts: the root code `code`, the node codes
 * `codes` and {@link openNonSolo}, as {@link run} or {@link decide} left them; `stamp` says
 * which match the facts belong to.
 */
function recordOpen(p: Program, codes: Uint8Array, code: Code, stamp: number): void {
  const length = p.openLength;
  p.openRoot = code;
  p.openNonSolo = openNonSolo;
  p.openStamp = stamp;
  p.openLength = 0;
  openChanged = false;
  if (code === UNKNOWN) {
    p.open ??= new Int32Array(2 * p.nodeCount);
    p.openLength = collectOpen(p, codes, p.nodeCount - 1, 0);
  }
  // What was found for another open part does not hold for this one.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: memo: forgetting it only finds it again
  if (openChanged || p.openLength !== length) p.openMissing = undefined;
}

// Within a match, the facts whose open parts the rules keep for the interview, and the stamp that
// tells those records from older ones. Outside a match nothing is kept: a caller may reuse one
// fact vector for other facts (the impact pass does), so no record is trusted past its match.
let keptValues: readonly unknown[] | undefined;
let keptStamp = 0;
let stamps = 0;

/**
 * Starts (with the match's fact vector) or ends (with undefined) a match whose rules keep their
 * open part for `settledBy`: the interview then asks about facts the match has just evaluated.
 */
export function keepOpenParts(values: readonly unknown[] | undefined): void {
  keptValues = values;
  keptStamp = values === undefined ? 0 : ++stamps;
}

/** The stamp to record an open part for `values` with: the match's, or 0 outside it. */
const stampFor = (values: readonly unknown[]): number => (values === keptValues ? keptStamp : 0);

/** Makes sure `p.open` is the open part for `values`, evaluating once more if it is not. */
function openPartFor(p: Program, values: readonly unknown[]): void {
  const stamp = stampFor(values);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: speed only: evaluating again records the same open part
  if (stamp !== 0 && p.openStamp === stamp) return;
  recordOpen(p, decidedCodes, decide(p, values), stamp);
}

// Stack of the closed form's sets, one per pending node.
let setStack = new Uint16Array(64);

/**
 * What the root can become, as a set of triples (see above), over the open part recorded for the
 * facts; the asked slots are marked. Only for rules whose open slots are all solo.
 */
function openSets(p: Program): number {
  if (p.openRoot !== UNKNOWN) return p.openRoot === PASS ? PASSED_SET : FAILED_SET;
  const { records, canBits, openLength } = p;
  const open = p.open as Int32Array;
  // Stryker disable next-line EqualityOperator: speed only: a new stack for an equal rule changes nothing
  if (setStack.length < p.nodeCount) setStack = new Uint16Array(p.nodeCount);
  const pending = setStack;
  let sp = 0;
  let set = 0;
  for (let i = 0; i < openLength; i += 2) {
    const n = open[i];
    const at = n * STRIDE;
    const kind = kindOf(records[at] as number);
    if (kind === CONDITION) {
      // Open: its fact is missing or wrongly typed.
      const can = canBits[n];
      if (askedSlots[records[at + FACT] as number] === 1) {
        // Each answer decides the condition.
        set = ((can & CAN_PASS) !== 0 ? PASSED_SET : 0) | ((can & CAN_FAIL) !== 0 ? FAILED_SET : 0);
      } else {
        set = 1 << triple(UNKNOWN, (can & CAN_PASS) !== 0, (can & CAN_FAIL) !== 0);
      }
    } else if (kind === NOT) {
      set = notSet(pending[--sp]);
    } else {
      // The open children only: the decided ones change nothing (see above).
      const count = open[i + 1];
      sp -= count;
      const table = kind === ALL ? ALL_TABLE : ANY_TABLE;
      set = pending[sp];
      for (let j = sp + 1; j < sp + count; j++) set = combineSets(set, pending[j], table);
    }
    pending[sp++] = set;
  }
  return set;
}
