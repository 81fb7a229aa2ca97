import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '@contract';
import { useFormat } from '../../hooks/useFormat';
import { drillHref } from './drill';

const KPIS = [
  { key: 'total', pick: (s: DashboardSummary) => s.totalEvents, href: (s: DashboardSummary) => drillHref({ query: s.totalQuery }, s.searchRange) },
  {
    key: 'authFailures',
    pick: (s: DashboardSummary) => s.authFailures,
    href: (s: DashboardSummary) => drillHref({ query: s.authFailuresQuery }, s.searchRange),
  },
  {
    key: 'breakGlass',
    pick: (s: DashboardSummary) => s.breakGlass,
    href: (s: DashboardSummary) => drillHref({ query: s.breakGlassQuery }, s.searchRange),
  },
  { key: 'openAlerts', pick: (s: DashboardSummary) => s.openAlerts, href: () => '#/alerts' },
  { key: 'openIncidents', pick: (s: DashboardSummary) => s.openIncidents, href: () => '#/incidents' },
] as const;

/** Headline figures of the period; each opens the events (or list) behind it. */
export function KpiTiles({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="kpis">
      {KPIS.map(({ key, pick, href }) => {
        const value = pick(summary);
        return (
          <a key={key} className="kpi" data-testid={`kpi-${key}`} href={href(summary)}>
            <span className="kpi-label">{t(`dashboard.kpi.${key}`)}</span>
            <span className="kpi-value" data-testid="kpi-value" data-value={value}>
              {fmt.number(value)}
            </span>
          </a>
        );
      })}
    </div>
  );
}
