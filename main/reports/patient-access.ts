/**
 * The patient access report: every access to one patient's record over a
 * window of rolling months (default 6, the retention window of access
 * traces), for a DPO answering a patient's request (GDPR Art. 15, CSP
 * L.1110-4). The patient is designated by pseudonym, or by identifier +
 * system, pseudonymised here with the vault key and then forgotten: the
 * identifier is never stored, logged, returned nor put in an error message.
 */
import { DateTime } from 'luxon';
import type { CountBy } from '../api/contract';
import {
  REPORT_MAX_ROWS,
  type PatientAccessReport,
  type PatientAccessRow,
  type PatientAccessSummary,
} from '../api/ops/dashboard';
import { VigieError } from '../api/errors';
import { nightSql } from '../events/rollups-paris';
import { Pseudonymiser } from '../privacy/pseudonym';
import type { Db } from '../store/db';
import { PARIS } from './labels';

export type PatientDesignation = string | { identifier: string; system?: string };

export interface PatientAccessInput {
  patient: PatientDesignation;
  months: number;
  to?: string;
}

/** The pseudonym of the designated patient; an identifier is pseudonymised with the vault key (and not kept). */
export async function resolvePseudonym(db: Db, patient: PatientDesignation): Promise<string> {
  if (typeof patient === 'string') return patient.trim().toUpperCase();
  const pseudonymiser = await Pseudonymiser.fromDb(db);
  try {
    return pseudonymiser.pseudonymise(patient.identifier, patient.system);
  } catch {
    throw new VigieError('VALIDATION', 'Identifiant patient invalide.');
  }
}

/** [from, to): `months` Paris calendar months back from `to` (default now). */
export function reportWindow(months: number, to: string | undefined, now: number): { from: number; to: number } {
  const end = to === undefined ? now : Date.parse(to);
  if (!Number.isFinite(end)) throw new VigieError('VALIDATION', 'Fin de période invalide.');
  const from = DateTime.fromMillis(end, { zone: PARIS }).minus({ months }).toMillis();
  return { from, to: end };
}

interface RowDb {
  id: number;
  ts: number;
  user_name: string | null;
  user_id: string | null;
  user_role: string | null;
  service: string;
  action: string;
  object: string | null;
  source_ip: string | null;
  host: string | null;
  purpose: string | null;
  outcome: string;
  break_glass: number;
  night: number;
}

async function summarise(db: Db, pseudonym: string, from: number, to: number): Promise<PatientAccessSummary> {
  const where = 'patient = ? AND ts >= ? AND ts < ?';
  const params = [pseudonym, from, to];
  const t = await db.get<{ total: number; users: number; bg: number | null; failures: number | null; night: number | null; first: number | null; last: number | null }>(
    `SELECT count(*) AS total, count(DISTINCT user_name) AS users, sum(break_glass) AS bg, sum(outcome = 'failure') AS failures,
            sum(${nightSql('ts', from, to)}) AS night, min(ts) AS first, max(ts) AS last
     FROM events WHERE ${where}`,
    params,
  );
  const group = (column: string) =>
    db.all<CountBy>(`SELECT ${column} AS key, count(*) AS count FROM events WHERE ${where} GROUP BY 1 ORDER BY count DESC, key`, params);
  const byUser = await db.all<CountBy & { role: string | null }>(
    `SELECT coalesce(user_name, '') AS key, count(*) AS count, group_concat(DISTINCT user_role) AS role FROM events
     WHERE ${where} GROUP BY 1 ORDER BY count DESC, key`,
    params,
  );
  return {
    total: t?.total ?? 0,
    users: t?.users ?? 0,
    breakGlass: t?.bg ?? 0,
    failures: t?.failures ?? 0,
    night: t?.night ?? 0,
    first: t?.first == null ? null : new Date(t.first).toISOString(),
    last: t?.last == null ? null : new Date(t.last).toISOString(),
    byService: await group('service'),
    byUser,
    byAction: await group('action'),
  };
}

/** Every access to the patient's record in the window, oldest first, with its summary. */
export async function patientAccessReport(
  db: Db,
  input: PatientAccessInput,
  ctx: { now: number; operator: string },
): Promise<PatientAccessReport> {
  const pseudonym = await resolvePseudonym(db, input.patient);
  const { from, to } = reportWindow(input.months, input.to, ctx.now);
  const rows = await db.all<RowDb>(
    `SELECT id, ts, user_name, user_id, user_role, service, action, object, source_ip, host, purpose, outcome, break_glass,
            ${nightSql('ts', from, to)} AS night
     FROM events WHERE patient = ? AND ts >= ? AND ts < ? ORDER BY ts, id LIMIT ?`,
    [pseudonym, from, to, REPORT_MAX_ROWS + 1],
  );
  const truncated = rows.length > REPORT_MAX_ROWS;
  return {
    pseudonym,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    months: input.months,
    generatedAt: new Date(ctx.now).toISOString(),
    operator: ctx.operator,
    rows: rows.slice(0, REPORT_MAX_ROWS).map(toRow),
    truncated,
    summary: await summarise(db, pseudonym, from, to),
  };
}

function toRow(r: RowDb): PatientAccessRow {
  return {
    id: r.id,
    at: new Date(r.ts).toISOString(),
    user: r.user_name,
    userId: r.user_id,
    role: r.user_role,
    service: r.service,
    action: r.action,
    object: r.object,
    sourceIp: r.source_ip,
    host: r.host,
    purpose: r.purpose,
    outcome: r.outcome,
    breakGlass: r.break_glass === 1,
    night: r.night === 1,
  };
}
