import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { banksTried, ReferralSummary, Timeline } from '../../components/Timeline';
import { Badge, ErrorSummary, fieldErrors, Loading, PageTitle, useLoad } from '../../components/ui';
import { useI18n } from '../../i18n';
import { label, REFERRAL_STATUS } from '../../labels';
import { ConsentFields, consentText, NO_CHOICE, SHARED } from './Consent';
import { productsByCode, type Product } from './data';

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
                  {pick(r.bankName)} · {money(r.requestedAmountYuan)} · {date(r.createdAt)}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type Referral = Schemas['ReferralResponse'];

/**
 * Whether the SME may move the referral to another bank now (docs/routing.md, "Re-routing"): its
 * bank declined it (not because the SME turned an offer down) or missed its current deadline, and
 * it has been with fewer than three banks. The server decides; this only offers the form.
 */
function mayReroute(referral: Referral): 'declined' | 'overdue' | null {
  if (banksTried(referral) >= 3) return null;
  if (referral.status === 'declined') {
    const decline = referral.events.findLast((e) => e.type === 'declined');
    return decline?.reason === 'applicant_declined_offer' ? null : 'declined';
  }
  const open = ['submitted', 'acknowledged', 'contacted'].includes(referral.status);
  return open && referral.overdue ? 'overdue' : null;
}

/** Move the referral to another partner bank of the product, with fresh consent. */
function RerouteForm({
  referral,
  product,
  why,
  onDone,
}: {
  referral: Referral;
  product: Product;
  why: 'declined' | 'overdue';
  onDone(bank: Referral['bankName']): void;
}) {
  const { t, lang } = useI18n();
  const [choice, setChoice] = useState(NO_CHOICE);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const tried = new Set(referral.events.map((e) => e.bankCode).concat(referral.bankCode));
  const banks = (product.partnerBanks ?? []).filter((b) => !tried.has(b.code));

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const moved = await call(
        api.POST('/api/v1/referrals/{id}/reroute', {
          params: { path: { id: referral.id } },
          body: {
            ...(choice.bank ? { bankCode: choice.bank.code } : {}),
            consent: {
              granted: true,
              text: consentText(product.name, choice, true),
              dataCategories: SHARED,
              allowReroute: choice.allowReroute,
            },
          },
        }),
      );
      onDone(moved.bankName);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="reroute-h" className="panel">
      <h2 id="reroute-h">{t('reroute.title')}</h2>
      <p>{t(why === 'declined' ? 'reroute.declined' : 'reroute.overdue')}</p>
      <ErrorSummary error={error} />
      <form onSubmit={(e) => void submit(e)}>
        <ConsentFields
          product={product.name}
          banks={banks}
          choice={choice}
          onChange={setChoice}
          next
          error={fieldErrors(error, lang).bankCode}
        />
        <button type="submit" disabled={busy || !choice.agreed}>
          {t('reroute.submit')}
        </button>
      </form>
    </section>
  );
}

export function ReferralPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const [error, setError] = useState<unknown>();
  const [moved, setMoved] = useState<Referral['bankName'] | null>(null);
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
  const product = products.get(referral.productCode);
  const mine = notifications.items.filter((n) => n.referralId === referral.id);
  const canWithdraw = ['submitted', 'acknowledged', 'contacted'].includes(referral.status);
  const reroute = product ? mayReroute(referral) : null;

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
      <PageTitle>{pick(product?.name) || referral.productCode}</PageTitle>
      <ErrorSummary error={error} />
      {moved ? (
        <p role="status" className="notice">
          {t('reroute.done', { bank: pick(moved) })}
        </p>
      ) : null}
      <ReferralSummary referral={referral} />
      {canWithdraw ? (
        <p>
          <button type="button" className="secondary" onClick={() => void withdraw()}>
            {t('referral.withdraw')}
          </button>
        </p>
      ) : null}
      {reroute && product ? (
        <RerouteForm
          key={referral.bankCode}
          referral={referral}
          product={product}
          why={reroute}
          onDone={(bank) => {
            setMoved(bank);
            data.reload();
          }}
        />
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
