/**
 * Contract operations of detection (main/detect/service) and of the alert
 * workflow (main/alerts): rules, live validation, "test on the last N days",
 * retro-hunts, alert triage, suppressions, watch-list and care relationships.
 * zod and types only (the renderer imports types).
 */
import { z } from 'zod';
import type { AlertRow, EventRow } from '../contract';
import { isoDate, none, op, WRITERS } from './define';

export const ALERT_STATUS_VALUES = ['nouvelle', 'prise_en_compte', 'faux_positif', 'vrai_positif', 'close'] as const;
export const WATCH_CATEGORIES = ['vip', 'personnel', 'famille', 'autre'] as const;
export type WatchCategory = (typeof WATCH_CATEGORIES)[number];
export type RuleLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** One Sigma document known to Vigie (shipped, imported or written in Vigie). */
export interface DetectionRuleRow {
  id: string;
  title: string;
  kind: 'rule' | 'correlation' | 'filter' | 'unknown';
  level: RuleLevel | null;
  status: string | null;
  enabled: boolean;
  origin: 'builtin' | 'imported' | 'custom';
  /** `product=vigie category=patient_access service=*` (correlations: their type). */
  logsource: string;
  description: string;
  /** True when matches raise alerts (false: only feeds a correlation). */
  generates: boolean;
  /** Why an enabled document did not load (code and reason), else null. */
  rejected: { code: string; reason: string } | null;
  file: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface RuleDetail extends DetectionRuleRow {
  text: string;
}

export interface RuleProblem {
  file: string;
  /** Index of the document in its file. */
  doc: number;
  id: string | null;
  title: string | null;
  /** 1-based line in the text given, when it could be located. */
  line: number | null;
  code: string;
  reason: string;
}

export interface RuleImportReport {
  documents: number;
  loaded: { id: string; title: string; file: string }[];
  rejected: RuleProblem[];
}

export interface RuleValidation {
  ok: boolean;
  documents: { id: string | null; title: string | null; kind: DetectionRuleRow['kind'] }[];
  problems: RuleProblem[];
}

export interface RuleTestHit {
  ruleId: string;
  title: string;
  level: RuleLevel | null;
  at: string;
  groupKey: string;
  eventIds: number[];
}

export interface RuleTestResult {
  scanned: number;
  total: number;
  hits: RuleTestHit[];
  /** True when the scan stopped at its event limit before the end of the range. */
  truncated: boolean;
  problems: RuleProblem[];
}

export interface DetectionLoadReport {
  documents: number;
  loaded: { rules: number; correlations: number; filters: number; total: number };
  rejected: number;
  byCode: Record<string, number>;
  rejections: RuleProblem[];
  warnings: string[];
}

export interface RetroTask {
  taskId: string;
  from: string;
  to: string;
  ruleIds: string[] | null;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  scanned: number;
  total: number;
  /** Matches found (base rules and correlations that report). */
  hits: number;
  /** New alerts this hunt created. */
  alertsCreated: number;
  /** Matches grouped into alerts that existed before the hunt (e.g. raised by live detection): joined or already there. */
  matchesInExisting: number;
  /** How many distinct pre-existing alerts those matches belong to. */
  existingAlerts: number;
  /** Matches silenced by a suppression rule. */
  suppressed: number;
  startedAt: string;
  endedAt: string | null;
  message: string | null;
}

export interface DetectionStatus {
  running: boolean;
  rules: number;
  correlations: number;
  rejected: number;
  /** Last event id processed by live detection and the newest stored. */
  cursor: number;
  latestEventId: number;
  /** Events written but not yet examined. */
  lag: number;
  processed: number;
  lastError: string | null;
  tasks: RetroTask[];
}

export interface AlertHistoryEntry {
  id: number;
  at: string;
  actor: string;
  field: 'created' | 'status' | 'assignee' | 'incident';
  from: string | null;
  to: string | null;
}

export interface AlertComment {
  id: number;
  at: string;
  author: string;
  text: string;
}

export interface AlertDetail extends AlertRow {
  assignee: string | null;
  createdAt: string;
  /** The matching events, oldest first (at most 500; `eventCount` is the total). */
  events: EventRow[];
  comments: AlertComment[];
  history: AlertHistoryEntry[];
  rule: { id: string; title: string; description: string; falsepositives: string[] } | null;
}

export interface SuppressionRow {
  id: number;
  ruleId: string;
  fields: Record<string, string>;
  reason: string;
  expiresAt: string;
  active: boolean;
  createdBy: string;
  createdAt: string;
  hits: number;
  lastHitAt: string | null;
}

export interface WatchlistEntry {
  id: number;
  pseudonym: string;
  category: WatchCategory;
  label: string;
  /** Set: watched for this user only (a relative, same family name). */
  userName: string | null;
  addedBy: string;
  addedAt: string;
}

/** Working hours (main/detect/service/working-hours.ts): what "off hours" means for the rules. */
export interface WorkingHoursSetting {
  /** First working hour, 0–23. */
  start: number;
  /** End of the working day, 1–24 (exclusive). */
  end: number;
  /** ISO weekdays worked, 1 Monday … 7 Sunday. */
  days: number[];
}

const id = z.number().int().positive();
const ruleId = z.string().trim().min(1).max(200);
const yamlText = z.string().min(1).max(4 * 1024 * 1024);
const userName = z.string().trim().min(1).max(200);
const PSEUDONYM = /^P-[A-Z2-7]{16}$/;

export const detectionOps = {
  'detection.status': op<DetectionStatus>()(none, 'any', false),
  'detection.rules.list': op<DetectionRuleRow[]>()(none, 'any'),
  'detection.rules.get': op<RuleDetail>()(z.object({ id: ruleId }).strict(), 'any'),
  'detection.rules.setEnabled': op<DetectionRuleRow>()(z.object({ id: ruleId, enabled: z.boolean() }).strict(), WRITERS),
  'detection.rules.import': op<RuleImportReport>()(
    z.object({ files: z.array(z.object({ name: z.string().trim().min(1).max(300), text: yamlText }).strict()).min(1).max(200) }).strict(),
    WRITERS,
  ),
  'detection.rules.validate': op<RuleValidation>()(z.object({ text: z.string().max(4 * 1024 * 1024) }).strict(), 'any', false),
  'detection.rules.save': op<RuleValidation>()(z.object({ id: ruleId.optional(), text: yamlText }).strict(), WRITERS),
  'detection.rules.testRecent': op<RuleTestResult>()(
    z
      .object({ text: yamlText.optional(), ruleId: ruleId.optional(), days: z.number().int().min(1).max(30).default(7) })
      .strict()
      .refine((v) => (v.text === undefined) !== (v.ruleId === undefined), { message: 'text or ruleId (exactly one)' }),
    'any',
  ),
  'detection.retroHunt': op<{ taskId: string }>()(
    z
      .object({ from: isoDate, to: isoDate, ruleIds: z.array(ruleId).min(1).max(1000).optional() })
      .strict()
      .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: 'from must be before to' }),
    WRITERS,
  ),
  'detection.cancel': op<{ cancelled: boolean }>()(z.object({ taskId: z.string().min(1).max(100) }).strict(), WRITERS),
  'detection.report': op<DetectionLoadReport>()(none, 'any'),
  'alerts.get': op<AlertDetail>()(z.object({ id }).strict(), 'any'),
  'alerts.update': op<AlertDetail>()(
    z
      .object({ id, status: z.enum(ALERT_STATUS_VALUES).optional(), assignee: z.string().trim().max(120).nullable().optional() })
      .strict(),
    WRITERS,
  ),
  'alerts.comment': op<AlertComment>()(z.object({ id, text: z.string().trim().min(1).max(10_000) }).strict(), WRITERS),
  'alerts.promote': op<{ incidentId: number }>()(z.object({ id }).strict(), WRITERS),
  'alerts.attach': op<{ incidentId: number }>()(z.object({ id, incidentId: id }).strict(), WRITERS),
  'alerts.suppressions.list': op<SuppressionRow[]>()(z.object({ includeExpired: z.boolean().default(false) }).strict(), 'any'),
  'alerts.suppressions.create': op<SuppressionRow>()(
    z
      .object({
        ruleId,
        fields: z.record(z.string().trim().min(1).max(200), z.string().max(500)).refine((f) => Object.keys(f).length > 0 && Object.keys(f).length <= 10, {
          message: '1 to 10 fields',
        }),
        reason: z.string().trim().min(3).max(2000),
        expiresAt: isoDate,
      })
      .strict(),
    WRITERS,
  ),
  'alerts.suppressions.delete': op<{ deleted: boolean }>()(z.object({ id }).strict(), WRITERS),
  'detection.workingHours.get': op<WorkingHoursSetting>()(none, 'any'),
  'detection.workingHours.set': op<WorkingHoursSetting>()(
    z
      .object({
        start: z.number().int().min(0).max(23),
        end: z.number().int().min(1).max(24),
        days: z.array(z.number().int().min(1).max(7)).max(7),
      })
      .strict()
      .refine((v) => v.start < v.end, { message: 'start must be before end' }),
    WRITERS,
  ),
  'watchlist.list': op<WatchlistEntry[]>()(none, 'any'),
  'watchlist.add': op<WatchlistEntry>()(
    z
      .object({
        pseudonym: z.string().regex(PSEUDONYM).optional(),
        identifier: z.string().trim().min(1).max(200).optional(),
        system: z.string().trim().max(200).optional(),
        category: z.enum(WATCH_CATEGORIES),
        label: z.string().trim().max(200).default(''),
        userName: userName.optional(),
      })
      .strict()
      .refine((v) => (v.pseudonym === undefined) !== (v.identifier === undefined), { message: 'pseudonym or identifier (exactly one)' }),
    WRITERS,
  ),
  'watchlist.remove': op<{ removed: boolean }>()(z.object({ id }).strict(), WRITERS),
  'careRelationships.import': op<{ imported: number; users: number; rejected: { line: number; reason: string }[] }>()(
    z.object({ csv: z.string().min(1).max(64 * 1024 * 1024), replace: z.boolean().default(true) }).strict(),
    WRITERS,
  ),
} as const;
