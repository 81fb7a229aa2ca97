import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '@contract';
import { useFormat } from '../../hooks/useFormat';

const KPIS = [
  { key: 'total', pick: (s: DashboardSummary) => s.totalEvents },
  { key: 'authFailures', pick: (s: DashboardSummary) => s.authFailures },
  { key: 'breakGlass', pick: (s: DashboardSummary) => s.breakGlass },
  { key: 'openAlerts', pick: (s: DashboardSummary) => s.openAlerts },
  { key: 'openIncidents', pick: (s: DashboardSummary) => s.openIncidents },
] as const;

export function KpiTiles({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="kpis">
      {KPIS.map(({ key, pick }) => {
        const value = pick(summary);
        return (
          <div key={key} className="kpi" data-testid={`kpi-${key}`}>
            <span className="kpi-label">{t(`dashboard.kpi.${key}`)}</span>
            <span className="kpi-value" data-testid="kpi-value" data-value={value}>
              {fmt.number(value)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
