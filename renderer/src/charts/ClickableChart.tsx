import type { ActiveElement, ChartData, ChartEvent, ChartOptions } from 'chart.js';
import { useMemo, useRef } from 'react';
import { Chart } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { localeTag } from '../i18n/format';
import { ChartTable } from './ChartTable';
import { reducedMotion, useChartColors } from './setup';
import './charts.css';

export interface Series {
  label: string;
  /** One colour, or one per bar. */
  color: string | string[];
  /** null: no point (a gap in a line). */
  values: (number | null)[];
}

export interface ClickableChartProps {
  type: 'bar' | 'line';
  labels: string[];
  series: Series[];
  ariaLabel: string;
  stacked?: boolean;
  /** Bars drawn left to right (long category names read better). */
  horizontal?: boolean;
  legend?: boolean;
  axisTitle?: string;
  /** Formats values on the axis and in tooltips (locale-aware). */
  format: (value: number) => string;
  /** A bar, segment or point was clicked. */
  onPick?: (seriesIndex: number, index: number) => void;
  height?: 'small' | 'normal';
}

/** One chart.js chart in the theme's colours, French-formatted, whose elements can be clicked. */
export function ClickableChart(props: ClickableChartProps) {
  const { type, labels, series, ariaLabel, stacked = false, horizontal = false, legend = series.length > 1, axisTitle, format, onPick } = props;
  const { t } = useTranslation();
  const colors = useChartColors();
  // Callers pass fresh arrays and callbacks on every render: the chart is only updated when what it shows changes.
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const clickable = onPick !== undefined;
  const labelsKey = labels.join('\u0000');

  const data = useMemo<ChartData<'bar' | 'line', (number | null)[], string>>(
    () => ({
      labels,
      datasets: series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.color,
        borderColor: s.color,
        borderWidth: type === 'line' ? 2 : 0,
        pointRadius: type === 'line' ? 3 : undefined,
        pointHoverRadius: type === 'line' ? 6 : undefined,
        spanGaps: true,
        tension: 0.2,
      })),
    }),
    [labelsKey, series, type],
  );

  const options = useMemo<ChartOptions<'bar' | 'line'>>(() => {
    const valueAxis = {
      stacked,
      beginAtZero: true,
      ticks: { color: colors.text, precision: 0, callback: (v: string | number) => format(Number(v)) },
      grid: { color: colors.grid },
      title: axisTitle ? { display: true, text: axisTitle, color: colors.text } : undefined,
    };
    // Few categories (phases, statuses): every label shown, slanted if need be; long time axes skip labels.
    const many = labels.length > 10;
    const categoryAxis = { stacked, ticks: { color: colors.text, autoSkip: many, maxRotation: many ? 0 : 45 }, grid: { display: false } };
    return {
      responsive: true,
      maintainAspectRatio: false,
      locale: localeTag(currentLocale()),
      indexAxis: horizontal ? 'y' : 'x',
      animation: reducedMotion() ? false : { duration: 300 },
      interaction: { mode: 'nearest', intersect: type === 'bar' },
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: legend, position: 'bottom', labels: { color: colors.text, boxWidth: 14 } },
        tooltip: { callbacks: { label: (item) => t('dashboard.charts.tooltip', { label: item.dataset.label ?? '', value: format(Number(item.raw)) }) } },
      },
      onClick: (_e: ChartEvent, elements: ActiveElement[]) => {
        const hit = elements[0];
        if (hit) pickRef.current?.(hit.datasetIndex, hit.index);
      },
      onHover: (e: ChartEvent, elements: ActiveElement[]) => {
        const canvas = e.native?.target;
        if (clickable && canvas instanceof HTMLCanvasElement) canvas.style.cursor = elements.length > 0 ? 'pointer' : 'default';
      },
    };
  }, [colors, stacked, horizontal, legend, axisTitle, format, clickable, type, t, labels.length]);

  return (
    <>
      <div className={props.height === 'small' ? 'chart-box chart-box-small' : 'chart-box'}>
        <Chart type={type} data={data} options={options} role="img" aria-label={ariaLabel} />
      </div>
      <ChartTable labels={labels} series={series} format={format} onPick={onPick} />
    </>
  );
}
