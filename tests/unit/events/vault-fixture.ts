import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../../main/store/db';
import { createVault } from '../../../main/store/vault';

/** A real encrypted vault (cheap KDF) in a fresh temp folder; `dispose` closes and removes it. */
export async function openTempVault(): Promise<{ db: Db; dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vigie-events-'));
  const { db, key } = await createVault(dir, 'Rivière-Lune-Chaton-42-Brume', {
    kdf: { memoryKiB: 1024, iterations: 1, parallelism: 1 },
    skipStrengthCheck: true,
  });
  key.fill(0);
  return {
    db,
    dir,
    dispose: async () => {
      await db.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
