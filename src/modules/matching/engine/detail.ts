/**
 * Bilingual explanations of failed and unknown conditions ("is 38; must be ≥ 50"). The part that
 * depends only on the rule is rendered once at compile time.
 */
import type { FactKind } from './operators';
import type { Operator, RuleValue, Text } from './rule.types';

/** Distinct string values whose failure texts one condition keeps. */
const DETAIL_CACHE_SIZE = 64;

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
 * Builds the renderer of a failed condition's detail ("is 38; must be ≥ 50") for a fact kind.
 * The requirement is baked in; only the actual value is rendered per evaluation.
 */
export function failureDetailRenderer(kind: FactKind, requirement: Text): (actual: unknown) => Text {
  const zhTail = `，${requirement.zh}`;
  const enTail = `; ${requirement.en}`;
  if (kind === 'boolean') {
    // Only two possible texts: render them once and share them.
    const yes = Object.freeze({ zh: `当前为 是${zhTail}`, en: `is yes${enTail}` });
    const no = Object.freeze({ zh: `当前为 否${zhTail}`, en: `is no${enTail}` });
    return (actual) => (actual ? yes : no);
  }
  if (kind === 'enumArray') {
    const none = Object.freeze({ zh: `当前为 无${zhTail}`, en: `is none${enTail}` });
    return (actual) => {
      const list = actual as unknown[];
      if (list.length === 0) return none;
      return { zh: `当前为 [${list.join('、')}]${zhTail}`, en: `is [${list.join(', ')}]${enTail}` };
    };
  }
  const render = (actual: unknown): Text => ({
    zh: `当前为 ${actual as string}${zhTail}`,
    en: `is ${actual as string}${enTail}`,
  });
  if (kind === 'integer' || kind === 'number') return render;
  // Strings, enums and dates: the same few values recur (an enum has a handful), so keep their
  // texts, up to a bound, instead of rebuilding them on every failure.
  const seen = new Map<unknown, Text>();
  return (actual) => {
    let text = seen.get(actual);
    if (text === undefined) {
      text = Object.freeze(render(actual));
      if (seen.size < DETAIL_CACHE_SIZE) seen.set(actual, text);
    }
    return text;
  };
}
