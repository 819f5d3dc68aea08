import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { Criteria } from '../../components/Criteria';
import { Badge, ErrorSummary, Loading, PageTitle, useLoad } from '../../components/ui';
import { useI18n } from '../../i18n';
import { label, MATCH_STATUS } from '../../labels';
import { myEnterprise, productsByCode } from './data';

type Result = Schemas['MatchResultDto'];

/** Without a run id in the address: match the current profile now and show that run. */
export function NewMatchRun() {
  const navigate = useNavigate();
  const { t } = useI18n();
  const run = useLoad(async () => {
    const enterprise = await myEnterprise();
    if (!enterprise) return null;
    return call(
      api.POST('/api/v1/enterprises/{id}/matches', { params: { path: { id: enterprise.id } } }),
    );
  }, []);
  useEffect(() => {
    if (run.data === null) void navigate('/sme', { replace: true });
    else if (run.data) void navigate(`/sme/matches/${run.data.id}`, { replace: true });
  }, [run.data, navigate]);
  return run.error ? (
    <ErrorSummary error={run.error} />
  ) : (
    <p role="status">{t('common.loading')}</p>
  );
}

function Outlook({ outlook }: { outlook: Result['outlook'] }) {
  const { t, pick, lang } = useI18n();
  if (!outlook) return null;
  if (outlook.insufficientData || outlook.decided === null)
    return <p className="meta">{t('matches.outlookNone')}</p>;
  const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  const reasons = (outlook.topDeclineReasons ?? []).map(
    (r) => `${pick(r.label)} ${percent(r.share)}`,
  );
  return (
    <p className="meta">
      {t('matches.outlook', {
        decided: outlook.decided,
        rate: percent(outlook.approvalRate),
        days:
          outlook.medianWorkingDaysToDecision === null
            ? '—'
            : outlook.medianWorkingDaysToDecision.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
      })}
      {reasons.length
        ? ` ${t('matches.outlookDeclines', { reasons: reasons.join(lang === 'zh' ? '、' : ', ') })}`
        : ''}
    </p>
  );
}

export function MatchesPage() {
  const { runId = '' } = useParams();
  const { t, lang, pick, money } = useI18n();
  const data = useLoad(
    async () =>
      [
        await call(api.GET('/api/v1/match-runs/{id}', { params: { path: { id: runId } } })),
        await productsByCode(),
      ] as const,
    [runId],
  );
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const [run, products] = data.data;
  const counts = { eligible: 0, needs_info: 0, ineligible: 0 };
  for (const r of run.results) counts[r.status] += 1;

  const card = (r: Result) => {
    const product = products.get(r.productCode);
    const name = product ? pick(product.name) : r.productCode;
    const limit = r.applicableLimit;
    return (
      <li key={r.productCode} className="card result" aria-labelledby={`p-${r.productCode}`}>
        <h3 id={`p-${r.productCode}`}>{name}</h3>
        <p>
          <Badge status={r.status}>{label(MATCH_STATUS, r.status, lang)}</Badge>{' '}
          <span className="meta">{t('matches.score', { score: r.score })}</span>
          {r.provisional ? <span className="meta"> · {t('matches.provisional')}</span> : null}
        </p>
        {product ? <p>{pick(product.summary)}</p> : null}
        <p>
          {t('matches.limit', {
            amount: money(limit.amountMaxYuan),
            term:
              limit.termMonthsMax === null ? '—' : t('common.months', { n: limit.termMonthsMax }),
          })}
          {limit.reason ? ` (${pick(limit.reason)})` : ''}
        </p>
        <Outlook outlook={r.outlook} />
        <details open={r.status !== 'ineligible'}>
          <summary>{t('matches.criteria')}</summary>
          <Criteria criteria={r.criteria} />
        </details>
        {r.hints.length ? (
          <div className="hints">
            <h4>{t('matches.hints')}</h4>
            <ul>
              {r.hints.map((h, i) => (
                <li key={i}>{pick(h)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {r.status === 'eligible' ? (
          <p>
            <Link className="button" to={`/sme/refer/${r.productCode}?run=${run.id}`}>
              {t('matches.refer', { name })}
            </Link>
          </p>
        ) : null}
      </li>
    );
  };

  return (
    <>
      <PageTitle>{t('matches.title')}</PageTitle>
      <p>
        {t('matches.summary', counts)} <Link to="/sme">{t('matches.editProfile')}</Link>
      </p>
      {run.questions.length ? (
        <p className="notice">
          {t('matches.questions', { n: run.questions.length })}{' '}
          <Link to="/sme">{t('matches.answer')}</Link>
        </p>
      ) : null}
      {(['eligible', 'needs_info', 'ineligible'] as const).map((status) =>
        counts[status] ? (
          <section key={status} aria-labelledby={`h-${status}`}>
            <h2 id={`h-${status}`}>{label(MATCH_STATUS, status, lang)}</h2>
            <ul className="cards">{run.results.filter((r) => r.status === status).map(card)}</ul>
          </section>
        ) : null,
      )}
    </>
  );
}
