import { useState } from 'react';
import { sizeBoundsOf } from '../../../../src/modules/enterprises/domain/size-class';
import { SelectField, WanField } from '../../components/ui';
import { useI18n, type Lang } from '../../i18n';
import type { Product } from './data';

/**
 * Ranges instead of an exact figure (docs/web.md, "Ranges"). The API takes a figure, so a range
 * sends its lowest value. The ranges are cut wherever an answer can change: at the bounds of the
 * size standard for the SME's industry and at every threshold a published rule or conditional
 * limit puts on the fact. Any figure inside one range then gives the same size class, the same
 * criteria outcomes and the same limit as the lowest one, so nothing finer is asked.
 */
export type RangeFact = 'annualRevenueYuan' | 'totalAssetsYuan';

/** Where a condition on `fact` can change its outcome: the smallest value on the upper side. */
function cutsOf(rule: unknown, fact: RangeFact, out: Set<number>): void {
  if (!rule || typeof rule !== 'object') return;
  const r = rule as Record<string, unknown>;
  for (const key of ['all', 'any'] as const)
    if (Array.isArray(r[key])) for (const child of r[key] as unknown[]) cutsOf(child, fact, out);
  if ('not' in r) cutsOf(r.not, fact, out);
  if (r.fact !== fact || typeof r.value !== 'number') return;
  const v = Math.ceil(r.value);
  switch (r.operator) {
    case 'lessThan':
    case 'greaterThanInclusive':
      out.add(v);
      break;
    case 'lessThanInclusive':
    case 'greaterThan':
      out.add(Math.floor(r.value) + 1);
      break;
    case 'equal':
    case 'notEqual':
      out.add(v);
      out.add(v + 1);
  }
}

/** The cut points for a fact, ascending, above 0: from the size standard and the products. */
export function rangeCuts(
  fact: RangeFact,
  industryCode: string,
  products: Iterable<Product>,
): number[] {
  const cuts = new Set<number>(sizeBoundsOf(industryCode.trim().toUpperCase())[fact]);
  for (const p of products) {
    cutsOf(p.eligibility, fact, cuts);
    for (const limit of p.limits ?? []) cutsOf(limit.when, fact, cuts);
  }
  return [...cuts].filter((c) => c > 0).sort((a, b) => a - b);
}

const round = (yuan: number) => yuan % 10_000 === 0;

function amount(yuan: number, lang: Lang): string {
  // Chinese amounts are written without digit grouping: 2000 万, 1.5 亿.
  const zh = { maximumFractionDigits: 4, useGrouping: false } as const;
  if (lang === 'zh')
    return yuan >= 1e8
      ? `${(yuan / 1e8).toLocaleString('zh-CN', zh)} 亿`
      : `${(yuan / 1e4).toLocaleString('zh-CN', zh)} 万`;
  return yuan >= 1e6
    ? `${(yuan / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 4 })} million`
    : `${(yuan / 1e3).toLocaleString('en-GB', { maximumFractionDigits: 1 })} thousand`;
}

/** A range [from, to) in words; `to` null: no upper end. */
export function rangeText(from: number, to: number | null, lang: Lang): string {
  const zh = lang === 'zh';
  const unit = zh ? '元' : ' yuan';
  // A cut one yuan above a figure ("at most 2 亿") reads as that figure, included.
  const low = from === 0 ? null : round(from) ? amount(from, lang) : amount(from - 1, lang);
  const lowOpen = from !== 0 && !round(from);
  if (to === null)
    return zh
      ? `${low}${unit}${lowOpen ? '以上（不含）' : '及以上'}`
      : `${lowOpen ? 'over' : 'at least'} ${low}${unit}`;
  const high = round(to) ? amount(to, lang) : amount(to - 1, lang);
  const highOpen = round(to);
  if (low === null)
    return zh
      ? `${highOpen ? '不足 ' : ''}${high}${unit}${highOpen ? '' : '及以下'}`
      : `${highOpen ? 'under' : 'up to'} ${high}${unit}`;
  return zh
    ? `${lowOpen ? '超过 ' : ''}${low}${unit}至${highOpen ? '不足 ' : ' '}${high}${unit}`
    : `${lowOpen ? 'over ' : ''}${low} to ${highOpen ? 'under ' : ''}${high}${unit}`;
}

/**
 * A money question answered by a range or, on request, by the exact figure in 万元. `value` is
 * the form's text in 万元 (a range sets its lowest value). A stored figure shows as exact.
 */
export function MoneyRangeField({
  label,
  hint,
  cuts,
  value,
  onChange,
  required,
  error,
}: {
  label: string;
  hint: string;
  cuts: number[];
  value: string;
  onChange(wan: string): void;
  required?: boolean;
  error?: string;
}) {
  const { t, lang } = useI18n();
  const starts = [0, ...cuts];
  const yuan = Math.round(Number(value) * 10_000);
  // A figure that is the lowest of a range was most likely given as that range.
  const [exact, setExact] = useState(value !== '' && !starts.includes(yuan));
  const exactField = (fieldLabel: string, fieldHint: string) => (
    <WanField
      label={fieldLabel}
      hint={fieldHint}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required={required}
      error={error}
    />
  );
  // Nothing the service decides depends on the figure: there is no range to offer.
  if (cuts.length === 0)
    return exactField(label, t(required ? 'profile.wanHint' : 'profile.optionalWan'));
  const chosen = value === '' ? '' : String(starts.filter((s) => yuan >= s).length - 1);
  return (
    <>
      <SelectField
        label={label}
        hint={hint}
        value={exact ? 'exact' : chosen}
        onChange={(e) => {
          const v = e.target.value;
          setExact(v === 'exact');
          if (v === '') onChange('');
          else if (v !== 'exact') onChange(String(starts[Number(v)] / 10_000));
        }}
        required={required}
        error={exact ? undefined : error}
      >
        <option value="">{required ? t('common.choose') : t('common.notSaying')}</option>
        {starts.map((from, i) => (
          <option key={from} value={i}>
            {rangeText(from, starts[i + 1] ?? null, lang)}
          </option>
        ))}
        <option value="exact">{t('profile.range.exact')}</option>
      </SelectField>
      {exact
        ? exactField(
            t('profile.range.exactLabel', { label: label.replace(/\s*\*$/, '') }) +
              (required ? ' *' : ''),
            t('profile.wanHint'),
          )
        : null}
    </>
  );
}
