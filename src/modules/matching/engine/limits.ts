/**
 * Conditional limits (docs/rules.md, "Conditional limits"): caps that depend on the borrower, e.g.
 * 赣工贷 100,000 yuan, or 200,000 for a 劳模. The first entry whose `when` passes applies, its
 * missing caps taken from the product's own; if none passes, the product's own limits apply. An
 * entry whose `when` is still open is skipped, and the reason names the fact that would decide it.
 */
import { compileRule } from './compile-rule';
import { FACTS, isFactName } from './facts';
import type { ResolvedFacts } from './resolve-facts';
import type { Issue } from '../../../common/errors/issue';
import type { CompiledRule, Rule, RuleIssueCode, Text } from './rule.types';
import { validateRule } from './validate-rule';

/** One conditional limit as a product declares it. */
export interface ProductLimit {
  when: Rule;
  amountMaxYuan?: number;
  termMonthsMax?: number;
  label: Text;
}

/** A conditional limit with its condition compiled (once per product version). */
export interface CompiledLimit {
  when: CompiledRule;
  amountMaxYuan?: number;
  termMonthsMax?: number;
  label: Text;
}

/** The cap and term that apply to one enterprise, and why (null: the product's own limits). */
export interface ApplicableLimit {
  amountMaxYuan: number | null;
  termMonthsMax: number | null;
  reason: Text | null;
}

/** The longest term a limit may state, in months (as for a product's own term). */
export const MAX_LIMIT_TERM_MONTHS = 600;

function isText(t: unknown): t is Text {
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof (t as Text).zh === 'string' &&
    typeof (t as Text).en === 'string'
  );
}

function isWhole(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

/**
 * Checks a product's `limits` like its eligibility: every issue with the JSON path of the bad part
 * (`limits[1].when.all[0].fact`). Blank translations are allowed while drafting when
 * `allowBlankText` is set (publishing checks them).
 */
export function validateLimits(
  limits: unknown,
  path = 'limits',
  opts: { allowBlankText?: boolean } = {},
): Issue<RuleIssueCode>[] {
  if (limits === undefined) return [];
  if (!Array.isArray(limits)) {
    return [{ path, code: 'rule_invalid_shape', message: `${path} must be an array` }];
  }
  const issues: Issue<RuleIssueCode>[] = [];
  limits.forEach((entry: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      issues.push({ path: at, code: 'rule_invalid_shape', message: `${at} must be an object` });
      return;
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!['when', 'amountMaxYuan', 'termMonthsMax', 'label'].includes(key)) {
        issues.push({
          path: `${at}.${key}`,
          code: 'rule_invalid_shape',
          message: `${at} has an unknown property ${key}`,
        });
      }
    }
    if (e.when === undefined) {
      issues.push({ path: `${at}.when`, code: 'rule_invalid_shape', message: 'when is required' });
    } else {
      issues.push(...validateRule(e.when, `${at}.when`, opts));
    }
    if (e.amountMaxYuan !== undefined && !isWhole(e.amountMaxYuan, 1, Number.MAX_SAFE_INTEGER)) {
      issues.push({
        path: `${at}.amountMaxYuan`,
        code: 'rule_invalid_value',
        message: 'amountMaxYuan must be a positive integer (yuan)',
      });
    }
    if (e.termMonthsMax !== undefined && !isWhole(e.termMonthsMax, 1, MAX_LIMIT_TERM_MONTHS)) {
      issues.push({
        path: `${at}.termMonthsMax`,
        code: 'rule_invalid_value',
        message: `termMonthsMax must be an integer from 1 to ${MAX_LIMIT_TERM_MONTHS}`,
      });
    }
    if (e.amountMaxYuan === undefined && e.termMonthsMax === undefined) {
      issues.push({
        path: at,
        code: 'rule_invalid_shape',
        message: `${at} must state amountMaxYuan, termMonthsMax or both`,
      });
    }
    const blankOk = opts.allowBlankText === true;
    if (!isText(e.label) || (!blankOk && (!e.label.zh.trim() || !e.label.en.trim()))) {
      issues.push({
        path: `${at}.label`,
        code: 'rule_invalid_shape',
        message: 'label must be {zh, en}',
      });
    }
  });
  return issues;
}

/** Compiles validated limits once per product version (throws like compileRule). */
export function compileLimits(limits: readonly ProductLimit[] | undefined): CompiledLimit[] {
  return (limits ?? []).map((l) => ({
    when: compileRule(l.when),
    label: { zh: l.label.zh, en: l.label.en },
    ...(l.amountMaxYuan !== undefined ? { amountMaxYuan: l.amountMaxYuan } : {}),
    ...(l.termMonthsMax !== undefined ? { termMonthsMax: l.termMonthsMax } : {}),
  }));
}

const OWN_LIMITS: ApplicableLimit = Object.freeze({
  amountMaxYuan: null,
  termMonthsMax: null,
  reason: null,
});

/** The facts' labels, each quoted as its language quotes a field name (「…」, “…”). */
function factsText(facts: readonly string[], lang: 'zh' | 'en'): string {
  const [open, close, separator] = lang === 'zh' ? ['「', '」', '、'] : ['“', '”', ', '];
  return facts
    .map((f) => open + (isFactName(f) ? FACTS[f].label[lang] : f) + close)
    .join(separator);
}

/**
 * The own limits of a product without conditional limits, by its terms object: they depend on the
 * terms alone, so every match shares one frozen object instead of building one per product.
 */
const ownLimits = new WeakMap<object, ApplicableLimit>();

function ownLimitsOf(own: {
  amountMaxYuan: number | null;
  termMonthsMax: number | null;
}): ApplicableLimit {
  const known = ownLimits.get(own);
  // Checked again: nothing stops a caller from changing its terms object in place.
  if (
    known !== undefined &&
    known.amountMaxYuan === own.amountMaxYuan &&
    known.termMonthsMax === own.termMonthsMax
  ) {
    return known;
  }
  const limit: ApplicableLimit = Object.freeze({
    amountMaxYuan: own.amountMaxYuan,
    termMonthsMax: own.termMonthsMax,
    reason: null,
  });
  ownLimits.set(own, limit);
  return limit;
}

/**
 * The limit that applies to the enterprise whose facts are `resolved`, given the product's own
 * caps. Pure and cheap: products without conditional limits return at once.
 */
export function applicableLimit(
  own: { amountMaxYuan: number | null; termMonthsMax: number | null },
  limits: readonly CompiledLimit[] | undefined,
  resolved: ResolvedFacts,
): ApplicableLimit {
  if (!limits || limits.length === 0) {
    return own.amountMaxYuan === null && own.termMonthsMax === null ? OWN_LIMITS : ownLimitsOf(own);
  }
  let open: { limit: CompiledLimit; facts: string[] } | undefined;
  for (const limit of limits) {
    const e = limit.when.evaluateResolved(resolved);
    if (e.status === 'eligible') {
      return {
        amountMaxYuan: limit.amountMaxYuan ?? own.amountMaxYuan,
        termMonthsMax: limit.termMonthsMax ?? own.termMonthsMax,
        reason: limit.label,
      };
    }
    if (e.status === 'needs_info' && !open) open = { limit, facts: e.missingFacts };
  }
  return {
    amountMaxYuan: own.amountMaxYuan,
    termMonthsMax: own.termMonthsMax,
    reason: open
      ? {
          zh: `按产品基本额度；提供${factsText(open.facts, 'zh')}后可判断是否适用：${open.limit.label.zh}`,
          en: `The product's own limits; answer ${factsText(open.facts, 'en')} to see whether this applies: ${open.limit.label.en}`,
        }
      : null,
  };
}
