import { z } from 'zod';
import type { Operator, Settings } from '../api/contract';
import { ROLES } from '../api/contract';
import type { Db } from '../store/db';

/** Settings and operator profile, stored as JSON in the vault's `settings` table. */

export const DEFAULT_SETTINGS: Settings = { locale: 'fr', theme: 'system', idleLockMinutes: 15 };

const settingsSchema = z.object({
  locale: z.enum(['fr', 'en']).catch('fr'),
  theme: z.enum(['light', 'dark', 'system']).catch('system'),
  idleLockMinutes: z.number().int().min(0).max(1440).catch(15),
});
const operatorSchema = z.object({ name: z.string().min(1), role: z.enum(ROLES) });

const SETTINGS_KEY = 'app.settings';
const OPERATOR_KEY = 'app.operator';

async function readJson(db: Db, key: string): Promise<unknown> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
  if (!row) return undefined;
  try {
    return JSON.parse(row.value);
  } catch {
    return undefined;
  }
}

async function writeJson(db: Db, key: string, value: unknown): Promise<void> {
  await db.run(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    [key, JSON.stringify(value)],
  );
}

export async function readSettings(db: Db): Promise<Settings> {
  const raw = await readJson(db, SETTINGS_KEY);
  return raw === undefined ? { ...DEFAULT_SETTINGS } : settingsSchema.parse({ ...DEFAULT_SETTINGS, ...(raw as object) });
}

export async function updateSettings(db: Db, patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings(db)), ...stripUndefined(patch) };
  await writeJson(db, SETTINGS_KEY, next);
  return next;
}

export async function readOperator(db: Db): Promise<Operator | undefined> {
  const parsed = operatorSchema.safeParse(await readJson(db, OPERATOR_KEY));
  return parsed.success ? parsed.data : undefined;
}

export async function writeOperator(db: Db, operator: Operator): Promise<void> {
  await writeJson(db, OPERATOR_KEY, operator);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
