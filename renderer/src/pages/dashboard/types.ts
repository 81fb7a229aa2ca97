import type { DashboardSummary } from '@contract';

/** Panel element types, derived from the contract's summary (their declarations live in the ops module). */
export type PanelItem = DashboardSummary['byService'][number];
export type PanelTarget = NonNullable<PanelItem['target']>;
export type TopItem = DashboardSummary['topUsers'][number];
export type CountPoint = DashboardSummary['authFailuresSeries'][number];
export type AccessAnomalies = DashboardSummary['accessAnomalies'];
export type AccessAnomaly = AccessAnomalies['flagged'][number];
export type WeeklyResponse = DashboardSummary['responseTrend'][number];
export type LegalDeadlineItem = DashboardSummary['legalDeadlines'][number];

/** What a click on a panel element needs. */
export interface Drillable {
  query: string;
  target?: PanelTarget;
}
export type Drill = (item: Drillable) => void;
