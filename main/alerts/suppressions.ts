/**
 * Suppression rules: hits of a rule whose fields all equal given values
 * (e.g. `user.name = dr.martin`) are counted on the suppression instead of
 * raising an alert, until its expiry date (required) — with a reason (required).
 * Comparison is case-insensitive, on trimmed text.
 */
import type { SuppressionRow } from '../api/ops/detection';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';

interface SuppressionDbRow {
  id: number;
  rule_id: string;
  fields: string;
  reason: string;
  expires_at: number;
  created_by: string;
  created_at: number;
  hits: number;
  last_hit_at: number | null;
}

export interface ActiveSuppression {
  id: number;
  ruleId: string;
  fields: [string, string][];
}

function parseFields(json: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(json);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
  } catch {
    return {};
  }
}

function toRow(r: SuppressionDbRow, now: number): SuppressionRow {
  return {
    id: r.id,
    ruleId: r.rule_id,
    fields: parseFields(r.fields),
    reason: r.reason,
    expiresAt: new Date(r.expires_at).toISOString(),
    active: r.expires_at > now,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    hits: r.hits,
    lastHitAt: r.last_hit_at === null ? null : new Date(r.last_hit_at).toISOString(),
  };
}

export async function listSuppressions(db: Db, opts: { includeExpired?: boolean; now?: number } = {}): Promise<SuppressionRow[]> {
  const now = opts.now ?? Date.now();
  const rows = await db.all<SuppressionDbRow>(
    `SELECT * FROM alert_suppressions ${opts.includeExpired ? '' : 'WHERE expires_at > ?'} ORDER BY expires_at DESC, id DESC`,
    opts.includeExpired ? [] : [now],
  );
  return rows.map((r) => toRow(r, now));
}

export async function createSuppression(
  db: Db,
  input: { ruleId: string; fields: Record<string, string>; reason: string; expiresAt: string },
  actor: string,
  now = Date.now(),
): Promise<SuppressionRow> {
  const expires = Date.parse(input.expiresAt);
  if (!Number.isFinite(expires)) throw new VigieError('VALIDATION', 'Date d’expiration invalide.');
  if (expires <= now) throw new VigieError('VALIDATION', 'La date d’expiration doit être dans le futur.');
  const reason = input.reason.trim();
  if (!reason) throw new VigieError('VALIDATION', 'Le motif de la suppression est obligatoire.');
  const fields = Object.fromEntries(Object.entries(input.fields).map(([k, v]) => [k.trim(), v.trim()]));
  if (Object.keys(fields).length === 0) throw new VigieError('VALIDATION', 'Au moins un champ est requis.');
  const { lastID } = await db.run(
    'INSERT INTO alert_suppressions (rule_id, fields, reason, expires_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [input.ruleId, JSON.stringify(fields), reason, expires, actor, now],
  );
  const row = await db.get<SuppressionDbRow>('SELECT * FROM alert_suppressions WHERE id = ?', [lastID]);
  return toRow(row as SuppressionDbRow, now);
}

export async function deleteSuppression(db: Db, id: number): Promise<boolean> {
  return (await db.run('DELETE FROM alert_suppressions WHERE id = ?', [id])).changes > 0;
}

/** Suppressions in force at `now`, by rule id. */
export async function activeSuppressions(db: Db, now: number): Promise<Map<string, ActiveSuppression[]>> {
  const out = new Map<string, ActiveSuppression[]>();
  for (const r of await db.all<SuppressionDbRow>('SELECT * FROM alert_suppressions WHERE expires_at > ?', [now])) {
    const s = { id: r.id, ruleId: r.rule_id, fields: Object.entries(parseFields(r.fields)).map(([k, v]) => [k, v.toLowerCase()] as [string, string]) };
    out.set(r.rule_id, [...(out.get(r.rule_id) ?? []), s]);
  }
  return out;
}

/** The first suppression whose every field equals the hit's value of it. */
export function matchSuppression(list: readonly ActiveSuppression[] | undefined, valueOf: (field: string) => string | null): ActiveSuppression | null {
  for (const s of list ?? []) {
    if (s.fields.every(([f, v]) => (valueOf(f) ?? '').trim().toLowerCase() === v)) return s;
  }
  return null;
}
