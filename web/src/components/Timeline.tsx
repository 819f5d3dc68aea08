import type { Schemas } from '../api/client';
import { useI18n } from '../i18n';
import {
  ACTORS,
  DECLINE_REASONS,
  EVENT_TYPES,
  EXHAUSTED_REASONS,
  label,
  REFERRAL_STATUS,
  REROUTE_TRIGGERS,
  STAGES,
} from '../labels';
import { Badge } from './ui';

type Referral = Schemas['ReferralResponse'];

/** How many banks have had the referral, the current one included (from its timeline). */
export function banksTried(referral: Referral): number {
  return 1 + referral.events.filter((e) => e.type === 'rerouted').length;
}

/** Status, deadline and the timeline of one referral, as the SME, the bank and admins see it. */
export function ReferralSummary({ referral }: { referral: Referral }) {
  const { t, lang, pick, money, dateTime } = useI18n();
  const banks = banksTried(referral);
  return (
    <dl className="facts">
      <dt>{t('referral.status')}</dt>
      <dd>
        <Badge status={referral.status}>{label(REFERRAL_STATUS, referral.status, lang)}</Badge>
        {referral.overdue ? (
          <>
            {' '}
            <Badge status="overdue">{t('referral.overdue')}</Badge>
          </>
        ) : null}
      </dd>
      <dt>{t('referral.bank')}</dt>
      <dd>
        {pick(referral.bankName)}
        {banks > 1 ? <span className="meta"> · {t('referral.bankNth', { n: banks })}</span> : null}
      </dd>
      <dt>{t('referral.requested')}</dt>
      <dd>
        {money(referral.requestedAmountYuan)} · {t('common.months', { n: referral.termMonths })}
      </dd>
      {referral.approvedAmountYuan !== null ? (
        <>
          <dt>{t('referral.approvedAmount')}</dt>
          <dd>{money(referral.approvedAmountYuan)}</dd>
        </>
      ) : null}
      <dt>{t('referral.deadline')}</dt>
      <dd>
        {referral.deadline
          ? t('referral.deadlineText', {
              stage: label(STAGES, referral.deadline.stage, lang),
              due: dateTime(referral.deadline.dueAt),
            })
          : t('referral.noDeadline')}
      </dd>
      <dt>{t('referral.submittedAt')}</dt>
      <dd>{dateTime(referral.createdAt)}</dd>
    </dl>
  );
}

/** An event's `reason` in words: a decline reason, a missed stage, or what started a re-route. */
function reasonText(e: Referral['events'][number], lang: 'zh' | 'en'): string | null {
  const reason = e.reason;
  if (!reason) return null;
  const tables: Partial<Record<typeof e.type, Record<string, readonly [string, string]>>> = {
    declined: DECLINE_REASONS,
    overdue: STAGES,
    deadline_moved: STAGES,
    rerouted: REROUTE_TRIGGERS,
    reroute_exhausted: EXHAUSTED_REASONS,
  };
  const pair = tables[e.type]?.[reason];
  return pair ? pair[lang === 'zh' ? 0 : 1] : reason;
}

/** The timeline, oldest first; a re-route names the banks it went from and to (when shown). */
export function Timeline({ events }: { events: Referral['events'] }) {
  const { t, lang, pick, money, dateTime } = useI18n();
  return (
    <ol className="timeline">
      {events.map((e) => {
        const reason = reasonText(e, lang);
        return (
          <li key={e.id}>
            <strong>{label(EVENT_TYPES, e.type, lang)}</strong>{' '}
            <span className="meta">
              {dateTime(e.createdAt)} · {label(ACTORS, e.actor, lang)}
              {e.bankName && e.type !== 'rerouted' ? ` · ${pick(e.bankName)}` : ''}
            </span>
            {e.type === 'rerouted' && e.bankName ? (
              <div>
                {e.fromBankName
                  ? t('referral.reroutedFromTo', {
                      from: pick(e.fromBankName),
                      to: pick(e.bankName),
                    })
                  : t('referral.reroutedTo', { to: pick(e.bankName) })}
              </div>
            ) : null}
            {e.amountYuan !== null ? (
              <div>{t('referral.amount', { amount: money(e.amountYuan) })}</div>
            ) : null}
            {reason ? (
              <div>
                {t(e.type === 'rerouted' ? 'referral.because' : 'referral.reason')}
                {lang === 'zh' ? '：' : ': '}
                {reason}
              </div>
            ) : null}
            {e.note ? <div className="note">{e.note}</div> : null}
          </li>
        );
      })}
    </ol>
  );
}
