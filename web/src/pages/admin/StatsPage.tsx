import { api, call } from '../../api/client';
import { BankStatsTable } from '../../components/Stats';
import { ErrorSummary, Loading, PageTitle, useLoad } from '../../components/ui';
import { useI18n } from '../../i18n';

export function StatsPage() {
  const { t } = useI18n();
  const data = useLoad(() => call(api.GET('/api/v1/admin/stats/banks')), []);
  if (data.error) return <ErrorSummary error={data.error} />;
  if (!data.data) return <Loading />;
  return (
    <>
      <PageTitle>{t('nav.admin.stats')}</PageTitle>
      <p className="meta">{t('stats.period', { from: data.data.from, to: data.data.to })}</p>
      <BankStatsTable banks={data.data.banks} />
    </>
  );
}
