import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../../../main/store/db';
import { openTempVault } from '../events/vault-fixture';

/** A real encrypted vault (all migrations) per test: `vault.db`. */
export function useVault(): { readonly db: Db } {
  const state: { db?: Db; dispose?: () => Promise<void> } = {};
  beforeEach(async () => {
    const v = await openTempVault();
    state.db = v.db;
    state.dispose = v.dispose;
  });
  afterEach(async () => {
    await state.dispose?.();
  });
  return {
    get db(): Db {
      if (!state.db) throw new Error('vault not open');
      return state.db;
    },
  };
}

export const T0 = Date.UTC(2026, 2, 10, 8, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export async function history(db: Db, incidentId: number): Promise<{ actor: string; field: string; from_value: string | null; to_value: string | null; ts: number }[]> {
  return db.all('SELECT actor, field, from_value, to_value, ts FROM incident_history WHERE incident_id = ? ORDER BY ts, id', [incidentId]);
}

let fp = 0;
/** Inserts one event directly (fields not given get neutral values); returns its id. */
export async function insertEvent(
  db: Db,
  e: { ts?: number; service?: string; user?: string | null; userId?: string | null; sourceIp?: string | null; destIp?: string | null; message?: string; original?: string },
): Promise<number> {
  fp++;
  const { lastID } = await db.run(
    `INSERT INTO events (ts, ingested, dataset, service, severity, category, action, outcome, user_name, user_id, source_ip, dest_ip, message, original, fingerprint)
     VALUES (?, ?, 'test.log', ?, 1, 'authentication', 'login', 'success', ?, ?, ?, ?, ?, ?, ?)`,
    [e.ts ?? T0, e.ts ?? T0, e.service ?? 'SRI', e.user ?? null, e.userId ?? null, e.sourceIp ?? null, e.destIp ?? null, e.message ?? 'm', e.original ?? 'raw', `fp-${fp}-${Math.random()}`],
  );
  return lastID;
}

export async function insertAlert(db: Db, a: { firstSeen?: number; severity?: number; status?: string; ruleId?: string; createdAt?: number; title?: string } = {}): Promise<number> {
  const first = a.firstSeen ?? T0;
  const { lastID } = await db.run(
    `INSERT INTO alerts (rule_id, title, severity, status, group_key, first_seen, last_seen, event_count, created_at)
     VALUES (?, ?, ?, ?, 'source.ip=185.220.101.47', ?, ?, 0, ?)`,
    [a.ruleId ?? 'sri.bruteforce', a.title ?? 'Force brute sur le SRI', a.severity ?? 3, a.status ?? 'nouvelle', first, first + MIN, a.createdAt ?? first + 2 * MIN],
  );
  return lastID;
}
