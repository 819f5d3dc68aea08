import { useState, type FormEvent } from 'react';
import { Link, Route, Routes, useParams, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { Snapshot } from '../../components/Snapshot';
import { BankStatsTable } from '../../components/Stats';
import { ReferralSummary, Timeline } from '../../components/Timeline';
import {
  Badge,
  CheckField,
  DataTable,
  ErrorSummary,
  fieldErrors,
  Loading,
  PageTitle,
  SelectField,
  TextField,
  useLoad,
  WanField,
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { productsByCode } from '../sme/data';
import { DECLINE_REASONS, label, REFERRAL_STATUS, STAGES } from '../../labels';

type Status = Schemas['ReferralResponse']['status'];
type EventType = Schemas['BankEventDto']['type'];

/** What a bank may do next from each status (the lifecycle in docs/api.md). */
const NEXT: Partial<Record<Status, EventType[]>> = {
  submitted: ['acknowledged'],
  acknowledged: ['contacted', 'declined'],
  contacted: ['approved', 'declined'],
  approved: ['disbursed', 'declined'],
};

function Inbox() {
  const { t, lang, pick, money, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') || undefined) as Status | undefined;
  const data = useLoad(
    () =>
      call(
        api.GET('/api/v1/bank/referrals', {
          params: { query: { limit: 100, ...(status ? { status } : {}) } },
        }),
      ),
    [status],
  );
  const products = useLoad(productsByCode, []);
  // Overdue first, then the nearest deadline, then the oldest.
  const items = [...(data.data?.items ?? [])].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.deadline?.dueAt ?? '9').localeCompare(b.deadline?.dueAt ?? '9') ||
      a.createdAt.localeCompare(b.createdAt),
  );
  return (
    <>
      <PageTitle>{t('nav.bank.inbox')}</PageTitle>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('bank.filter')}
          value={status ?? ''}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {})}
        >
          <option value="">{t('common.all')}</option>
          {Object.keys(REFERRAL_STATUS).map((s) => (
            <option key={s} value={s}>
              {label(REFERRAL_STATUS, s as Status, lang)}
            </option>
          ))}
        </SelectField>
      </form>
      {data.error ? <ErrorSummary error={data.error} /> : null}
      {!data.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('bank.empty')}</p>
      ) : (
        <DataTable
          caption={t('nav.bank.inbox')}
          columns={[
            t('bank.col.enterprise'),
            t('bank.col.product'),
            t('referral.status'),
            t('referral.requested'),
            t('referral.deadline'),
          ]}
        >
          {items.map((r) => (
            <tr key={r.id} className={r.overdue ? 'overdue' : undefined}>
              <td>
                <Link to={`/bank/referrals/${r.id}`}>
                  {String(r.enterprise?.name ?? r.enterpriseId.slice(0, 8))}
                </Link>
              </td>
              <td>{pick(products.data?.get(r.productCode)?.name) || r.productCode}</td>
              <td>
                <Badge status={r.status}>{label(REFERRAL_STATUS, r.status, lang)}</Badge>
                {r.overdue ? (
                  <>
                    {' '}
                    <Badge status="overdue">{t('referral.overdue')}</Badge>
                  </>
                ) : null}
              </td>
              <td>{money(r.requestedAmountYuan)}</td>
              <td>
                {r.deadline
                  ? `${label(STAGES, r.deadline.stage, lang)} · ${dateTime(r.deadline.dueAt)}`
                  : '—'}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

function BankReferral() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const [type, setType] = useState<EventType | ''>('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const data = useLoad(
    () => call(api.GET('/api/v1/bank/referrals/{id}', { params: { path: { id } } })),
    [id],
  );
  const errors = fieldErrors(error, lang);
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const referral = data.data;
  const next = NEXT[referral.status] ?? [];

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!type) return;
    const form = new FormData(e.currentTarget);
    const amountWan = String(form.get('amountWan') ?? '');
    const reason = String(form.get('reason') ?? '') as
      NonNullable<Schemas['BankEventDto']['reason']> | '';
    const note = String(form.get('note') ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      await call(
        api.POST('/api/v1/bank/referrals/{id}/events', {
          params: { path: { id } },
          body: {
            type,
            ...(amountWan ? { amountYuan: Math.round(Number(amountWan) * 10000) } : {}),
            ...(reason ? { reason } : {}),
            ...(note ? { note } : {}),
          },
        }),
      );
      setType('');
      data.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle>{String(referral.enterprise?.name ?? t('bank.referral'))}</PageTitle>
      <ReferralSummary referral={referral} />
      {next.length ? (
        <section aria-labelledby="act-h">
          <h2 id="act-h">{t('bank.act')}</h2>
          <ErrorSummary error={error} />
          <form onSubmit={(e) => void submit(e)}>
            <fieldset>
              <legend>{t('bank.action')}</legend>
              {next.map((n) => (
                <div className="check" key={n}>
                  <input
                    type="radio"
                    id={`act-${n}`}
                    name="type"
                    value={n}
                    checked={type === n}
                    onChange={() => setType(n)}
                  />
                  <label htmlFor={`act-${n}`}>{t(`bank.event.${n}`)}</label>
                </div>
              ))}
            </fieldset>
            {type === 'approved' || type === 'disbursed' ? (
              <WanField
                label={t('bank.amount')}
                name="amountWan"
                required
                error={errors.amountYuan}
              />
            ) : null}
            {type === 'declined' ? (
              <SelectField
                label={t('referral.reason')}
                name="reason"
                required
                defaultValue=""
                error={errors.reason}
              >
                <option value="" disabled>
                  {t('common.choose')}
                </option>
                {Object.keys(DECLINE_REASONS).map((r) => (
                  <option key={r} value={r}>
                    {label(DECLINE_REASONS, r as keyof typeof DECLINE_REASONS, lang)}
                  </option>
                ))}
              </SelectField>
            ) : null}
            {type ? (
              <TextField label={t('bank.note')} name="note" maxLength={1000} error={errors.note} />
            ) : null}
            <button type="submit" disabled={!type || busy}>
              {t('bank.record')}
            </button>
          </form>
        </section>
      ) : null}
      <h2>{t('bank.snapshot')}</h2>
      {referral.enterprise ? <Snapshot snapshot={referral.enterprise} /> : <p>—</p>}
      <h2>{t('referral.timeline')}</h2>
      <Timeline events={referral.events} />
    </>
  );
}

function Settings() {
  const { t, pick } = useI18n();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const data = useLoad(() => call(api.GET('/api/v1/bank/me')), []);
  const stats = useLoad(() => call(api.GET('/api/v1/bank/stats')), []);
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const bank = data.data;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const capacity = String(form.get('capacity') ?? '');
    setError(undefined);
    setSaved(false);
    try {
      data.setData(
        await call(
          api.PATCH('/api/v1/bank/me', {
            body: {
              acceptingReferrals: form.get('accepting') === 'on',
              dailyCapacity: capacity === '' ? null : Number(capacity),
            },
          }),
        ),
      );
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <PageTitle>{t('nav.bank.settings')}</PageTitle>
      <dl className="facts">
        <dt>{t('bank.name')}</dt>
        <dd>{pick(bank.name)}</dd>
        <dt>{t('bank.assignedToday')}</dt>
        <dd>{bank.assignedToday}</dd>
        <dt>{t('bank.open')}</dt>
        <dd>{bank.openReferrals}</dd>
      </dl>
      <ErrorSummary error={error} />
      {saved ? (
        <p role="status" className="notice">
          {t('common.saved')}
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="narrow">
        <CheckField
          label={t('bank.accepting')}
          name="accepting"
          defaultChecked={bank.acceptingReferrals}
        />
        <TextField
          label={t('bank.capacity')}
          hint={t('bank.capacityHint')}
          name="capacity"
          type="number"
          min={0}
          step={1}
          defaultValue={bank.dailyCapacity ?? ''}
        />
        <button type="submit">{t('common.save')}</button>
      </form>
      <h2>{t('stats.caption')}</h2>
      {stats.data ? (
        <>
          <p className="meta">{t('stats.period', { from: stats.data.from, to: stats.data.to })}</p>
          <BankStatsTable banks={stats.data.banks} />
        </>
      ) : (
        <ErrorSummary error={stats.error} />
      )}
    </>
  );
}

export default function BankRoutes() {
  return (
    <Routes>
      <Route index element={<Inbox />} />
      <Route path="referrals/:id" element={<BankReferral />} />
      <Route path="settings" element={<Settings />} />
    </Routes>
  );
}
