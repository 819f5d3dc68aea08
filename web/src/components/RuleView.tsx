import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { issueText } from '../problems';

interface Text {
  zh: string;
  en: string;
}
type Rule =
  | { all: Rule[]; label?: Text }
  | { any: Rule[]; label?: Text }
  | { not: Rule; label?: Text }
  | { id: string; fact: string; operator: string; value: unknown; label: Text; hint?: Text };

export interface PathIssue {
  path: string;
  code: string;
  message: string;
}

const OPERATORS: Record<string, MessageKey> = {
  equal: 'rule.op.equal',
  notEqual: 'rule.op.notEqual',
  lessThan: 'rule.op.lessThan',
  lessThanInclusive: 'rule.op.lessThanInclusive',
  greaterThan: 'rule.op.greaterThan',
  greaterThanInclusive: 'rule.op.greaterThanInclusive',
  in: 'rule.op.in',
  notIn: 'rule.op.notIn',
  contains: 'rule.op.contains',
  doesNotContain: 'rule.op.doesNotContain',
};

/** The issues that belong to this node itself, not to one of its children. */
function own(issues: PathIssue[], path: string): PathIssue[] {
  return issues.filter((i) => {
    if (i.path === path) return true;
    if (!i.path.startsWith(path + '.')) return false;
    return !/^\.(all|any)\[\d+\]|^\.not(\.|$)/.test(i.path.slice(path.length));
  });
}

function Issues({ issues }: { issues: PathIssue[] }) {
  const { lang } = useI18n();
  if (!issues.length) return null;
  return (
    <ul className="node-errors">
      {issues.map((i) => (
        <li key={i.path + i.message} className="error">
          <code>{i.path}</code>
          {lang === 'zh' ? '：' : ': '}
          {issueText(i, lang)}
        </li>
      ))}
    </ul>
  );
}

/**
 * A rule tree as readable conditions (docs/rules.md): each group says how its children combine,
 * each condition shows its label and the test in words; validation issues sit at their node.
 */
export function RuleView({
  rule,
  path = 'eligibility',
  issues = [],
}: {
  rule: unknown;
  path?: string;
  issues?: PathIssue[];
}) {
  const { t, pick } = useI18n();
  if (!rule || typeof rule !== 'object') {
    return (
      <div className="rule-node">
        <Issues issues={own(issues, path)} />
        <code>{JSON.stringify(rule)}</code>
      </div>
    );
  }
  const r = rule as Rule & Record<string, unknown>;
  const groupLabel = 'label' in r && r.label && !('fact' in r) ? <em> — {pick(r.label)}</em> : null;
  if ('all' in r || 'any' in r) {
    const kind = 'all' in r ? 'all' : 'any';
    const children = (Array.isArray(r[kind]) ? r[kind] : []) as Rule[];
    return (
      <div className="rule-node rule-group">
        <p className="rule-head">
          {t(kind === 'all' ? 'rule.all' : 'rule.any')}
          {groupLabel}
        </p>
        <Issues issues={own(issues, path)} />
        <ul>
          {children.map((c, i) => (
            <li key={i}>
              <RuleView rule={c} path={`${path}.${kind}[${i}]`} issues={issues} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if ('not' in r) {
    return (
      <div className="rule-node rule-group">
        <p className="rule-head">
          {t('rule.not')}
          {groupLabel}
        </p>
        <Issues issues={own(issues, path)} />
        <RuleView rule={r.not} path={`${path}.not`} issues={issues} />
      </div>
    );
  }
  const c = r as Extract<Rule, { fact: string }>;
  const op = OPERATORS[c.operator];
  return (
    <div className="rule-node rule-condition">
      <p>
        <strong>{c.label ? pick(c.label) : c.id}</strong>
      </p>
      <p className="rule-test">
        <code>{c.fact}</code> {op ? t(op) : <code>{String(c.operator)}</code>}{' '}
        <code>{JSON.stringify(c.value)}</code>
      </p>
      {c.hint ? <p className="hint">{pick(c.hint)}</p> : null}
      <Issues issues={own(issues, path)} />
    </div>
  );
}
