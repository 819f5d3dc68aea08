/**
 * Bilingual explanations of failed and unknown conditions ("is 38; must be ≥ 50"). The part that
 * depends only on the rule is rendered once at compile time.
 */
import type { FactKind } from './operators';
import type { Operator, RuleValue, Text } from './rule.types';

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
 * What a failed condition's detail is built from, prepared at compile time. Booleans and enums
 * have few values, so their details are rendered up front; other values are rendered on failure.
 */
export interface FailureTexts {
  zhTail: string;
  enTail: string;
  /** Values whose detail is pre-rendered, and those details, in the same order. */
  values: readonly unknown[];
  texts: readonly Text[];
  /** The detail for an empty array (array facts). */
  none: Text | undefined;
}

/** Prepares the failure texts of a condition on a fact of `kind` stating `requirement`. */
export function failureTexts(
  kind: FactKind,
  enumValues: readonly string[] | undefined,
  requirement: Text,
): FailureTexts {
  const zhTail = `，${requirement.zh}`;
  const enTail = `; ${requirement.en}`;
  const known: readonly unknown[] =
    kind === 'boolean' ? [true, false] : kind === 'enum' ? (enumValues ?? []) : [];
  const texts = known.map((v) =>
    Object.freeze({
      zh: `当前为 ${scalarText(v, 'zh')}${zhTail}`,
      en: `is ${scalarText(v, 'en')}${enTail}`,
    }),
  );
  const none =
    kind === 'enumArray'
      ? Object.freeze({ zh: `当前为 无${zhTail}`, en: `is none${enTail}` })
      : undefined;
  return Object.freeze({ zhTail, enTail, values: known, texts, none });
}

/** Joins array elements; objects show as `?` so that no user `toString` runs mid-evaluation. */
function joinPlain(list: readonly unknown[], separator: string): string {
  let text = '';
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    const shown = (typeof e === 'object' && e !== null) || typeof e === 'function' ? '?' : String(e);
    text += i === 0 ? shown : separator + shown;
  }
  return text;
}

/** The detail of a failed condition: the actual value, then the requirement. */
export function renderFailure(f: FailureTexts, actual: unknown): Text {
  const i = f.values.indexOf(actual);
  if (i !== -1) return f.texts[i];
  if (Array.isArray(actual)) {
    if (actual.length === 0 && f.none) return f.none;
    return {
      zh: `当前为 [${joinPlain(actual, '、')}]${f.zhTail}`,
      en: `is [${joinPlain(actual, ', ')}]${f.enTail}`,
    };
  }
  // Numbers, strings and dates read the same in both languages.
  return { zh: `当前为 ${actual as string}${f.zhTail}`, en: `is ${actual as string}${f.enTail}` };
}
