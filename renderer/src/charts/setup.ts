import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useMemo, useSyncExternalStore } from 'react';
import type { Severity } from '@contract';
import { SEVERITY_LIST } from '../domain';
import { cssVar, resolvedTheme, subscribeTheme } from '../theme';

// Only what the dashboard draws: keeps the bundle small, no eval, no injected styles.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  DoughnutController,
  ArcElement,
  Tooltip,
  Legend,
);

export interface ChartColors {
  text: string;
  grid: string;
  surface: string;
  accent: string;
  danger: string;
  severity: Record<Severity, string>;
  palette: string[];
}

const PALETTE_SIZE = 8;

function readColors(): ChartColors {
  const severity = Object.fromEntries(SEVERITY_LIST.map((s) => [s, cssVar(`--sev-${s}`)])) as Record<Severity, string>;
  return {
    text: cssVar('--text-muted'),
    grid: cssVar('--border'),
    surface: cssVar('--surface'),
    accent: cssVar('--accent'),
    danger: cssVar('--danger'),
    severity,
    palette: Array.from({ length: PALETTE_SIZE }, (_, i) => cssVar(`--chart-${i + 1}`)),
  };
}

/** Chart colours of the current theme (CSS variables); re-read when the theme changes. */
export function useChartColors(): ChartColors {
  const theme = useSyncExternalStore(subscribeTheme, resolvedTheme);
  return useMemo(() => readColors(), [theme]);
}

export const reducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
