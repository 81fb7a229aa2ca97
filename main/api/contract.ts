/**
 * The one API contract of Vigie.
 *
 * Every operation the UI can call is declared here once: its name, the zod
 * schema of its input, the type of its output, and the roles allowed to call
 * it. Both transports (Electron IPC and the loopback HTTP bridge) serve this
 * table through the same dispatcher, and the renderer's client is typed from
 * it (type-only import: no engine code reaches the renderer bundle).
 *
 * This module must stay free of Node and Electron imports: zod only.
 */
import { z } from 'zod';
import type { DeadlineNotification } from './ops/legal';
import type { Role } from './ops/define';

import { ROLES, isoDate, none, op, pageInput, passphrase, timeRange } from './ops/define';
import type { AccessTrace, DashboardSummary, EventDetail, EventRow } from './ops/event-types';
import { reportOps } from './ops/dashboard';
import { alertListOps } from './ops/alerts';
import { detectionOps } from './ops/detection';
import { incidentOps } from './ops/incidents';
import { ingestOps } from './ops/ingest';
import { legalOps } from './ops/legal';
import { searchOps } from './ops/search';
import { sourceOps } from './ops/sources';

export { ROLES } from './ops/define';
export type { Access, Role } from './ops/define';

export const ERROR_CODES = [
  'VALIDATION',
  'FORBIDDEN',
  'LOCKED',
  'NOT_FOUND',
  'UNKNOWN_OPERATION',
  'UNAUTHORIZED',
  'VAULT_ABSENT',
  'VAULT_EXISTS',
  'WRONG_PASSPHRASE',
  'WEAK_PASSPHRASE',
  'VAULT_CORRUPT',
  'VAULT_TOO_NEW',
  'UNAVAILABLE',
  'CANCELLED',
  'CONFLICT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Optional structured detail (e.g. validation issues with their paths). */
  details?: unknown;
}

/** What every transport returns for every call. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------- shared types

export type VaultState = 'absent' | 'locked' | 'unlocked';
export type Locale = 'fr' | 'en';
export type Theme = 'light' | 'dark' | 'system';
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Operator {
  name: string;
  role: Role;
}

export interface VaultStatus {
  state: VaultState;
  /** Where the vault lives (a folder); shown in Paramètres. */
  dataDir: string;
  operator?: Operator;
  /** True where an OS keystore (Electron safeStorage) can remember the key. */
  rememberAvailable: boolean;
  /** True when a remembered key exists for this vault on this device. */
  remembered: boolean;
  schemaVersion?: number;
  /** Set when the vault files are damaged or incomplete (never overwritten): shown on the unlock screen. */
  problem?: ApiError;
}

export interface AppInfo {
  name: string;
  version: string;
  mode: 'electron' | 'browser' | 'cli';
  platform: string;
  dataDir: string;
  logDir: string;
}

export interface PassphraseStrength {
  /** 0 (trivial) .. 4 (strong); 3 is the minimum accepted. */
  score: number;
  acceptable: boolean;
  /** i18n keys or plain sentences from the strength estimator. */
  warning: string;
  suggestions: string[];
  minLength: number;
}

export interface Settings {
  locale: Locale;
  theme: Theme;
  /** Minutes of inactivity before the vault locks itself; 0 disables. */
  idleLockMinutes: number;
}

export interface AlertRow {
  id: number;
  ruleId: string;
  title: string;
  severity: Severity;
  status: 'nouvelle' | 'prise_en_compte' | 'faux_positif' | 'vrai_positif' | 'close';
  groupKey: string;
  firstSeen: string;
  lastSeen: string;
  eventCount: number;
  incidentId: number | null;
}

export interface DemoLoadResult {
  events: number;
  alerts: number;
  incidents: number;
  services: string[];
}

export interface JobInfo {
  name: string;
  description: string;
  schedule: string;
  running: boolean;
  lastRun: JobRun | null;
  nextRun: string | null;
}

export interface JobRun {
  id: number;
  job: string;
  trigger: 'schedule' | 'catch-up' | 'manual';
  startedAt: string;
  endedAt: string | null;
  outcome: 'running' | 'success' | 'failure' | 'skipped';
  message: string | null;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export const operations = {
  'app.info': op<AppInfo>()(none, 'public', false),
  'vault.status': op<VaultStatus>()(none, 'public', false),
  'vault.checkPassphrase': op<PassphraseStrength>()(
    z.object({ passphrase, userInputs: z.array(z.string().max(200)).max(10).default([]) }).strict(),
    'public',
  ),
  'vault.create': op<VaultStatus>()(
    z
      .object({
        passphrase,
        operator: z.object({ name: z.string().trim().min(1).max(120), role: z.enum(ROLES) }).strict(),
        remember: z.boolean().default(false),
      })
      .strict(),
    'public',
  ),
  'vault.unlock': op<VaultStatus>()(
    z.object({ passphrase, remember: z.boolean().default(false) }).strict(),
    'public',
  ),
  'vault.unlockRemembered': op<VaultStatus>()(none, 'public'),
  'vault.forget': op<VaultStatus>()(none, 'public'),
  'vault.lock': op<VaultStatus>()(none, 'any'),
  'session.activity': op<{ ok: true }>()(none, 'any'),
  'settings.get': op<Settings>()(none, 'any', false),
  'settings.update': op<Settings>()(
    z
      .object({
        locale: z.enum(['fr', 'en']).optional(),
        theme: z.enum(['light', 'dark', 'system']).optional(),
        idleLockMinutes: z.number().int().min(0).max(24 * 60).optional(),
      })
      .strict(),
    'any',
  ),
  'log.write': op<{ ok: true }>()(
    z
      .object({
        level: z.enum(['error', 'warn', 'info', 'debug']),
        message: z.string().max(4000),
        context: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    'public',
    false,
  ),
  'demo.load': op<DemoLoadResult>()(
    z.object({ seed: z.number().int().optional(), days: z.number().int().min(1).max(90).default(14) }).strict(),
    ['admin', 'rssi', 'taskforce'],
  ),
  'dashboard.summary': op<DashboardSummary>()(timeRange, 'any', false),
  'events.list': op<Page<EventRow>>()(
    pageInput.extend({ from: isoDate.optional(), to: isoDate.optional(), service: z.string().max(100).optional() }),
    'any',
  ),
  'events.get': op<EventDetail>()(z.object({ id: z.number().int().positive() }).strict(), 'any'),
  'traces.list': op<Page<AccessTrace>>()(
    pageInput.extend({
      from: isoDate.optional(),
      to: isoDate.optional(),
      user: z.string().max(200).optional(),
      patient: z.string().regex(/^P-[A-Z2-7]{16}$/).optional(),
      service: z.string().max(100).optional(),
      breakGlassOnly: z.boolean().default(false),
    }),
    'any',
  ),
  ...alertListOps,
  'jobs.list': op<JobInfo[]>()(none, ['admin', 'rssi', 'taskforce'], false),
  'jobs.runNow': op<JobRun>()(z.object({ name: z.string().max(100) }).strict(), ['admin']),
  ...detectionOps,
  ...incidentOps,
  ...ingestOps,
  ...legalOps,
  ...reportOps,
  ...searchOps,
  ...sourceOps,
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<N extends OpName> = z.input<Operations[N]['input']>;
export type OpParsedInput<N extends OpName> = z.output<Operations[N]['input']>;
export type OpOutput<N extends OpName> = NonNullable<Operations[N]['_out']>;

// ---------------------------------------------------------------- events (engine → UI)

export interface ProgressEvent {
  task: string;
  /** i18n key of the step being done. */
  step: string;
  done: number;
  total: number;
}

/** Progress of one file import / upload (about every 250 ms, and at the end). */
export interface ImportProgress {
  importId: number;
  origin: string;
  status: 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';
  bytesDone: number;
  bytesTotal: number | null;
  recordsIn: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  /** Empty lines skipped (not records). */
  blankLines: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
  message: string | null;
}

/** Health counters of a source (listener, connector, watched folder). */
export interface SourceHealth {
  sourceId: number;
  status: 'ok' | 'paused' | 'error' | 'starting';
  received: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  dropped: number;
  lastOkAt: string | null;
  lastError: string | null;
}

export interface EventPayloads {
  'vault.changed': VaultStatus;
  progress: ProgressEvent;
  'alert.new': AlertRow;
  'job.run': JobRun;
  'import.progress': ImportProgress;
  'source.health': SourceHealth;
  'legal.deadline': DeadlineNotification;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = [
  'vault.changed',
  'progress',
  'alert.new',
  'job.run',
  'import.progress',
  'source.health',
  'legal.deadline',
];

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

// Domain output types declared next to their operations, re-exported so the UI imports every type from the contract.
export type * from './ops/event-types';
export type * from './ops/ingest';
export type * from './ops/sources';
export type * from './ops/search';
export type * from './ops/detection';
export type * from './ops/incidents';
export type * from './ops/legal';
