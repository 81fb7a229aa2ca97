/**
 * Who this Vigie is when it shares: a UUID v4 created once per vault (MISP
 * `Orgc.uuid`, STIX `identity` id, bundle `source.uuid`), when it was created,
 * and a display name (admin-editable). Stored in `settings` under
 * `sharing.identity`.
 */
import type { SharingIdentity } from '../../api/ops/legal';
import type { Db } from '../../store/db';
import { cleanLabel } from '../model';
import { UUID_V4, uuidV4 } from './uuid';

const KEY = 'sharing.identity';
export const DEFAULT_SHARING_NAME = 'Task force cybersécurité santé régionale';

async function write(db: Db, identity: SharingIdentity): Promise<void> {
  await db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [
    KEY,
    JSON.stringify(identity),
  ]);
}

export async function getSharingIdentity(db: Db, now = Date.now()): Promise<SharingIdentity> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [KEY]);
  if (row) {
    try {
      const v = JSON.parse(row.value) as Partial<SharingIdentity>;
      if (typeof v.uuid === 'string' && UUID_V4.test(v.uuid) && typeof v.name === 'string' && v.name && typeof v.createdAt === 'string') {
        return { uuid: v.uuid, name: v.name, createdAt: v.createdAt };
      }
    } catch {
      // unreadable: a new identity replaces it
    }
  }
  const identity = { uuid: uuidV4(), name: DEFAULT_SHARING_NAME, createdAt: new Date(now).toISOString() };
  await write(db, identity);
  return identity;
}

export async function setSharingName(db: Db, name: string): Promise<SharingIdentity> {
  const current = await getSharingIdentity(db);
  const next = { ...current, name: cleanLabel(name) || current.name };
  await write(db, next);
  return next;
}
