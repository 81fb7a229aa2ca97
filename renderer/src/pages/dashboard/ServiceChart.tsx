import type { ChartData, ChartOptions } from 'chart.js';
import { useMemo } from 'react';
import { Doughnut } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { CountBy } from '@contract';
import { reducedMotion, useChartColors } from '../../charts/setup';
import { useFormat } from '../../hooks/useFormat';
import { currentLocale } from '../../i18n';
import { localeTag } from '../../i18n/format';

/** Share of events per hub service. */
export function ServiceChart({ byService }: { byService: CountBy[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const colors = useChartColors();

  const data = useMemo<ChartData<'doughnut'>>(
    () => ({
      labels: byService.map((s) => s.key),
      datasets: [
        {
          label: t('dashboard.charts.eventsAxis'),
          data: byService.map((s) => s.count),
          backgroundColor: byService.map((_, i) => colors.palette[i % colors.palette.length]),
          borderColor: colors.surface,
          borderWidth: 2,
        },
      ],
    }),
    [byService, colors, t],
  );

  const options = useMemo<ChartOptions<'doughnut'>>(() => {
    const total = byService.reduce((sum, s) => sum + s.count, 0) || 1;
    return {
      responsive: true,
      maintainAspectRatio: false,
      locale: localeTag(currentLocale()),
      animation: reducedMotion() ? false : { duration: 300 },
      plugins: {
        legend: { position: 'right', labels: { color: colors.text } },
        tooltip: {
          callbacks: {
            label: (item) =>
              t('dashboard.charts.tooltipShare', {
                label: item.label,
                value: fmt.number(Number(item.raw)),
                share: fmt.percent(Number(item.raw) / total),
              }),
          },
        },
      },
    };
  }, [byService, colors, fmt, t]);

  return (
    <figure className="chart-card" data-testid="service-chart">
      <figcaption>{t('dashboard.charts.byService')}</figcaption>
      <div className="chart-box">
        <Doughnut data={data} options={options} role="img" aria-label={t('dashboard.charts.byServiceAria', { count: byService.length })} />
      </div>
    </figure>
  );
}
