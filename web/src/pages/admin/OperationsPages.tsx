import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
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
} from '../../components/ui';
import { useI18n } from '../../i18n';
import { label, REFERRAL_STATUS, STAGES } from '../../labels';

/** An officer or a key: a button that disables or revokes it, or, once done, a badge saying so. */
function Revocable({
  revoked,
  revokedLabel,
  action,
  onAction,
}: {
  revoked: boolean;
  revokedLabel: string;
  action: string;
  onAction(): void;
}) {
  return revoked ? (
    <Badge status="withdrawn">{revokedLabel}</Badge>
  ) : (
    <button type="button" className="link" onClick={onAction}>
      {action}
    </button>
  );
}

export function BanksPage() {
  const { t, pick } = useI18n();
  const data = useLoad(
    () => call(api.GET('/api/v1/admin/banks', { params: { query: { limit: 100 } } })),
    [],
  );
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  return (
    <>
      <PageTitle>{t('nav.admin.banks')}</PageTitle>
      <ul className="cards">
        {data.data.items.map((b) => (
          <li key={b.code} className="card">
            <h2 className="h3">
              <Link to={`/admin/banks/${b.code}`}>{pick(b.name)}</Link>
            </h2>
            <p className="meta">
              {b.code} · {b.active ? t('admin.bankActive') : t('admin.bankInactive')} ·{' '}
              {b.acceptingReferrals ? t('admin.accepting') : t('admin.paused')}
              {b.webhookDisabledAt ? ` · ${t('admin.webhookDisabled')}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function BankPage() {
  const { code = '' } = useParams();
  const { t, lang, pick, dateTime } = useI18n();
  const [error, setError] = useState<unknown>();
  const [shown, setShown] = useState('');
  const data = useLoad(async () => {
    const path = { code };
    return [
      await call(api.GET('/api/v1/admin/banks/{code}', { params: { path } })),
      await call(api.GET('/api/v1/admin/banks/{code}/products', { params: { path } })),
      await call(
        api.GET('/api/v1/admin/banks/{code}/users', { params: { path, query: { limit: 100 } } }),
      ),
      await call(
        api.GET('/api/v1/admin/banks/{code}/api-keys', { params: { path, query: { limit: 100 } } }),
      ),
      await call(api.GET('/api/v1/admin/products', { params: { query: { limit: 100 } } })),
    ] as const;
  }, [code]);
  const errors = fieldErrors(error, lang);
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  const [bank, links, officers, keys, products] = data.data;

  async function run(action: () => Promise<unknown>) {
    setError(undefined);
    try {
      await action();
      data.reload();
    } catch (err) {
      setError(err);
    }
  }

  const saveProducts = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const productCodes = new FormData(e.currentTarget).getAll('product').map(String);
    void run(() =>
      call(
        api.PUT('/api/v1/admin/banks/{code}/products', {
          params: { path: { code } },
          body: { productCodes },
        }),
      ),
    );
  };
  const addOfficer = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const target = e.currentTarget;
    void run(async () => {
      const created = await call(
        api.POST('/api/v1/admin/banks/{code}/users', {
          params: { path: { code } },
          body: {
            email: String(form.get('email')),
            displayName: String(form.get('displayName') || '') || undefined,
          },
        }),
      );
      target.reset();
      setShown(
        created.setPasswordToken
          ? t('admin.setPasswordToken', { token: created.setPasswordToken })
          : '',
      );
    });
  };

  return (
    <>
      <PageTitle>{pick(bank.name)}</PageTitle>
      <p className="meta">
        {bank.code} · {bank.webhookUrl ?? t('admin.noWebhook')}
      </p>
      <ErrorSummary error={error} />
      {shown ? (
        <p className="notice" role="status">
          {shown}
        </p>
      ) : null}
      <section aria-labelledby="bp-h">
        <h2 id="bp-h">{t('admin.bankProducts')}</h2>
        <form onSubmit={saveProducts}>
          <fieldset>
            <legend>{t('admin.bankProductsLegend')}</legend>
            {products.items.map((p) => (
              <CheckField
                key={p.code}
                name="product"
                value={p.code}
                defaultChecked={links.productCodes.includes(p.code)}
                label={pick((p.published ?? p.draft)?.name) || p.code}
              />
            ))}
          </fieldset>
          <button type="submit">{t('common.save')}</button>
        </form>
      </section>
      <section aria-labelledby="of-h">
        <h2 id="of-h">{t('admin.officers')}</h2>
        <ul className="plain">
          {officers.items.map((o) => (
            <li key={o.id}>
              {o.displayName ?? o.email} <span className="meta">{o.email}</span>{' '}
              <Revocable
                revoked={Boolean(o.disabledAt)}
                revokedLabel={t('admin.disabled')}
                action={t('admin.disable')}
                onAction={() =>
                  void run(() =>
                    call(
                      api.DELETE('/api/v1/admin/banks/{code}/users/{id}', {
                        params: { path: { code, id: o.id } },
                      }),
                    ),
                  )
                }
              />
            </li>
          ))}
        </ul>
        <form onSubmit={addOfficer} className="narrow">
          <TextField
            label={t('auth.email')}
            name="email"
            type="email"
            required
            error={errors.email}
          />
          <TextField label={t('auth.displayName')} name="displayName" />
          <button type="submit" className="secondary">
            {t('admin.addOfficer')}
          </button>
        </form>
      </section>
      <section aria-labelledby="keys-h">
        <h2 id="keys-h">{t('admin.apiKeys')}</h2>
        <ul className="plain">
          {keys.items.map((k) => (
            <li key={k.id}>
              <code>{k.prefix}…</code> <span className="meta">{dateTime(k.createdAt)}</span>{' '}
              <Revocable
                revoked={Boolean(k.revokedAt)}
                revokedLabel={t('admin.revoked')}
                action={t('admin.revoke')}
                onAction={() =>
                  void run(() =>
                    call(
                      api.DELETE('/api/v1/admin/banks/{code}/api-keys/{id}', {
                        params: { path: { code, id: k.id } },
                      }),
                    ),
                  )
                }
              />
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void run(async () => {
              const issued = await call(
                api.POST('/api/v1/admin/banks/{code}/api-keys', { params: { path: { code } } }),
              );
              setShown(t('admin.keyIssued', { key: issued.apiKey }));
            })
          }
        >
          {t('admin.issueKey')}
        </button>
      </section>
    </>
  );
}

export function EscalationsPage() {
  const { t, lang, dateTime } = useI18n();
  const data = useLoad(
    () => call(api.GET('/api/v1/admin/escalations', { params: { query: { limit: 100 } } })),
    [],
  );
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  return (
    <>
      <PageTitle>{t('nav.admin.escalations')}</PageTitle>
      {data.data.items.length === 0 ? (
        <p>{t('admin.noEscalations')}</p>
      ) : (
        <DataTable
          caption={t('nav.admin.escalations')}
          columns={[
            t('bank.col.product'),
            t('referral.bank'),
            t('referral.status'),
            t('admin.missedStage'),
            t('referral.submittedAt'),
          ]}
        >
          {data.data.items.map((e) => (
            <tr key={e.referralId}>
              <td>{e.productCode}</td>
              <td>{e.bankCode}</td>
              <td>{label(REFERRAL_STATUS, e.status, lang)}</td>
              <td>
                {e.reason === 'reroute_exhausted' ? t('admin.rerouteExhausted') : null}
                {e.stage && e.dueAt ? (
                  <>
                    {e.reason === 'reroute_exhausted' ? ' · ' : null}
                    {label(STAGES, e.stage, lang)} · {dateTime(e.dueAt)}
                  </>
                ) : null}
              </td>
              <td>{dateTime(e.submittedAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

const DELIVERY_STATUSES = ['pending', 'failed', 'dead', 'delivered'] as const;

interface Delivery {
  id: string;
  status: 'pending' | 'failed' | 'dead' | 'delivered' | 'cancelled';
  /** The webhook's event type or the mail's kind. */
  what: string;
  attempts: number;
  lastAttemptAt: string | null;
  createdAt: string;
  lastError: string | null;
}

/** Webhook or mail deliveries, each with its state and, until delivered, a redelivery button. */
function DeliveryList({
  items,
  onRedeliver,
}: {
  items: Delivery[];
  onRedeliver(id: string): void;
}) {
  const { t, dateTime } = useI18n();
  if (items.length === 0) return <p>{t('admin.none')}</p>;
  return (
    <ul className="plain">
      {items.map((d) => (
        <li key={d.id}>
          <Badge status={d.status}>{t(`admin.delivery.${d.status}`)}</Badge> <code>{d.what}</code>{' '}
          <span className="meta">
            {t('admin.attempts', { n: d.attempts })} · {dateTime(d.lastAttemptAt ?? d.createdAt)}
            {d.lastError ? ` · ${d.lastError}` : ''}
          </span>{' '}
          {d.status !== 'delivered' ? (
            <button type="button" className="link" onClick={() => onRedeliver(d.id)}>
              {t('admin.redeliver')}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function DeliveriesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') || 'dead') as (typeof DELIVERY_STATUSES)[number];
  const [error, setError] = useState<unknown>();
  const data = useLoad(
    async () =>
      [
        await call(
          api.GET('/api/v1/admin/deliveries', { params: { query: { status, limit: 50 } } }),
        ),
        await call(
          api.GET('/api/v1/admin/mail-deliveries', { params: { query: { status, limit: 50 } } }),
        ),
      ] as const,
    [status],
  );
  const redeliver = (kind: 'webhook' | 'mail', id: string) => {
    setError(undefined);
    const p =
      kind === 'webhook'
        ? call(api.POST('/api/v1/admin/deliveries/{id}/redeliver', { params: { path: { id } } }))
        : call(
            api.POST('/api/v1/admin/mail-deliveries/{id}/redeliver', { params: { path: { id } } }),
          );
    p.then(data.reload, setError);
  };
  return (
    <>
      <PageTitle>{t('nav.admin.deliveries')}</PageTitle>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('admin.deliveryStatus')}
          value={status}
          onChange={(e) => setParams({ status: e.target.value })}
        >
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`admin.delivery.${s}`)}
            </option>
          ))}
        </SelectField>
      </form>
      <ErrorSummary error={error ?? data.error} />
      {!data.data ? (
        <Loading />
      ) : (
        <>
          <h2>{t('admin.webhooks')}</h2>
          <DeliveryList
            items={data.data[0].items.map((d) => ({ ...d, what: d.eventType }))}
            onRedeliver={(id) => redeliver('webhook', id)}
          />
          <h2>{t('admin.mails')}</h2>
          <DeliveryList
            items={data.data[1].items.map((d) => ({ ...d, what: d.kind }))}
            onRedeliver={(id) => redeliver('mail', id)}
          />
        </>
      )}
    </>
  );
}

export function CalendarPage() {
  const { t, lang, date } = useI18n();
  const [error, setError] = useState<unknown>();
  const data = useLoad(
    () => call(api.GET('/api/v1/admin/calendar/overrides', { params: { query: { limit: 100 } } })),
    [],
  );
  const errors = fieldErrors(error, lang);
  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(undefined);
    call(
      api.PUT('/api/v1/admin/calendar/overrides/{date}', {
        params: { path: { date: String(form.get('date')) } },
        body: { working: form.get('working') === 'yes', note: String(form.get('note')) },
      }),
    ).then(data.reload, setError);
  };
  return (
    <>
      <PageTitle>{t('nav.admin.calendar')}</PageTitle>
      <ErrorSummary error={error ?? data.error} />
      {!data.data ? (
        <Loading />
      ) : data.data.items.length === 0 ? (
        <p>{t('admin.noOverrides')}</p>
      ) : (
        <ul className="plain">
          {data.data.items.map((o) => (
            <li key={o.date}>
              {date(o.date)} · {o.working ? t('admin.workingDay') : t('admin.dayOff')} · {o.note}{' '}
              <button
                type="button"
                className="link"
                onClick={() =>
                  void call(
                    api.DELETE('/api/v1/admin/calendar/overrides/{date}', {
                      params: { path: { date: o.date } },
                    }),
                  ).then(data.reload, setError)
                }
              >
                {t('admin.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('admin.addOverride')}</h2>
      <form onSubmit={save} className="narrow">
        <TextField label={t('admin.date')} name="date" type="date" required error={errors.date} />
        <SelectField label={t('admin.dayKind')} name="working" defaultValue="no">
          <option value="no">{t('admin.dayOff')}</option>
          <option value="yes">{t('admin.workingDay')}</option>
        </SelectField>
        <TextField label={t('admin.note')} name="note" required error={errors.note} />
        <button type="submit">{t('common.save')}</button>
      </form>
    </>
  );
}

export function ClaimsPage() {
  const { t, dateTime } = useI18n();
  const [error, setError] = useState<unknown>();
  const data = useLoad(
    () =>
      call(
        api.GET('/api/v1/admin/enterprise-claims', {
          params: { query: { status: 'open', limit: 100 } },
        }),
      ),
    [],
  );
  const decide = (e: FormEvent<HTMLFormElement>, id: string) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(undefined);
    call(
      api.POST('/api/v1/admin/enterprise-claims/{id}/decide', {
        params: { path: { id } },
        body: {
          decision: form.get('decision') === 'transfer' ? 'transfer' : 'reject',
          note: String(form.get('note')),
        },
      }),
    ).then(data.reload, setError);
  };
  return (
    <>
      <PageTitle>{t('nav.admin.claims')}</PageTitle>
      <ErrorSummary error={error ?? data.error} />
      {!data.data ? (
        <Loading />
      ) : data.data.items.length === 0 ? (
        <p>{t('admin.noClaims')}</p>
      ) : (
        <ul className="cards">
          {data.data.items.map((c) => (
            <li key={c.id} className="card">
              <h2 className="h3">{c.uscc}</h2>
              <p>{c.statement}</p>
              <p className="meta">{dateTime(c.createdAt)}</p>
              <form onSubmit={(e) => decide(e, c.id)}>
                <SelectField label={t('admin.decision')} name="decision" defaultValue="reject">
                  <option value="transfer">{t('admin.transfer')}</option>
                  <option value="reject">{t('admin.reject')}</option>
                </SelectField>
                <TextField label={t('admin.note')} name="note" required />
                <button type="submit">{t('admin.decide')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
