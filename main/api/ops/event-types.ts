/**
 * Shapes of the events the core operations return: one event row (ECS names), an access trace, the full detail of
 * an event, and the dashboard summary. Re-exported by the contract (`export type *`), which the UI imports from.
 */
import type { Severity } from '../contract';
import type { AccessAnomalies, CountPoint, LegalDeadlineItem, PanelItem, SeverityBucket, ServiceBucket, TopItem, WeeklyResponse } from './dashboard';

export interface EventRow {
  id: number;
  '@timestamp': string;
  'event.ingested': string;
  'event.dataset': string;
  'event.category': string;
  'event.action': string;
  'event.outcome': string;
  'event.severity': Severity;
  'service.name': string;
  'host.name': string | null;
  'user.name': string | null;
  'user.roles': string | null;
  'source.ip': string | null;
  'health.patient.pseudonym': string | null;
  'health.purpose_of_use': string | null;
  'health.break_glass': boolean;
  message: string;
}

/** One access to a patient's record (the access-trace view over the events). */
export interface AccessTrace {
  id: number;
  '@timestamp': string;
  'service.name': string;
  'user.name': string | null;
  'user.roles': string | null;
  'health.patient.pseudonym': string;
  'event.action': string;
  'health.object': string | null;
  'source.ip': string | null;
  'health.purpose_of_use': string | null;
  'health.break_glass': boolean;
  'event.outcome': string;
}

/** One event in full: every normalized field (main/events/README.md), the original and the attributes. */
export interface EventDetail extends EventRow {
  'process.name': string | null;
  'user.id': string | null;
  'destination.ip': string | null;
  'health.object': string | null;
  'event.original': string;
  attributes: Record<string, unknown>;
}

export interface CountBy {
  key: string;
  count: number;
}

export interface DashboardSummary {
  from: string;
  to: string;
  /**
   * Window to open the search with when following a panel's `query` (whole UTC
   * days covering the range); every query carries its own exact time window.
   */
  searchRange: { from: string; to: string };
  totalEvents: number;
  totalQuery: string;
  /** Hourly or daily buckets, stacked by severity (from the rollup table). */
  series: SeverityBucket[];
  /** The same buckets stacked by hub service (`services`, most active first). */
  seriesByService: ServiceBucket[];
  services: string[];
  bucket: 'hour' | 'day';
  byService: PanelItem[];
  bySeverity: PanelItem[];
  topUsers: TopItem[];
  topSourceIps: TopItem[];
  topHosts: TopItem[];
  /** Authentication failures (category `authentication`, outcome `failure`). */
  authFailures: number;
  authFailuresQuery: string;
  authFailuresSeries: CountPoint[];
  breakGlass: number;
  breakGlassQuery: string;
  accessAnomalies: AccessAnomalies;
  openAlerts: number;
  /** Open alerts (nouvelle, prise_en_compte, vrai_positif) by severity, whatever the range. */
  alertsBySeverity: PanelItem[];
  /** Alerts active in the range (first seen before its end, last seen after its start) by status. */
  alertsByStatus: PanelItem[];
  openIncidents: number;
  /** Incidents (not merged) by current phase. */
  incidentsByPhase: PanelItem[];
  /** MTTA / MTTR per week (UTC Monday to Monday), at least the last 8 weeks. */
  responseTrend: WeeklyResponse[];
  /** Open legal clocks (ARS, CNIL 72 h), most urgent first. */
  legalDeadlines: LegalDeadlineItem[];
}
