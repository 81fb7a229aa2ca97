import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '@contract';
import { ClickableChart, type Series } from '../../charts/ClickableChart';
import { useChartColors } from '../../charts/setup';
import { SEVERITY_LIST } from '../../domain';
import { useFormat } from '../../hooks/useFormat';
import { Panel } from './Panel';
import type { Drill } from './types';

type Mode = 'severity' | 'service';

/** Events over time, stacked by severity or by hub service; a segment opens its bucket's events of that kind. */
export function EventsChart({ summary, onDrill }: { summary: DashboardSummary; onDrill: Drill }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const colors = useChartColors();
  const [mode, setMode] = useState<Mode>('severity');

  const labels = useMemo(() => summary.series.map((b) => fmt.bucket(b.bucket, summary.bucket)), [summary, fmt]);
  const series = useMemo<Series[]>(() => {
    if (mode === 'severity') {
      return SEVERITY_LIST.map((sev) => ({
        label: t(`severity.${sev}`),
        color: colors.severity[sev],
        values: summary.series.map((b) => b.bySeverity[sev] ?? 0),
      }));
    }
    return summary.services.map((service, i) => ({
      label: service,
      color: colors.palette[i % colors.palette.length],
      values: summary.seriesByService.map((b) => b.byService[service] ?? 0),
    }));
  }, [mode, summary, colors, t]);

  const pick = (seriesIndex: number, index: number) => {
    const query =
      mode === 'severity'
        ? summary.series[index]?.queries[SEVERITY_LIST[seriesIndex]]
        : summary.seriesByService[index]?.queries[summary.services[seriesIndex]];
    if (query) onDrill({ query });
  };

  const toggle = (
    <div className="segmented" role="group" aria-label={t('dashboard.charts.stackBy')}>
      {(['severity', 'service'] as const).map((m) => (
        <button key={m} type="button" data-testid={`events-chart-by-${m}`} aria-pressed={mode === m} onClick={() => setMode(m)}>
          {t(`dashboard.charts.by.${m}`)}
        </button>
      ))}
    </div>
  );

  return (
    <Panel title={t(mode === 'severity' ? 'dashboard.charts.overTime' : 'dashboard.charts.overTimeByService')} testId="events-chart" actions={toggle} wide>
      <ClickableChart
        type="bar"
        labels={labels}
        series={series}
        stacked
        legend
        axisTitle={t('dashboard.charts.eventsAxis')}
        format={fmt.number}
        onPick={pick}
        ariaLabel={t(mode === 'severity' ? 'dashboard.charts.overTimeAria' : 'dashboard.charts.overTimeByServiceAria', {
          count: summary.totalEvents,
          formatted: fmt.number(summary.totalEvents),
        })}
      />
    </Panel>
  );
}
