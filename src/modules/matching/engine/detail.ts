/**
 * Bilingual explanations of failed and unknown conditions ("is 38; must be ≥ 50"). The part that
 * depends only on the rule is rendered once at compile time.
 */
import type { FactDefinition } from './facts';
import type { FactKind } from './operators';
import type { CriterionResult, Operator, RuleValue, Text } from './rule.types';

/** Detail of a condition whose fact is absent (undefined or null). */
export const NOT_PROVIDED: Text = Object.freeze({ zh: '未提供', en: 'not provided' });

/** Detail of a condition whose fact has the wrong runtime type (e.g. "3" for a number). */
export const INVALID_TYPE: Text = Object.freeze({
  zh: '数据类型不符，无法判断',
  en: 'has an invalid type; cannot be assessed',
});

/** How a fact's values are written for a person; undefined: as they are. */
type Shown = Pick<FactDefinition, 'display' | 'valueLabels'> | undefined;

/**
 * English grouping (1,234.5) by number of decimals, 0 to 4: built once, since `toLocaleString`
 * builds a formatter on every call, tens of times slower, and a match writes a detail for every
 * number that fails a condition.
 */
const EN_GROUPED = [0, 1, 2, 3, 4].map(
  (digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }),
);

/** A number without float artefacts (0.1 + 0.2 → 0.3), at most `digits` (0–4) decimals. */
function plainNumber(v: number, digits: number, lang: 'zh' | 'en'): string {
  const rounded = Number(v.toFixed(digits));
  return lang === 'en' && Math.abs(rounded) >= 1000
    ? EN_GROUPED[digits].format(rounded)
    : String(rounded);
}

function numberText(v: number, display: FactDefinition['display'], lang: 'zh' | 'en'): string {
  switch (display) {
    case 'money':
      if (lang === 'en') return `${plainNumber(v, 0, 'en')} yuan`;
      return Math.abs(v) >= 10_000 ? `${plainNumber(v / 10_000, 2, lang)}万元` : `${v}元`;
    case 'ratio':
      return `${plainNumber(v * 100, 1, lang)}%`;
    case 'years':
      return lang === 'zh'
        ? `${plainNumber(v, 1, lang)}年`
        : `${plainNumber(v, 1, lang)} ${v === 1 ? 'year' : 'years'}`;
    case 'months':
      return lang === 'zh' ? `${plainNumber(v, 0, lang)}个月` : `${plainNumber(v, 0, lang)} months`;
    case 'count':
    case 'plain':
      return plainNumber(v, 4, lang);
  }
}

function scalarText(value: unknown, lang: 'zh' | 'en', shown?: Shown): string {
  if (typeof value === 'boolean') {
    if (lang === 'zh') return value ? '是' : '否';
    return value ? 'yes' : 'no';
  }
  // Stryker disable next-line LogicalOperator: Number.isFinite holds for numbers only, so || picks the same values
  if (typeof value === 'number' && Number.isFinite(value)) {
    return numberText(value, shown?.display ?? 'plain', lang);
  }
  if (typeof value === 'string' && shown?.valueLabels) {
    const label = Object.prototype.hasOwnProperty.call(shown.valueLabels, value)
      ? shown.valueLabels[value]
      : undefined;
    if (label) return label[lang];
  }
  return String(value);
}

function listText(values: readonly unknown[], lang: 'zh' | 'en', shown?: Shown): string {
  return values.map((v) => scalarText(v, lang, shown)).join(lang === 'zh' ? '、' : ', ');
}

const SYMBOLS: Partial<Record<Operator, string>> = {
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
};

/** The requirement a condition states, e.g. {zh: '要求 ≥ 50', en: 'must be ≥ 50'}. */
export function requirementText(operator: Operator, value: RuleValue, shown?: Shown): Text {
  const zh = (v: unknown): string => scalarText(v, 'zh', shown);
  const en = (v: unknown): string => scalarText(v, 'en', shown);
  // Stryker disable next-line ArrayDeclaration: only in and notIn read the list, and their values are arrays (validate-rule.ts)
  const list = Array.isArray(value) ? (value as readonly unknown[]) : [value];
  switch (operator) {
    case 'equal':
      return { zh: `要求为 ${zh(value)}`, en: `must be ${en(value)}` };
    case 'notEqual':
      return { zh: `要求不为 ${zh(value)}`, en: `must not be ${en(value)}` };
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      return {
        zh: `要求 ${SYMBOLS[operator]} ${zh(value)}`,
        en: `must be ${SYMBOLS[operator]} ${en(value)}`,
      };
    case 'in':
      return {
        zh: `要求为 ${listText(list, 'zh', shown)} 之一`,
        en: `must be one of ${listText(list, 'en', shown)}`,
      };
    case 'notIn':
      return {
        zh: `要求不为 ${listText(list, 'zh', shown)} 中的任何一项`,
        en: `must not be any of ${listText(list, 'en', shown)}`,
      };
    case 'contains':
      return { zh: `要求包含 ${zh(value)}`, en: `must include ${en(value)}` };
    case 'doesNotContain':
      return { zh: `要求不包含 ${zh(value)}`, en: `must not include ${en(value)}` };
  }
}

/**
 * What a failed condition's criterion is built from, prepared at compile time. Booleans and enums
 * have few values (and an array fact is often empty), so their failed criteria are built up front
 * and shared; other values are rendered on failure.
 */
export interface FailureTemplate {
  id: string;
  group: string | null;
  label: Text;
  zhTail: string;
  enTail: string;
  /** How the fact's values are written (money, ratio, enum labels). */
  shown: Shown;
  /** Shared by every condition stating the same requirement; see {@link DetailMemo}. */
  memo: DetailMemo;
  /** Values whose failed criterion is pre-built, and those criteria, in the same order. */
  values: readonly unknown[];
  criteria: readonly CriterionResult[];
  /** The failed criterion for an empty array (array facts). */
  none: CriterionResult | undefined;
  /**
   * The last failed criterion built, and the value it was built for: for an array fact a copy of
   * its elements, since arrays can change in place, compared element by element. A template is
   * shared by every product stating the same condition (see compile-rule.ts), and one enterprise's
   * value fails it the same way in each of them: one frozen criterion instead of one object per
   * product.
   */
  lastActual: unknown;
  lastFailed: CriterionResult | undefined;
}

/**
 * The last detail rendered for a requirement text, shared by all conditions that state it. One
 * enterprise is matched against many products whose rules repeat requirements ("must be ≥ 3"),
 * with the same actual value each time, so the text is rendered once per match instead of once
 * per product. A detail depends only on the actual value and the requirement, and only immutable
 * actual values (numbers, strings) are remembered, so a hit is always the right text.
 */
interface DetailMemo {
  actual: unknown;
  detail: Text | undefined;
}

// One memo per distinct requirement text: bounded by the catalogue's distinct requirements.
const memos = new Map<string, DetailMemo>();

/** Prepares the failed criteria of condition `id` on a fact of `kind` stating `requirement`. */
export function failureTemplate(
  id: string,
  group: string | null,
  label: Text,
  kind: FactKind,
  enumValues: readonly string[] | undefined,
  requirement: Text,
  shown?: Shown,
): FailureTemplate {
  const zhTail = `，${requirement.zh}`;
  const enTail = `; ${requirement.en}`;
  const failed = (zh: string, en: string): CriterionResult =>
    Object.freeze({ id, group, label, outcome: 'fail', detail: Object.freeze({ zh, en }) });
  const values: readonly unknown[] =
    // Stryker disable next-line all: speed only: a value not built here is rendered by failedCriterion into the same criterion
    kind === 'boolean' ? [true, false] : kind === 'enum' ? (enumValues ?? []) : [];
  const criteria = values.map((v) =>
    failed(
      `当前为 ${scalarText(v, 'zh', shown)}${zhTail}`,
      `is ${scalarText(v, 'en', shown)}${enTail}`,
    ),
  );
  // Stryker disable next-line ConditionalExpression: only an enumArray fact reaches failedCriterion with an array (compile-rule.ts checks the kind)
  const none = kind === 'enumArray' ? failed(`当前为 无${zhTail}`, `is none${enTail}`) : undefined;
  // Stryker disable next-line all: memo cache: requirements on facts of different displays already differ in their units
  const key = `${shown?.display ?? ''}\u0000${zhTail}\u0000${enTail}`;
  let memo = memos.get(key);
  // Stryker disable next-line ConditionalExpression: memo cache: a new memo per template only renders more often
  if (!memo) {
    // Stryker disable next-line ObjectLiteral: {} reads undefined for both fields too
    memo = { actual: undefined, detail: undefined };
    memos.set(key, memo);
  }
  // Not frozen: lastActual and lastFailed change as enterprises are matched.
  return {
    id,
    group,
    label,
    zhTail,
    enTail,
    shown,
    memo,
    values,
    criteria,
    none,
    lastActual: undefined,
    lastFailed: undefined,
  };
}

/** Joins array elements; objects show as `?` so that no user `toString` runs mid-evaluation. */
function joinPlain(
  list: readonly unknown[],
  separator: string,
  lang: 'zh' | 'en',
  how: Shown,
): string {
  let text = '';
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    const shown =
      (typeof e === 'object' && e !== null) || typeof e === 'function'
        ? '?'
        : scalarText(e, lang, how);
    text += i === 0 ? shown : separator + shown;
  }
  return text;
}

/** Whether `b` holds the very elements of `a`, in the same order. */
function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  // Stryker disable next-line EqualityOperator: one step past the end compares undefined with undefined
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The criterion of a failed condition: its detail gives the actual value, then the requirement. */
export function failedCriterion(t: FailureTemplate, actual: unknown): CriterionResult {
  const i = t.values.indexOf(actual);
  // Stryker disable next-line ConditionalExpression: speed only: the value is then rendered into the same criterion
  if (i !== -1) return t.criteria[i];
  if (Array.isArray(actual)) {
    if (actual.length === 0 && t.none) return t.none;
    // An array fact's template only ever sees arrays (compile-rule.ts checks the kind first).
    if (t.lastFailed !== undefined && sameElements(t.lastActual as unknown[], actual)) {
      return t.lastFailed;
    }
    t.lastActual = actual.slice();
    t.lastFailed = failure(
      t,
      Object.freeze({
        zh: `当前为 ${joinPlain(actual, '、', 'zh', t.shown)}${t.zhTail}`,
        en: `is ${joinPlain(actual, ', ', 'en', t.shown)}${t.enTail}`,
      }),
    );
    return t.lastFailed;
  }
  // Only immutable values get here (numbers, strings), so an equal value has the same text.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: without this shortcut the value is rendered again
  if (t.lastFailed !== undefined && t.lastActual === actual) return t.lastFailed;
  const { memo } = t;
  let detail: Text;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: memo cache: without it the value is rendered again
  if (memo.detail !== undefined && memo.actual === actual) {
    detail = memo.detail;
  } else {
    detail = Object.freeze({
      zh: `当前为 ${scalarText(actual, 'zh', t.shown)}${t.zhTail}`,
      en: `is ${scalarText(actual, 'en', t.shown)}${t.enTail}`,
    });
    memo.actual = actual;
    memo.detail = detail;
  }
  t.lastActual = actual;
  t.lastFailed = failure(t, detail);
  return t.lastFailed;
}

/** A frozen failed criterion of `t` with a frozen `detail`: shared by every product stating `t`. */
function failure(t: FailureTemplate, detail: Text): CriterionResult {
  return Object.freeze({ id: t.id, group: t.group, label: t.label, outcome: 'fail', detail });
}
