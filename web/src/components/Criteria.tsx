import type { Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { label, OUTCOMES } from '../labels';

type Criterion = Schemas['CriterionDto'];

/**
 * A match result's criteria as the rule is built (docs/api.md: each entry names the group it sits
 * in, and each group appears once with its own label and outcome). Entries come group first, then
 * its entries, so the order within a group is kept. An entry whose group is not in the list (a
 * summary view leaves passing groups out) is shown at the top level.
 */
function childrenByGroup(criteria: readonly Criterion[]): Map<string | null, Criterion[]> {
  const groups = new Set(criteria.filter((c) => c.kind).map((c) => c.id));
  const out = new Map<string | null, Criterion[]>();
  for (const c of criteria) {
    const parent = c.group !== null && groups.has(c.group) ? c.group : null;
    out.set(parent, [...(out.get(parent) ?? []), c]);
  }
  return out;
}

function Entry({ c, tree }: { c: Criterion; tree: Map<string | null, Criterion[]> }) {
  const { t, lang, pick } = useI18n();
  const children = c.kind ? (tree.get(c.id) ?? []) : [];
  // One alternative that holds settles an "any": the others are not needed and are not failures.
  const settled = c.kind === 'any' && c.outcome === 'pass';
  const shown = settled ? children.filter((x) => x.outcome === 'pass') : children;
  const rest = settled ? children.filter((x) => x.outcome !== 'pass') : [];
  return (
    <li className={`outcome-${c.outcome}${c.kind ? ' group' : ''}`}>
      <span className="outcome">{label(OUTCOMES, c.outcome, lang)}</span>{' '}
      {c.kind ? <strong>{pick(c.label)}</strong> : pick(c.label)}
      {c.detail ? <span className="detail"> — {pick(c.detail)}</span> : null}
      {shown.length ? <List items={shown} tree={tree} /> : null}
      {rest.length ? (
        <details className="alternatives">
          <summary>{t('matches.otherAlternatives', { n: rest.length })}</summary>
          <List items={rest} tree={tree} />
        </details>
      ) : null}
    </li>
  );
}

function List({ items, tree }: { items: Criterion[]; tree: Map<string | null, Criterion[]> }) {
  return (
    <ul className="criteria">
      {items.map((c) => (
        <Entry key={c.id} c={c} tree={tree} />
      ))}
    </ul>
  );
}

/**
 * The criteria, nested by group. The rule's root "all of these" is the product's own status, shown
 * above, so its entries are listed directly.
 */
export function Criteria({ criteria }: { criteria: readonly Criterion[] }) {
  const tree = childrenByGroup(criteria);
  const top = tree.get(null) ?? [];
  const root = top.length === 1 && top[0].kind === 'all' ? top[0] : null;
  const items = root ? (tree.get(root.id) ?? []) : top;
  return <List items={items} tree={tree} />;
}
