import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { ReferralSummary, Timeline } from '../../components/Timeline';
import { Badge, ErrorSummary, Loading, PageTitle, useLoad } from '../../components/ui';
import { useI18n } from '../../i18n';
import { label, REFERRAL_STATUS } from '../../labels';
import { productsByCode } from './data';

export function ReferralsPage() {
  const { t, lang, pick, money, date } = useI18n();
  const data = useLoad(
    async () =>
      [
        await call(api.GET('/api/v1/referrals', { params: { query: { limit: 100 } } })),
        await productsByCode(),
      ] as const,
    [],
  );
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const [page, products] = data.data;
  return (
    <>
      <PageTitle>{t('referrals.title')}</PageTitle>
      {page.items.length === 0 ? (
        <p>
          {t('referrals.none')} <Link to="/sme/matches">{t('nav.sme.matches')}</Link>
        </p>
      ) : (
        <ul className="cards">
          {page.items.map((r) => (
            <li key={r.id} className="card">
              <h2 className="h3">
                <Link to={`/sme/referrals/${r.id}`}>
                  {pick(products.get(r.productCode)?.name) || r.productCode}
                </Link>
              </h2>
              <p>
                <Badge status={r.status}>{label(REFERRAL_STATUS, r.status, lang)}</Badge>{' '}
                {r.overdue ? <Badge status="overdue">{t('referral.overdue')}</Badge> : null}{' '}
                <span className="meta">
                  {r.bankCode} · {money(r.requestedAmountYuan)} · {date(r.createdAt)}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ReferralPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const [error, setError] = useState<unknown>();
  const data = useLoad(
    async () =>
      [
        await call(api.GET('/api/v1/referrals/{id}', { params: { path: { id } } })),
        await productsByCode(),
        await call(api.GET('/api/v1/notifications', { params: { query: { limit: 100 } } })),
      ] as const,
    [id],
  );
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const [referral, products, notifications] = data.data;
  const mine = notifications.items.filter((n) => n.referralId === referral.id);
  const canWithdraw = ['submitted', 'acknowledged', 'contacted'].includes(referral.status);

  async function withdraw() {
    if (!window.confirm(t('referral.withdrawConfirm'))) return;
    try {
      await call(api.POST('/api/v1/referrals/{id}/withdraw', { params: { path: { id } } }));
      data.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <PageTitle>
        {pick(products.get(referral.productCode)?.name) || referral.productCode}
      </PageTitle>
      <ErrorSummary error={error} />
      <ReferralSummary referral={referral} />
      {canWithdraw ? (
        <p>
          <button type="button" className="secondary" onClick={() => void withdraw()}>
            {t('referral.withdraw')}
          </button>
        </p>
      ) : null}
      <h2>{t('referral.timeline')}</h2>
      <Timeline events={referral.events} />
      {mine.length ? (
        <>
          <h2>{t('nav.sme.notifications')}</h2>
          <ul className="plain">
            {mine.map((n) => (
              <li key={n.id}>
                <strong>{pick(n.title)}</strong> — {pick(n.body)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function NotificationsPage() {
  const { t, pick, dateTime } = useI18n();
  const data = useLoad(
    () => call(api.GET('/api/v1/notifications', { params: { query: { limit: 100 } } })),
    [],
  );
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const unread = data.data.items.some((n) => !n.readAt);
  return (
    <>
      <PageTitle>{t('nav.sme.notifications')}</PageTitle>
      {unread ? (
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => void call(api.POST('/api/v1/notifications/read-all')).then(data.reload)}
          >
            {t('notifications.readAll')}
          </button>
        </p>
      ) : null}
      {data.data.items.length === 0 ? <p>{t('notifications.none')}</p> : null}
      <ul className="cards">
        {data.data.items.map((n) => (
          <li key={n.id} className={n.readAt ? 'card' : 'card unread'}>
            <h2 className="h3">
              {n.readAt ? null : <span className="badge badge-info">{t('notifications.new')}</span>}{' '}
              {pick(n.title)}
            </h2>
            <p>{pick(n.body)}</p>
            <p className="meta">
              {dateTime(n.createdAt)}
              {n.referralId ? (
                <>
                  {' · '}
                  <Link to={`/sme/referrals/${n.referralId}`}>{t('notifications.open')}</Link>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
