import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { useApiQuery } from '../hooks/useApiQuery';
import { DemoEmptyState } from './dashboard/DemoEmptyState';
import { EventsChart } from './dashboard/EventsChart';
import { KpiTiles } from './dashboard/KpiTiles';
import { RangeSelector } from './dashboard/RangeSelector';
import { rangeInput, type RangeKey } from './dashboard/range';
import { ServiceChart } from './dashboard/ServiceChart';
import { TopUsers } from './dashboard/TopUsers';

export function DashboardPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<RangeKey>('7d');
  const [now, setNow] = useState(() => Date.now());
  const summary = useApiQuery('dashboard.summary', rangeInput(range, now));
  const rangeEmpty = summary.data?.totalEvents === 0;
  // An empty period is not an empty store: only offer demo data when there is no event at all.
  const anyEvent = useApiQuery('events.list', { limit: 1, offset: 0 }, { enabled: rangeEmpty, refreshKey: now });
  const storeEmpty = rangeEmpty && anyEvent.data?.total === 0;
  const data = summary.data;

  return (
    <div className="page" data-testid="page-dashboard">
      <PageHeader title={t('dashboard.title')}>
        <RangeSelector value={range} onChange={setRange} />
        <button type="button" data-testid="dashboard-refresh" onClick={() => setNow(Date.now())}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <ErrorMessage error={summary.error} />
      {summary.loading && !data && <p aria-busy="true">{t('common.loading')}</p>}
      {storeEmpty && <DemoEmptyState onLoaded={() => setNow(Date.now())} />}
      {data && !storeEmpty && (
        <>
          <KpiTiles summary={data} />
          {rangeEmpty ? (
            <p className="muted" data-testid="range-empty">
              {t('dashboard.rangeEmpty')}
            </p>
          ) : (
            <div className="dashboard-grid">
              <EventsChart summary={data} />
              <ServiceChart byService={data.byService} />
              <TopUsers users={data.topUsers} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
