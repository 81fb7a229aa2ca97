import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ClickableChart } from '../../charts/ClickableChart';
import { useFormat } from '../../hooks/useFormat';
import { Panel } from './Panel';
import type { Drill, PanelItem } from './types';

interface Props {
  title: string;
  testId: string;
  items: PanelItem[];
  /** Translated name of an item's key. */
  labelOf: (key: string) => string;
  colorOf: (key: string, index: number) => string;
  ariaLabel: string;
  onDrill: Drill;
}

/** Counts per category (alerts by severity or status, incidents by phase); a bar opens the matching list. */
export function PanelBars({ title, testId, items, labelOf, colorOf, ariaLabel, onDrill }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const total = items.reduce((sum, i) => sum + i.count, 0);
  const series = useMemo(
    () => [{ label: t('dashboard.charts.count'), color: items.map((i, n) => colorOf(i.key, n)), values: items.map((i) => i.count) }],
    [items, colorOf, t],
  );
  return (
    <Panel title={title} testId={testId} actions={<span className="panel-total muted">{fmt.number(total)}</span>}>
      <ClickableChart
        type="bar"
        height="small"
        labels={items.map((i) => labelOf(i.key))}
        series={series}
        format={fmt.number}
        onPick={(_s, i) => items[i] && onDrill(items[i])}
        ariaLabel={ariaLabel}
      />
    </Panel>
  );
}
