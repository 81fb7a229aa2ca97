import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ClickableChart } from '../../charts/ClickableChart';
import { useChartColors } from '../../charts/setup';
import { useFormat } from '../../hooks/useFormat';
import { Panel } from './Panel';
import type { Drill, PanelItem } from './types';

/** Events per hub service (horizontal bars, most active first); a bar opens that service's events. */
export function ServiceChart({ byService, onDrill }: { byService: PanelItem[]; onDrill: Drill }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const colors = useChartColors();
  const series = useMemo(
    () => [{ label: t('dashboard.charts.eventsAxis'), color: colors.palette[0], values: byService.map((s) => s.count) }],
    [byService, colors, t],
  );
  return (
    <Panel title={t('dashboard.charts.byService')} testId="service-chart">
      <ClickableChart
        type="bar"
        horizontal
        labels={byService.map((s) => s.key)}
        series={series}
        format={fmt.number}
        onPick={(_s, i) => byService[i] && onDrill(byService[i])}
        ariaLabel={t('dashboard.charts.byServiceAria', { count: byService.length })}
      />
    </Panel>
  );
}
