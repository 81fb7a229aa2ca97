import type { ChartData, ChartOptions } from 'chart.js';
import { useMemo } from 'react';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '@contract';
import { reducedMotion, useChartColors } from '../../charts/setup';
import { SEVERITY_LIST } from '../../domain';
import { useFormat } from '../../hooks/useFormat';
import { localeTag } from '../../i18n/format';
import { currentLocale } from '../../i18n';

/** Events over time, stacked by severity (hourly or daily buckets from the rollups). */
export function EventsChart({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const colors = useChartColors();

  const data = useMemo<ChartData<'bar'>>(
    () => ({
      labels: summary.series.map((b) => fmt.bucket(b.bucket, summary.bucket)),
      datasets: SEVERITY_LIST.map((sev) => ({
        label: t(`severity.${sev}`),
        data: summary.series.map((b) => b.bySeverity[sev] ?? 0),
        backgroundColor: colors.severity[sev],
        borderWidth: 0,
        stack: 'severity',
      })),
    }),
    [summary, fmt, t, colors],
  );

  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      locale: localeTag(currentLocale()),
      animation: reducedMotion() ? false : { duration: 300 },
      scales: {
        x: { stacked: true, ticks: { color: colors.text, maxRotation: 0, autoSkip: true }, grid: { display: false } },
        y: {
          stacked: true,
          beginAtZero: true,
          ticks: { color: colors.text, precision: 0, callback: (v) => fmt.number(Number(v)) },
          grid: { color: colors.grid },
          title: { display: true, text: t('dashboard.charts.eventsAxis'), color: colors.text },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: colors.text } },
        tooltip: { callbacks: { label: (item) => t('dashboard.charts.tooltip', { label: item.dataset.label ?? '', value: fmt.number(Number(item.raw)) }) } },
      },
    }),
    [colors, fmt, t],
  );

  return (
    <figure className="chart-card" data-testid="events-chart">
      <figcaption>{t('dashboard.charts.overTime')}</figcaption>
      <div className="chart-box">
        <Bar data={data} options={options} role="img" aria-label={t('dashboard.charts.overTimeAria', { count: summary.totalEvents })} />
      </div>
    </figure>
  );
}
