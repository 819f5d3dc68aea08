import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { RuleView, type PathIssue } from '../../components/RuleView';
import {
  Badge,
  DataTable,
  ErrorSummary,
  Loading,
  PageTitle,
  SelectField,
  useLoad,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { CATEGORIES, label } from '../../labels';

export function CataloguePage() {
  const { t, lang, pick } = useI18n();
  const data = useLoad(
    () => call(api.GET('/api/v1/admin/products', { params: { query: { limit: 100 } } })),
    [],
  );
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  return (
    <>
      <PageTitle>{t('nav.admin.catalogue')}</PageTitle>
      <DataTable
        caption={t('nav.admin.catalogue')}
        columns={[t('admin.product'), t('admin.category'), t('admin.state'), t('admin.version')]}
      >
        {data.data.items.map((p) => {
          const current = p.draft ?? p.published;
          return (
            <tr key={p.code}>
              <td>
                <Link to={`/admin/products/${p.code}`}>
                  {current ? pick(current.name) : p.code}
                </Link>
                <div className="meta">{p.code}</div>
              </td>
              <td>{current ? label(CATEGORIES, current.category, lang) : '—'}</td>
              <td>
                <Badge status={p.status}>{t(`admin.status.${p.status}`)}</Badge>{' '}
                {p.hasDraft ? <Badge status="draft">{t('admin.hasDraft')}</Badge> : null}
              </td>
              <td>{p.latestVersion || '—'}</td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

const MATCH_KEYS = ['eligible', 'needs_info', 'ineligible', 'none'];

function Impact({ impact }: { impact: Schemas['ImpactResponse'] }) {
  const { t } = useI18n();
  // Same-status pairs are counted too (they add up to `evaluated`); the page lists the changes.
  const transitions = Object.entries(impact.transitions).filter(
    ([k, n]) => n > 0 && k.split('→')[0] !== k.split('→')[1],
  );
  return (
    <section className="impact" aria-labelledby="impact-h">
      <h3 id="impact-h">{t('admin.impactTitle')}</h3>
      <p>
        {t('admin.impactSummary', {
          evaluated: impact.evaluated,
          version: impact.comparedToVersion ?? '—',
          gained: impact.gained,
          lost: impact.lost,
        })}
      </p>
      {transitions.length ? (
        <table>
          <caption className="visually-hidden">{t('admin.impactTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.transition')}</th>
              <th scope="col">{t('admin.enterprises')}</th>
            </tr>
          </thead>
          <tbody>
            {transitions.map(([k, n]) => (
              <tr key={k}>
                <td>
                  {k
                    .split('→')
                    .map((s) =>
                      MATCH_KEYS.includes(s) ? t(`admin.match.${s}` as 'admin.match.none') : s,
                    )
                    .join(' → ')}
                </td>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('admin.noTransitions')}</p>
      )}
      {(['gained', 'lost'] as const).map((side) =>
        impact.examples[side].length ? (
          <p key={side}>
            {t(side === 'gained' ? 'admin.examplesGained' : 'admin.examplesLost')}{' '}
            {impact.examples[side].map((e) => e.name).join('、')}
          </p>
        ) : null,
      )}
    </section>
  );
}

function parse(text: string): { rule?: unknown; error?: string } {
  try {
    return { rule: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function ProductPage() {
  const { code = '' } = useParams();
  const { t, pick, dateTime } = useI18n();
  const data = useLoad(
    async () =>
      [
        await call(api.GET('/api/v1/admin/products/{code}', { params: { path: { code } } })),
        await call(
          api.GET('/api/v1/admin/products/{code}/versions', {
            params: { path: { code }, query: { limit: 100 } },
          }),
        ),
      ] as const,
    [code],
  );
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [diffFrom, setDiffFrom] = useState('');
  const [diffTo, setDiffTo] = useState('');
  const [diff, setDiff] = useState<Record<string, unknown> | null>(null);
  const [impact, setImpact] = useState<Schemas['ImpactResponse'] | null>(null);
  const preview = useMemo(() => (text === null ? null : parse(text)), [text]);

  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const [product, versions] = data.data;
  const current = product.draft ?? product.published;
  const editing = text ?? JSON.stringify(current?.eligibility ?? {}, null, 2);
  const issues: PathIssue[] =
    error instanceof ApiError
      ? (error.problem.errors ?? []).map((e) => ({
          path: e.path.replace(/^body\./, ''),
          code: e.code,
          message: e.message,
        }))
      : [];

  async function act(run: () => Promise<string>) {
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      setMessage(await run());
      data.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const saveDraft = () =>
    act(async () => {
      const parsed = parse(editing);
      if (parsed.error) throw new Error(t('admin.jsonInvalid', { error: parsed.error }));
      await call(
        api.PATCH('/api/v1/admin/products/{code}', {
          params: { path: { code } },
          body: { eligibility: parsed.rule as Record<string, unknown> },
        }),
      );
      setText(null);
      setImpact(null);
      return t('admin.draftSaved');
    });

  const publish = () =>
    act(async () => {
      const res = await call(
        api.POST('/api/v1/admin/products/{code}/publish', { params: { path: { code } } }),
      );
      return t('admin.published', { version: res.version });
    });

  // Who would gain or lose eligibility if the saved draft were published (nothing is stored).
  const previewImpact = () =>
    act(async () => {
      setImpact(
        await call(
          api.POST('/api/v1/admin/products/{code}/impact', {
            params: { path: { code } },
            body: {},
          }),
        ),
      );
      return '';
    });

  const showDiff = () =>
    act(async () => {
      const res = await call(
        api.GET('/api/v1/admin/products/{code}/diff', {
          params: { path: { code }, query: { from: Number(diffFrom), to: Number(diffTo) } },
        }),
      );
      setDiff(res.changes);
      return '';
    });

  return (
    <>
      <PageTitle>{current ? pick(current.name) : code}</PageTitle>
      <p>
        <Badge status={product.status}>{t(`admin.status.${product.status}`)}</Badge>{' '}
        {product.hasDraft ? <Badge status="draft">{t('admin.hasDraft')}</Badge> : null}{' '}
        <span className="meta">
          {code} · {t('admin.version')} {product.latestVersion || '—'}
        </span>
      </p>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <ErrorSummary error={error} />

      <section aria-labelledby="rule-h">
        <h2 id="rule-h">{product.hasDraft ? t('admin.draftRule') : t('admin.publishedRule')}</h2>
        <div className="rule-editor">
          <div>
            <label htmlFor="rule-json">{t('admin.ruleJson')}</label>
            <p className="hint" id="rule-json-hint">
              {t('admin.ruleJsonHint')}
            </p>
            <textarea
              id="rule-json"
              aria-describedby="rule-json-hint"
              spellCheck={false}
              rows={18}
              value={editing}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div aria-live="polite">
            <h3>{t('admin.readable')}</h3>
            {preview?.error ? (
              <p className="error">{t('admin.jsonInvalid', { error: preview.error })}</p>
            ) : (
              <RuleView rule={preview ? preview.rule : current?.eligibility} issues={issues} />
            )}
          </div>
        </div>
        <p className="actions">
          <button type="button" disabled={busy} onClick={() => void saveDraft()}>
            {t('admin.saveDraft')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || !product.hasDraft || text !== null}
            onClick={() => void previewImpact()}
          >
            {t('admin.impact')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy || !impact || text !== null}
            onClick={() => void publish()}
          >
            {t('admin.publish')}
          </button>
        </p>
        {product.hasDraft && !impact ? <p className="hint">{t('admin.impactFirst')}</p> : null}
        {impact ? <Impact impact={impact} /> : null}
      </section>

      <section aria-labelledby="versions-h">
        <h2 id="versions-h">{t('admin.versions')}</h2>
        {versions.items.length === 0 ? (
          <p>{t('admin.noVersions')}</p>
        ) : (
          <>
            <ul className="plain">
              {versions.items.map((v) => (
                <li key={v.version}>
                  {t('admin.version')} {v.version} · {dateTime(v.publishedAt)}
                </li>
              ))}
            </ul>
            <form
              className="filters"
              onSubmit={(e) => {
                e.preventDefault();
                void showDiff();
              }}
            >
              {(
                [
                  [t('admin.diffFrom'), diffFrom, setDiffFrom],
                  [t('admin.diffTo'), diffTo, setDiffTo],
                ] as const
              ).map(([name, value, setValue]) => (
                <SelectField
                  key={name}
                  label={name}
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  required
                >
                  <option value="">{t('common.choose')}</option>
                  {versions.items.map((v) => (
                    <option key={v.version} value={v.version}>
                      {v.version}
                    </option>
                  ))}
                </SelectField>
              ))}
              <button type="submit" className="secondary" disabled={busy}>
                {t('admin.diff')}
              </button>
            </form>
            {diff ? (
              Object.keys(diff).length === 0 ? (
                <p>{t('admin.noChanges')}</p>
              ) : (
                <dl className="diff">
                  {Object.entries(diff).map(([field, change]) => {
                    const c = change as { from?: unknown; to?: unknown };
                    return (
                      <div key={field}>
                        <dt>{field}</dt>
                        <dd>
                          <del>{JSON.stringify(c.from)}</del>
                          <ins>{JSON.stringify(c.to)}</ins>
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              )
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
