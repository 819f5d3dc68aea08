import type { Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { ACTORS, DECLINE_REASONS, EVENT_TYPES, label, REFERRAL_STATUS, STAGES } from '../labels';
import { Badge } from './ui';

type Referral = Schemas['ReferralResponse'];

/** Status, deadline and the timeline of one referral, as the SME, the bank and admins see it. */
export function ReferralSummary({ referral }: { referral: Referral }) {
  const { t, lang, money, dateTime } = useI18n();
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
      <dd>{referral.bankCode}</dd>
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

export function Timeline({ events }: { events: Referral['events'] }) {
  const { t, lang, money, dateTime } = useI18n();
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{label(EVENT_TYPES, e.type, lang)}</strong>{' '}
          <span className="meta">
            {dateTime(e.createdAt)} · {label(ACTORS, e.actor, lang)}
          </span>
          {e.amountYuan !== null ? (
            <div>{t('referral.amount', { amount: money(e.amountYuan) })}</div>
          ) : null}
          {e.reason ? (
            <div>
              {t('referral.reason')}:{' '}
              {e.reason in DECLINE_REASONS
                ? label(DECLINE_REASONS, e.reason as keyof typeof DECLINE_REASONS, lang)
                : e.reason in STAGES
                  ? label(STAGES, e.reason as keyof typeof STAGES, lang)
                  : e.reason}
            </div>
          ) : null}
          {e.note ? <div className="note">{e.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}
