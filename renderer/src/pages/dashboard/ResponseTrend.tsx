import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ClickableChart } from '../../charts/ClickableChart';
import { useChartColors } from '../../charts/setup';
import { useFormat } from '../../hooks/useFormat';
import { currentLocale } from '../../i18n';
import { localeTag } from '../../i18n/format';
import { Panel } from './Panel';
import type { Drill, WeeklyResponse } from './types';

const HOUR = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : ms / HOUR);

/** Weekly median time to acknowledge alerts (MTTA) and to close incidents (MTTR), in hours; a point opens that week's incidents. */
export function ResponseTrend({ weeks, onDrill }: { weeks: WeeklyResponse[]; onDrill: Drill }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const colors = useChartColors();
  const format = useMemo(() => {
    const nf = new Intl.NumberFormat(localeTag(currentLocale()), { maximumFractionDigits: 1 });
    return (v: number) => t('dashboard.trend.hours', { value: nf.format(v) });
  }, [t, i18n.language]);
  const series = useMemo(
    () => [
      { label: t('dashboard.trend.mtta'), color: colors.palette[0], values: weeks.map((w) => hours(w.mtta.medianMs)) },
      { label: t('dashboard.trend.mttr'), color: colors.palette[4], values: weeks.map((w) => hours(w.mttr.medianMs)) },
    ],
    [weeks, colors, t],
  );
  const measured = weeks.some((w) => w.mtta.count > 0 || w.mttr.count > 0);

  return (
    <Panel title={t('dashboard.trend.title')} testId="response-trend">
      {!measured && (
        <p className="muted" data-testid="response-trend-empty">
          {t('dashboard.trend.empty')}
        </p>
      )}
      <ClickableChart
        type="line"
        height="small"
        labels={weeks.map((w) => t('dashboard.trend.week', { date: fmt.bucket(w.weekStart, 'day') }))}
        series={series}
        legend
        axisTitle={t('dashboard.trend.axis')}
        format={format}
        onPick={(_s, i) => weeks[i] && onDrill(weeks[i])}
        ariaLabel={t('dashboard.trend.aria', { count: weeks.length })}
      />
    </Panel>
  );
}
