/**
 * Matches one enterprise's facts against the published products (docs/api.md, "Enterprises and
 * matching"): evaluate each compiled rule, score the fit, order the results.
 */
import { keepOpenParts } from './compile-rule';
import { applicableLimit, type ApplicableLimit, type CompiledLimit } from './limits';
import { ISO_DATE_SHAPE } from './operators';
import { interview, type FieldsOf, type OpenProduct, type Question } from './questions';
import { resolveFacts, type ResolvedFacts } from './resolve-facts';
import type {
  CompiledRule,
  CriterionResult,
  EvaluationParts,
  Facts,
  ProductStatus,
  Text,
} from './rule.types';
import { scoreFit, type FinancingNeed, type ProductTerms } from './score';

/** A published product version, its rule already compiled. */
export interface MatchableProduct {
  code: string;
  version: number;
  /** Terms not settled by the sources (docs/domain/programmes.md); shown as such to the enterprise. */
  provisional: boolean;
  terms: ProductTerms;
  compiled: CompiledRule;
  /** Conditional limits, compiled (first match wins, else `terms`' own caps). */
  limits?: readonly CompiledLimit[];
  /** First day the product can be matched (`YYYY-MM-DD`, inclusive); null: no start. */
  validFrom?: string | null;
  /** Last day the product can be matched (`YYYY-MM-DD`, inclusive); null: no end. */
  validTo?: string | null;
}

/** One product's result, as in docs/api.md. */
export interface MatchResult {
  productCode: string;
  productVersion: number;
  provisional: boolean;
  status: ProductStatus;
  score: number;
  criteria: CriterionResult[];
  missingFacts: string[];
  hints: Text[];
  /** The cap and term that apply to this enterprise, and why (docs/rules.md). */
  applicableLimit: ApplicableLimit;
}

/** Inputs of a match that are not products or facts: the caller's clock and market rate. */
export interface MatchOptions {
  /** The day the match is for (`YYYY-MM-DD`); decides which products are in force. */
  asOf: string;
  /** The current 1-year LPR in basis points, for the cost part of the score. */
  lpr1yBp: number;
}

const STATUS_RANK: Readonly<Record<ProductStatus, number>> = {
  eligible: 0,
  needs_info: 1,
  ineligible: 2,
};

/** True when the product is in force on `asOf` (both ends inclusive). */
export function isInForce(product: MatchableProduct, asOf: string): boolean {
  // YYYY-MM-DD strings order chronologically as strings.
  // Stryker disable next-line ConditionalExpression: a date string is neither < nor > null or undefined
  if (product.validFrom != null && asOf < product.validFrom) return false;
  // Stryker disable next-line ConditionalExpression: a date string is neither < nor > null or undefined
  if (product.validTo != null && asOf > product.validTo) return false;
  return true;
}

/** Orders results: eligible, needs_info, ineligible; then score descending; then code, version. */
export function compareResults(a: MatchResult, b: MatchResult): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    b.score - a.score ||
    (a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : 0) ||
    b.productVersion - a.productVersion
  );
}

/**
 * Evaluates every product in force on `opts.asOf` against `facts` (profile + derived) and returns
 * the results in docs/api.md order. Deterministic: same inputs, same output.
 * @throws RangeError when `asOf` is not `YYYY-MM-DD` or `lpr1yBp` is not finite (caller bugs).
 */
export function matchProducts(
  products: readonly MatchableProduct[],
  facts: Facts,
  opts: MatchOptions,
): MatchResult[] {
  checkOptions(opts);
  const n = evaluateAll(products, facts, resolveFacts(facts), opts);
  const results = orderedResults(n);
  releaseScratch(n);
  return results;
}

/** A match with its interview: the results, and the questions that would settle the open ones. */
export interface MatchAnswer {
  results: MatchResult[];
  questions: Question[];
}

/**
 * {@link matchProducts} plus `questions` (docs/api.md): the profile fields that would settle the
 * products left `needs_info`, most products settled first. `fieldsOf` maps a missing fact to the
 * profile fields behind it where the caller knows better (see questions.ts).
 */
export function matchAndAsk(
  products: readonly MatchableProduct[],
  facts: Facts,
  opts: MatchOptions & { fieldsOf?: FieldsOf },
): MatchAnswer {
  checkOptions(opts);
  const resolved = resolveFacts(facts);
  // The rules keep what they found open on these facts, and the interview asks about the same
  // facts: it then walks those parts instead of evaluating every rule again per question.
  keepOpenParts(resolved.values);
  try {
    const n = evaluateAll(products, facts, resolved, opts);
    const results = orderedResults(n);
    const asked: OpenProduct[] = [];
    for (let i = 0; i < n; i++) {
      const r = results[i];
      if (r.status !== 'needs_info') continue;
      asked.push({
        code: r.productCode,
        compiled: scratchRules[order[i]],
        missingFacts: r.missingFacts,
      });
    }
    releaseScratch(n);
    // Stryker disable next-line ConditionalExpression: speed only: an interview of no product asks nothing
    if (asked.length === 0) return { results, questions: [] };
    return { results, questions: interview(asked, resolved, opts.fieldsOf) };
  } finally {
    keepOpenParts(undefined);
  }
}

function checkOptions(opts: MatchOptions): void {
  if (typeof opts.asOf !== 'string' || !ISO_DATE_SHAPE.test(opts.asOf)) {
    throw new RangeError(`asOf must be YYYY-MM-DD, got ${String(opts.asOf)}`);
  }
  if (!Number.isFinite(opts.lpr1yBp)) throw new RangeError('lpr1yBp must be a finite number');
}

// A match's unordered results and each one's rule, by position: buffers reused by every match
// (matching is synchronous), emptied after each so that they keep no result alive.
// Stryker disable next-line ArrayDeclaration: every slot is written before it is read
const scratchResults: MatchResult[] = [];
// Stryker disable next-line ArrayDeclaration: every slot is written before it is read
const scratchRules: CompiledRule[] = [];

// Stryker disable next-line BlockStatement: memory only: no match reads a slot it did not write
function releaseScratch(n: number): void {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: memory only: no match reads a slot it did not write
  for (let i = 0; i < n; i++) {
    scratchResults[i] = undefined as unknown as MatchResult;
    scratchRules[i] = undefined as unknown as CompiledRule;
  }
}

/** Writes the unordered results and their rules into the scratch buffers; returns their count. */
function evaluateAll(
  products: readonly MatchableProduct[],
  facts: Facts,
  resolved: ResolvedFacts,
  opts: MatchOptions,
): number {
  const rawNeed = facts.financingNeed;
  const need: Partial<FinancingNeed> =
    typeof rawNeed === 'object' && rawNeed !== null ? (rawNeed as Partial<FinancingNeed>) : {};
  const scoreOpts = { lpr1yBp: opts.lpr1yBp };
  let n = 0;
  // One object for every product's evaluation: its parts move into the result.
  const evaluation = {} as EvaluationParts;
  for (const product of products) {
    if (!isInForce(product, opts.asOf)) continue;
    product.compiled.evaluateInto(resolved, evaluation);
    const { terms } = product;
    const limit = applicableLimit(terms, product.limits, resolved);
    const scored =
      // Stryker disable next-line ConditionalExpression: speed only: a copy with the same caps scores the same
      limit.amountMaxYuan === terms.amountMaxYuan && limit.termMonthsMax === terms.termMonthsMax
        ? terms
        : { ...terms, amountMaxYuan: limit.amountMaxYuan, termMonthsMax: limit.termMonthsMax };
    const result: MatchResult = {
      productCode: product.code,
      productVersion: product.version,
      provisional: product.provisional,
      status: evaluation.status,
      score: scoreFit(scored, need, scoreOpts),
      criteria: evaluation.criteria,
      missingFacts: evaluation.missingFacts,
      hints: evaluation.hints,
      applicableLimit: limit,
    };
    scratchResults[n] = result;
    scratchRules[n] = product.compiled;
    n++;
  }
  return n;
}

// Work buffers of the ordering: a key per result, a count per key (3 statuses × 101 scores), and
// the order found, as positions in the scratch buffers.
const KEYS = 303;
let sortKeys = new Int32Array(1024);
let order = new Int32Array(1024);
const keyStarts = new Int32Array(KEYS + 1);

/** The (status, score) key of a result: its position before ties are broken. */
// Stryker disable next-line BlockStatement: speed only: every key is then 0, one run that sortRun orders by compareResults
function sortKey(r: MatchResult): number {
  // Out-of-range scores cannot come from scoreFit; clamp so the key stays valid.
  // Stryker disable next-line MethodExpression: speed only: sortRun orders each run by compareResults, so a coarser key gives the same order
  const score = Math.min(100, Math.max(0, Math.round(r.score)));
  return STATUS_RANK[r.status] * 101 + (100 - score);
}

/**
 * The first `n` scratch results ordered like {@link compareResults}, by a counting sort on
 * (status, score) first: scores are integers 0–100, so only results tied on both need comparing,
 * and those runs are short. Faster than a comparison sort at 1,000 products, and allocates only
 * the ordered array. Positions are sorted, not results, so that `order` also finds each one's rule.
 */
function orderedResults(n: number): MatchResult[] {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: buffers big enough are only replaced by new ones
  if (sortKeys.length < n) {
    sortKeys = new Int32Array(n);
    order = new Int32Array(n);
  }
  keyStarts.fill(0);
  // Stryker disable next-line ConditionalExpression,BlockStatement: speed only: keys never written stay 0, one run that sortRun orders by compareResults
  for (let i = 0; i < n; i++) {
    const key = sortKey(scratchResults[i]);
    sortKeys[i] = key;
    keyStarts[key + 1]++;
  }
  // Stryker disable next-line EqualityOperator: a typed array ignores the write past its end
  for (let k = 0; k < KEYS; k++) keyStarts[k + 1] += keyStarts[k];
  // keyStarts[k] becomes the end of key k's run as positions are placed.
  for (let i = 0; i < n; i++) order[keyStarts[sortKeys[i]]++] = i;
  // Stryker disable next-line EqualityOperator: key KEYS holds no result: its run is empty
  for (let k = 0, start = 0; k < KEYS; k++) {
    const end = keyStarts[k];
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: sorting a run of 0 or 1 moves nothing
    if (end - start > 1) sortRun(start, end);
    start = end;
  }
  // Stryker disable next-line ArrayDeclaration: speed only: every index below n is written
  const ordered = new Array<MatchResult>(n);
  for (let i = 0; i < n; i++) ordered[i] = scratchResults[order[i]];
  return ordered;
}

const byResult = (a: number, b: number): number =>
  compareResults(scratchResults[a], scratchResults[b]);

/** Sorts `order[start, end)` by {@link compareResults}: insertion sort for the usual short run. */
function sortRun(start: number, end: number): void {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: speed only: both branches order the run by compareResults
  if (end - start > 32) {
    // Stable, like the insertion sort: equal results keep their product order.
    // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: sort moves holes to the end, and only the first end - start are read
    const run = new Array<number>(end - start);
    // Stryker disable next-line ArithmeticOperator: sort moves holes to the end, and only the first end - start are read
    for (let i = start; i < end; i++) run[i - start] = order[i];
    run.sort(byResult);
    for (let i = start; i < end; i++) order[i] = run[i - start];
    return;
  }
  // Stryker disable next-line ArithmeticOperator: starting one early moves nothing (no j >= start)
  for (let i = start + 1; i < end; i++) {
    const at = order[i];
    const r = scratchResults[at];
    let j = i - 1;
    while (j >= start && compareResults(scratchResults[order[j]], r) > 0) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = at;
  }
}
