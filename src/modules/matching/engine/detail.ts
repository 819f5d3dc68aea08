/**
 * Bilingual explanations of failed and unknown conditions ("is 38; must be ≥ 50"). The part that
 * depends only on the rule is rendered once at compile time.
 */
import type { FactKind } from './operators';
import type { CriterionResult, Operator, RuleValue, Text } from './rule.types';

/** Detail of a condition whose fact is absent (undefined or null). */
export const NOT_PROVIDED: Text = Object.freeze({ zh: '未提供', en: 'not provided' });

/** Detail of a condition whose fact has the wrong runtime type (e.g. "3" for a number). */
export const INVALID_TYPE: Text = Object.freeze({
  zh: '数据类型不符，无法判断',
  en: 'has an invalid type; cannot be assessed',
});

function scalarText(value: unknown, lang: 'zh' | 'en'): string {
  if (typeof value === 'boolean') {
    if (lang === 'zh') return value ? '是' : '否';
    return value ? 'yes' : 'no';
  }
  return String(value);
}

function listText(values: readonly unknown[], lang: 'zh' | 'en'): string {
  return values.map((v) => scalarText(v, lang)).join(lang === 'zh' ? '、' : ', ');
}

const SYMBOLS: Partial<Record<Operator, string>> = {
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
};

/** The requirement a condition states, e.g. {zh: '要求 ≥ 50', en: 'must be ≥ 50'}. */
export function requirementText(operator: Operator, value: RuleValue): Text {
  const zh = (v: unknown): string => scalarText(v, 'zh');
  const en = (v: unknown): string => scalarText(v, 'en');
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
        zh: `要求为 ${listText(list, 'zh')} 之一`,
        en: `must be one of ${listText(list, 'en')}`,
      };
    case 'notIn':
      return {
        zh: `要求不为 ${listText(list, 'zh')} 中的任何一项`,
        en: `must not be any of ${listText(list, 'en')}`,
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
  label: Text;
  zhTail: string;
  enTail: string;
  /** Shared by every condition stating the same requirement; see {@link DetailMemo}. */
  memo: DetailMemo;
  /** Values whose failed criterion is pre-built, and those criteria, in the same order. */
  values: readonly unknown[];
  criteria: readonly CriterionResult[];
  /** The failed criterion for an empty array (array facts). */
  none: CriterionResult | undefined;
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
  label: Text,
  kind: FactKind,
  enumValues: readonly string[] | undefined,
  requirement: Text,
): FailureTemplate {
  const zhTail = `，${requirement.zh}`;
  const enTail = `; ${requirement.en}`;
  const failed = (zh: string, en: string): CriterionResult =>
    Object.freeze({ id, label, outcome: 'fail', detail: Object.freeze({ zh, en }) });
  const values: readonly unknown[] =
    kind === 'boolean' ? [true, false] : kind === 'enum' ? (enumValues ?? []) : [];
  const criteria = values.map((v) =>
    failed(`当前为 ${scalarText(v, 'zh')}${zhTail}`, `is ${scalarText(v, 'en')}${enTail}`),
  );
  const none = kind === 'enumArray' ? failed(`当前为 无${zhTail}`, `is none${enTail}`) : undefined;
  const key = `${zhTail}\u0000${enTail}`;
  let memo = memos.get(key);
  if (!memo) {
    memo = { actual: undefined, detail: undefined };
    memos.set(key, memo);
  }
  return Object.freeze({ id, label, zhTail, enTail, memo, values, criteria, none });
}

/** Joins array elements; objects show as `?` so that no user `toString` runs mid-evaluation. */
function joinPlain(list: readonly unknown[], separator: string): string {
  let text = '';
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    const shown =
      (typeof e === 'object' && e !== null) || typeof e === 'function' ? '?' : String(e);
    text += i === 0 ? shown : separator + shown;
  }
  return text;
}

/** The criterion of a failed condition: its detail gives the actual value, then the requirement. */
export function failedCriterion(t: FailureTemplate, actual: unknown): CriterionResult {
  const i = t.values.indexOf(actual);
  if (i !== -1) return t.criteria[i];
  let detail: Text;
  if (Array.isArray(actual)) {
    if (actual.length === 0 && t.none) return t.none;
    // Arrays can change in place, so their texts are never remembered.
    detail = {
      zh: `当前为 [${joinPlain(actual, '、')}]${t.zhTail}`,
      en: `is [${joinPlain(actual, ', ')}]${t.enTail}`,
    };
  } else {
    const { memo } = t;
    if (memo.detail !== undefined && memo.actual === actual) {
      detail = memo.detail;
    } else {
      // Numbers, strings and dates read the same in both languages.
      detail = Object.freeze({
        zh: `当前为 ${actual as string}${t.zhTail}`,
        en: `is ${actual as string}${t.enTail}`,
      });
      memo.actual = actual;
      memo.detail = detail;
    }
  }
  return { id: t.id, label: t.label, outcome: 'fail', detail };
}
