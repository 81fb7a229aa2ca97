import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '@contract';
import { ClickableChart } from '../../charts/ClickableChart';
import { useChartColors } from '../../charts/setup';
import { useFormat } from '../../hooks/useFormat';
import { drillHref } from './drill';
import { Panel } from './Panel';
import type { Drill } from './types';

/** Authentication failures over the period, per bucket; the total and each bar open the failures. */
export function AuthFailures({ summary, onDrill }: { summary: DashboardSummary; onDrill: Drill }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const colors = useChartColors();
  const points = summary.authFailuresSeries;
  const series = useMemo(
    () => [{ label: t('dashboard.auth.series'), color: colors.danger, values: points.map((p) => p.count) }],
    [points, colors, t],
  );
  const total = (
    <a className="panel-total" data-testid="auth-failures-total" href={drillHref({ query: summary.authFailuresQuery }, summary.searchRange)}>
      {t('dashboard.auth.total', { count: summary.authFailures, formatted: fmt.number(summary.authFailures) })}
    </a>
  );
  return (
    <Panel title={t('dashboard.auth.title')} testId="auth-failures" actions={total}>
      <ClickableChart
        type="bar"
        height="small"
        labels={points.map((p) => fmt.bucket(p.bucket, summary.bucket))}
        series={series}
        format={fmt.number}
        onPick={(_s, i) => points[i] && onDrill(points[i])}
        ariaLabel={t('dashboard.auth.aria', { count: summary.authFailures, formatted: fmt.number(summary.authFailures) })}
      />
    </Panel>
  );
}
