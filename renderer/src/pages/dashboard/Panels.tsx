import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '@contract';
import { AccessAnomalies } from './AccessAnomalies';
import { AuthFailures } from './AuthFailures';
import { useDrill } from './drill';
import { EventsChart } from './EventsChart';
import { KpiTiles } from './KpiTiles';
import { LegalBoard } from './LegalBoard';
import { ResponsePanels } from './ResponsePanels';
import { ResponseTrend } from './ResponseTrend';
import { ServiceChart } from './ServiceChart';
import { TopList } from './TopList';

/** Every panel of the summary; clicks open the search over `searchRange` (or the matching list). */
export function Panels({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const range = summary.searchRange;
  const drill = useDrill(range);
  const rangeEmpty = summary.totalEvents === 0;

  return (
    <>
      <KpiTiles summary={summary} />
      {rangeEmpty ? (
        <p className="muted" data-testid="range-empty">
          {t('dashboard.rangeEmpty')}
        </p>
      ) : (
        <div className="dash-grid">
          <EventsChart summary={summary} onDrill={drill} />
          <ServiceChart byService={summary.byService} onDrill={drill} />
          <AuthFailures summary={summary} onDrill={drill} />
          <TopList kind="users" items={summary.topUsers} range={range} testId="top-users" />
          <TopList kind="ips" items={summary.topSourceIps} range={range} testId="top-ips" />
          <TopList kind="hosts" items={summary.topHosts} range={range} testId="top-hosts" />
          <AccessAnomalies anomalies={summary.accessAnomalies} range={range} />
        </div>
      )}
      <h2 className="dash-section">{t('dashboard.response.title')}</h2>
      <div className="dash-grid">
        <ResponsePanels summary={summary} onDrill={drill} />
        <ResponseTrend weeks={summary.responseTrend} onDrill={drill} />
        <LegalBoard deadlines={summary.legalDeadlines} range={range} />
      </div>
    </>
  );
}
