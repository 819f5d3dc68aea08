import type { Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { DataTable } from './ui';

type Stats = Schemas['BankStatsDto'];

/** Banks' performance as a table with a bar per bank (the number is always written beside it). */
export function BankStatsTable({ banks }: { banks: Stats[] }) {
  const { t, pick, money } = useI18n();
  const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  const days = (x: number | null) => (x === null ? '—' : t('stats.days', { n: x }));
  const most = Math.max(1, ...banks.map((b) => b.received));
  return (
    <DataTable
      caption={t('stats.caption')}
      columns={[
        t('referral.bank'),
        t('stats.received'),
        t('stats.onTime'),
        t('stats.toAcknowledge'),
        t('stats.toDecision'),
        t('stats.approvalRate'),
        t('stats.disbursed'),
        t('stats.overdueOpen'),
      ]}
    >
      {banks.map((b) => (
        <tr key={b.bankCode}>
          <th scope="row">{pick(b.bankName)}</th>
          <td>
            <span className="bar" aria-hidden="true">
              <span className={`bar-fill w${Math.round((b.received / most) * 10)}`} />
            </span>{' '}
            {b.received}
          </td>
          <td>{percent(b.acknowledgedOnTime)}</td>
          <td>{days(b.medianWorkingDaysToAcknowledge)}</td>
          <td>{days(b.medianWorkingDaysToDecision)}</td>
          <td>
            {percent(b.approvalRate)} ({b.approved}/{b.approved + b.declined})
          </td>
          <td>{money(b.disbursedYuan)}</td>
          <td>{b.overdueOpen}</td>
        </tr>
      ))}
    </DataTable>
  );
}
