import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary, Severity } from '@contract';
import { useChartColors } from '../../charts/setup';
import { PanelBars } from './PanelBars';
import type { Drill } from './types';

/** Alerts by severity and by status, incidents by phase. */
export function ResponsePanels({ summary, onDrill }: { summary: DashboardSummary; onDrill: Drill }) {
  const { t } = useTranslation();
  const colors = useChartColors();
  const severityColor = useCallback((key: string) => colors.severity[key as Severity] ?? colors.accent, [colors]);
  const paletteColor = useCallback((_key: string, i: number) => colors.palette[i % colors.palette.length], [colors]);
  const openAlerts = summary.alertsBySeverity.reduce((s, i) => s + i.count, 0);
  const activeAlerts = summary.alertsByStatus.reduce((s, i) => s + i.count, 0);
  const incidents = summary.incidentsByPhase.reduce((s, i) => s + i.count, 0);

  return (
    <>
      <PanelBars
        title={t('dashboard.response.alertsBySeverity')}
        testId="alerts-by-severity"
        items={summary.alertsBySeverity}
        labelOf={(k) => t(`severity.${k}`)}
        colorOf={severityColor}
        ariaLabel={t('dashboard.response.alertsBySeverityAria', { count: openAlerts })}
        onDrill={onDrill}
      />
      <PanelBars
        title={t('dashboard.response.alertsByStatus')}
        testId="alerts-by-status"
        items={summary.alertsByStatus}
        labelOf={(k) => t(`alertStatus.${k}`, { defaultValue: k })}
        colorOf={paletteColor}
        ariaLabel={t('dashboard.response.alertsByStatusAria', { count: activeAlerts })}
        onDrill={onDrill}
      />
      <PanelBars
        title={t('dashboard.response.incidentsByPhase')}
        testId="incidents-by-phase"
        items={summary.incidentsByPhase}
        labelOf={(k) => t(`phase.${k}`, { defaultValue: k })}
        colorOf={paletteColor}
        ariaLabel={t('dashboard.response.incidentsByPhaseAria', { count: incidents })}
        onDrill={onDrill}
      />
    </>
  );
}
