import regions from '../../../src/modules/enterprises/domain/data/regions.json';
import {
  PROFILE_FIELDS,
  type Display,
  type FieldSpec,
  type FieldTable,
} from '../../../src/modules/matching/engine/profile-fields';
import { CONSENT_DATA_CATEGORIES } from '../../../src/modules/referrals/domain/consent';
import { useI18n } from '../i18n';

/** Region names by code (cities and their counties), as the profile form lists them. */
const REGION_NAMES = new Map<string, string>(
  regions.cities.flatMap((city) => [
    [city.code, city.name] as const,
    ...city.counties.map((c) => [c.code, `${city.name} ${c.name}`] as const),
  ]),
);

type Format = ReturnType<typeof useI18n>;

function numberText(display: Display, n: number, { t, lang, money }: Format): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  switch (display) {
    case 'money':
      return money(n);
    case 'ratio':
      return `${(n * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
    case 'months':
      return t('common.months', { n });
    case 'count':
      return t('snapshot.count', { n: n.toLocaleString(locale) });
    case 'years':
    case 'plain':
      return n.toLocaleString(locale);
  }
}

/**
 * One profile value in words, by its declaration in the engine's field table (labels of enum
 * values, money in 万元, ratios as percentages), so that a bank reads what the SME stated.
 */
function valueText(spec: FieldSpec | undefined, key: string, v: unknown, i18n: Format): string {
  const { t, lang, pick, date } = i18n;
  if (v === null || v === undefined) return '—';
  if (!spec) return typeof v === 'object' ? JSON.stringify(v) : String(v as string);
  switch (spec.kind) {
    case 'boolean':
      return t(v ? 'common.yes' : 'common.no');
    case 'date':
      return date(String(v));
    case 'enum': {
      const text = spec.values[String(v)];
      return text ? pick(text) : String(v);
    }
    case 'enumArray': {
      const items = Array.isArray(v) ? v.map((x) => pick(spec.values[String(x)]) || String(x)) : [];
      return items.length ? items.join(lang === 'zh' ? '、' : ', ') : t('snapshot.none');
    }
    case 'integer':
    case 'number':
      return numberText(spec.display, Number(v), i18n);
    case 'string':
      return key === 'regionCode' ? (REGION_NAMES.get(String(v)) ?? String(v)) : String(v);
    case 'object':
      return JSON.stringify(v);
  }
}

function Fields({
  table,
  keys,
  values,
}: {
  table: FieldTable;
  keys: readonly string[];
  values: Record<string, unknown>;
}) {
  const i18n = useI18n();
  return keys
    .filter((k) => values[k] !== undefined)
    .map((k) => {
      const spec = table[k] as FieldSpec | undefined;
      const v = values[k];
      return (
        <div key={k} className="fact">
          <dt>{spec ? i18n.pick(spec.label) : k}</dt>
          <dd>
            {spec?.kind === 'object' && v && typeof v === 'object' ? (
              <dl className="facts nested">
                <Fields
                  table={spec.fields}
                  keys={Object.keys(spec.fields)}
                  values={v as Record<string, unknown>}
                />
              </dl>
            ) : (
              valueText(spec, k, v, i18n)
            )}
          </dd>
        </div>
      );
    });
}

/**
 * The enterprise snapshot a bank receives, by consent category and in the profile's order, with
 * the labels the engine declares for each field (src/modules/matching/engine/profile-fields.ts)
 * and the categories' names from the consent model. A field no category lists still shows, last.
 */
/**
 * A category that is one group of fields (credit, financing need) lists those fields directly:
 * their table and values, or null for any other category.
 */
function nestedOf(
  fields: readonly string[],
  snapshot: Record<string, unknown>,
): { table: FieldTable; values: Record<string, unknown> } | null {
  const spec = fields.length === 1 ? (PROFILE_FIELDS as FieldTable)[fields[0]] : undefined;
  const values = fields.length === 1 ? snapshot[fields[0]] : undefined;
  if (spec?.kind !== 'object' || !values || typeof values !== 'object' || Array.isArray(values))
    return null;
  return { table: spec.fields, values: values as Record<string, unknown> };
}

function CategoryFields({
  fields,
  snapshot,
}: {
  fields: readonly string[];
  snapshot: Record<string, unknown>;
}) {
  const nested = nestedOf(fields, snapshot);
  return nested ? (
    <Fields table={nested.table} keys={Object.keys(nested.table)} values={nested.values} />
  ) : (
    <Fields table={PROFILE_FIELDS} keys={fields} values={snapshot} />
  );
}

export function Snapshot({ snapshot }: { snapshot: Record<string, unknown> }) {
  const { pick } = useI18n();
  const listed = new Set<string>(CONSENT_DATA_CATEGORIES.flatMap((c) => [...c.fields]));
  const other = Object.keys(snapshot).filter((k) => !listed.has(k));
  return (
    <>
      {CONSENT_DATA_CATEGORIES.filter((c) => c.fields.some((f) => f in snapshot)).map((c) => (
        <section key={c.id} aria-labelledby={`snapshot-${c.id}`}>
          <h3 id={`snapshot-${c.id}`}>{pick(c.label)}</h3>
          <dl className="facts">
            <CategoryFields fields={c.fields} snapshot={snapshot} />
          </dl>
        </section>
      ))}
      {other.length ? (
        <dl className="facts">
          <Fields table={PROFILE_FIELDS} keys={other} values={snapshot} />
        </dl>
      ) : null}
    </>
  );
}
