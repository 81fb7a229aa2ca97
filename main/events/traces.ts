import type { AccessTrace, Page } from '../api/contract';
import type { Db } from '../store/db';
import { toEpochMs } from './columns';

export interface TraceFilter {
  from?: string;
  to?: string;
  user?: string;
  patient?: string;
  service?: string;
  breakGlassOnly?: boolean;
  limit: number;
  offset: number;
}

interface TraceDbRow {
  id: number;
  ts: number;
  service: string;
  user_name: string | null;
  user_role: string | null;
  patient: string;
  action: string;
  object: string | null;
  source_ip: string | null;
  purpose: string | null;
  break_glass: number;
  outcome: string;
}

/**
 * The access-trace view: events that concern a patient's record (a pseudonym is present),
 * newest first — who accessed which record, what they did, when, from where, why, with what outcome.
 */
export async function listAccessTraces(db: Db, f: TraceFilter): Promise<Page<AccessTrace>> {
  const where = ['patient IS NOT NULL'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (f.from) add('ts >= ?', toEpochMs(f.from, 'from'));
  if (f.to) add('ts < ?', toEpochMs(f.to, 'to'));
  if (f.user) add('user_name = ?', f.user);
  if (f.patient) add('patient = ?', f.patient);
  if (f.service) add('service = ?', f.service);
  if (f.breakGlassOnly) where.push('break_glass = 1');
  const clause = where.join(' AND ');
  const total = await db.get<{ n: number }>(`SELECT count(*) AS n FROM events WHERE ${clause}`, params);
  const rows = await db.all<TraceDbRow>(
    `SELECT id, ts, service, user_name, user_role, patient, action, object, source_ip, purpose, break_glass, outcome
     FROM events WHERE ${clause} ORDER BY ts DESC, id DESC LIMIT ? OFFSET ?`,
    [...params, f.limit, f.offset],
  );
  return {
    total: total?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      '@timestamp': new Date(r.ts).toISOString(),
      'service.name': r.service,
      'user.name': r.user_name,
      'user.roles': r.user_role,
      'health.patient.pseudonym': r.patient,
      'event.action': r.action,
      'health.object': r.object,
      'source.ip': r.source_ip,
      'health.purpose_of_use': r.purpose,
      'health.break_glass': r.break_glass === 1,
      'event.outcome': r.outcome,
    })),
  };
}
