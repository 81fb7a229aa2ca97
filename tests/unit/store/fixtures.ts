import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Db } from '../../../main/store/db';
import { createVault, type OpenedVault } from '../../../main/store/vault';

/** Cheap Argon2id cost for tests (the default 64 MiB × 3 is exercised once in kdf.test.ts). */
export const FAST_KDF = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
export const PASS = 'Rivière-Lune-Chaton-42-Brume';

const dirs: string[] = [];
const dbs: Db[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

export async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'vigie-store-'));
  dirs.push(d);
  return d;
}

/** Closes `db` after the test even if it fails. */
export function track<T extends { db: Db }>(v: T): T {
  dbs.push(v.db);
  return v;
}

export async function newVault(dir?: string, passphrase = PASS): Promise<OpenedVault & { dir: string }> {
  const d = dir ?? (await tempDir());
  const v = track(await createVault(d, passphrase, { kdf: FAST_KDF, skipStrengthCheck: true }));
  return { ...v, dir: d };
}

/** A vault created then closed (locked): what is on disk between sessions. */
export async function lockedVault(passphrase = PASS): Promise<string> {
  const v = await newVault(undefined, passphrase);
  await v.db.close();
  return v.dir;
}

/** sha256 of every file in `dir`, by name: equal snapshots = no byte changed and no file added/removed. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    out[name] = createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex');
  }
  return out;
}

/** Awaits `p` and returns the error it rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ code?: string; message: string; details?: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string; details?: unknown };
  }
  throw new Error('expected a rejection');
}
