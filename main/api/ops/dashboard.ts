/**
 * Contract types of the dashboard panels (`dashboard.summary`, see
 * main/events/README.md « Dashboard ») and operations of the patient access
 * report (`reports.*`, see main/reports/README.md). zod and types only (the
 * renderer imports the contract for types).
 */
import { z } from 'zod';
import type { CountBy, Severity } from '../contract';
import type { DurationStat } from './incidents';
import type { Deadline } from './legal';
import { isoDate, op, type Role } from './define';

/**
 * Where a click on a panel element leads. `search` (the default when absent):
 * the event search with `query` over the summary's `searchRange`. `alerts`,
 * `incidents`, `legal`: the matching list, `query` written in the same
 * `field:value` syntax over that list's fields (`status`, `severity`, `phase`,
 * `created`, `incident`).
 */
export type PanelTarget = 'search' | 'alerts' | 'incidents' | 'legal';

/** One element of a panel: a count, and the query that reproduces it. */
export interface PanelItem extends CountBy {
  query: string;
  target?: PanelTarget;
}

/** A "top" entry (user, source address, host): events and failures among them. */
export interface TopItem extends PanelItem {
  failures: number;
}

export interface SeverityBucket {
  bucket: string;
  bySeverity: Record<Severity, number>;
  /** The bucket's time window (`@timestamp:[… TO …}`). */
  query: string;
  /** One query per stacked segment (window AND severity). */
  queries: Record<Severity, string>;
}

export interface ServiceBucket {
  bucket: string;
  /** Events per hub service (`services` lists the keys, most active first). */
  byService: Record<string, number>;
  query: string;
  queries: Record<string, string>;
}

export interface CountPoint {
  bucket: string;
  count: number;
  query: string;
}

export type AnomalyReason = 'volume' | 'night' | 'break_glass';

/** One user-day of access traces worth a look. */
export interface AccessAnomaly {
  /** UTC day start. */
  day: string;
  user: string;
  accesses: number;
  /** Distinct patient pseudonyms that day. */
  patients: number;
  /** Accesses 20:00–07:00 Europe/Paris. */
  night: number;
  breakGlass: number;
  /** Medians over the user's other active days of the baseline (0 when none). */
  medianPatients: number;
  medianNight: number;
  baselineDays: number;
  reasons: AnomalyReason[];
  /** The user's accesses that day. */
  query: string;
  nightQuery: string;
  breakGlassQuery: string;
}

export interface AccessAnomalies {
  rules: {
    minPatients: number;
    patientsFactor: number;
    minNight: number;
    nightFactor: number;
    nightStart: string;
    nightEnd: string;
    timeZone: string;
    baselineDays: number;
  };
  /** Accesses to patient records (events carrying a pseudonym) in the summary's day window. */
  accesses: PanelItem;
  /** Night accesses; its query lists the night windows, or (ranges beyond ~50 days, too long for one query) all accesses. */
  night: PanelItem;
  breakGlass: PanelItem;
  /** Break-glass accesses per bucket of `series`. */
  breakGlassSeries: CountPoint[];
  /** Most notable first (more reasons, then more patients); at most 100. */
  flagged: AccessAnomaly[];
  flaggedTotal: number;
}

export interface WeeklyResponse {
  /** Monday 00:00 UTC. */
  weekStart: string;
  weekEnd: string;
  /** Alerts first seen that week: first_seen → acknowledgement. */
  mtta: DurationStat & { pending: number };
  /** Incidents created that week: creation → clôture. */
  mttr: DurationStat & { open: number };
  incidents: number;
  query: string;
  target: 'incidents';
}

/** An open legal clock (ARS declaration, CNIL notification) from `legal.deadlines`, most urgent first. */
export type LegalDeadlineItem = Deadline & { query: string; target: 'legal' };

// ---------------------------------------------------------------- patient access report

export const REPORT_ROLES: readonly Role[] = ['dpo', 'admin', 'rssi'];
/** Default window: 6 rolling months (the retention window of access traces). */
export const DEFAULT_REPORT_MONTHS = 6;
/** Rows a report holds at most (`truncated` beyond). */
export const REPORT_MAX_ROWS = 50_000;

export interface PatientAccessRow {
  id: number;
  at: string;
  user: string | null;
  userId: string | null;
  role: string | null;
  service: string;
  action: string;
  object: string | null;
  sourceIp: string | null;
  host: string | null;
  purpose: string | null;
  outcome: string;
  breakGlass: boolean;
  /** 20:00–07:00 Europe/Paris. */
  night: boolean;
}

export interface PatientAccessSummary {
  total: number;
  users: number;
  breakGlass: number;
  failures: number;
  night: number;
  first: string | null;
  last: string | null;
  byService: CountBy[];
  /** Per user: accesses, with the roles seen. */
  byUser: (CountBy & { role: string | null })[];
  byAction: CountBy[];
}

export interface PatientAccessReport {
  pseudonym: string;
  from: string;
  to: string;
  months: number;
  generatedAt: string;
  operator: string;
  /** Oldest first. */
  rows: PatientAccessRow[];
  truncated: boolean;
  summary: PatientAccessSummary;
}

export interface PatientAccessPdf {
  pseudonym: string;
  filename: string;
  mime: 'application/pdf';
  base64: string;
  sha256: string;
  rows: number;
  pages: number;
}

const pseudonym = z.string().trim().toUpperCase().pipe(z.string().regex(/^P-[A-Z2-7]{16}$/));
/** The identifier is pseudonymised with the vault key on arrival; it is never stored, logged nor returned. */
const identifier = z
  .object({ identifier: z.string().trim().min(1).max(64), system: z.string().trim().min(1).max(64).optional() })
  .strict();

export const patientAccessInput = z
  .object({
    patient: z.union([pseudonym, identifier]),
    months: z.number().int().min(1).max(120).default(DEFAULT_REPORT_MONTHS),
    /** End of the window; default now. */
    to: isoDate.optional(),
  })
  .strict();

export const reportOps = {
  'reports.patientAccess': op<PatientAccessReport>()(patientAccessInput, REPORT_ROLES),
  'reports.patientAccessPdf': op<PatientAccessPdf>()(patientAccessInput, REPORT_ROLES),
} as const;
