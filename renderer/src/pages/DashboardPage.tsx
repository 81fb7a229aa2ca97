import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { useApiQuery } from '../hooks/useApiQuery';
import { AutoRefresh } from './dashboard/AutoRefresh';
import { DemoEmptyState } from './dashboard/DemoEmptyState';
import { Panels } from './dashboard/Panels';
import { RangeSelector } from './dashboard/RangeSelector';
import { rangeInput, type DashboardRange } from './dashboard/range';
import { useAutoRefresh } from './dashboard/useAutoRefresh';
import './dashboard/dashboard.css';

const NO_RANGE = { from: '', to: '' };

/** Tableau de bord: every panel of `dashboard.summary` over a period, refreshed every minute while open. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<DashboardRange>({ key: '7d', from: '', to: '' });
  const [now, setNow] = useState(() => Date.now());
  const [paused, setPaused] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const input = rangeInput(range, now);
  const summary = useApiQuery('dashboard.summary', input ?? NO_RANGE, { enabled: input !== null, refreshKey: now });
  const rangeEmpty = summary.data?.totalEvents === 0;
  // An empty period is not an empty store: only offer demo data when there is no event at all.
  const anyEvent = useApiQuery('events.list', { limit: 1, offset: 0 }, { enabled: rangeEmpty, refreshKey: now });
  const storeEmpty = rangeEmpty && anyEvent.data?.total === 0;
  const data = summary.data;

  useEffect(() => {
    if (data) setUpdatedAt(Date.now());
  }, [data]);
  useAutoRefresh(() => setNow(Date.now()), paused, now);

  return (
    <div className="page page-dashboard" data-testid="page-dashboard">
      <PageHeader title={t('dashboard.title')}>
        <RangeSelector value={range} onChange={setRange} />
        <button type="button" data-testid="dashboard-refresh" onClick={() => setNow(Date.now())}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <AutoRefresh paused={paused} onToggle={() => setPaused(!paused)} updatedAt={updatedAt} />
      {input === null && (
        <p className="error-message" role="alert" data-testid="range-invalid">
          {t('dashboard.range.invalid')}
        </p>
      )}
      <ErrorMessage error={summary.error} />
      {summary.loading && !data && <p aria-busy="true">{t('common.loading')}</p>}
      {storeEmpty && <DemoEmptyState onLoaded={() => setNow(Date.now())} />}
      {data && !storeEmpty && <Panels summary={data} />}
    </div>
  );
}
