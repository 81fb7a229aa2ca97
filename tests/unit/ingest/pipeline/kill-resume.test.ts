import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { markInterruptedImports } from '../../../../main/ingest/pipeline/imports';
import { openVault } from '../../../../main/store/vault';
import { createVault } from '../../../../main/store/vault';
import { FAST_KDF, PASS } from './helpers-const';
import { count, runtime, syslogLine, tempDir, write } from './helpers';

const N = 30_000;

describe('kill -9 in the middle of an import', () => {
  it('leaves no partial batch and no duplicate; the import resumes to exactly one event per line', async () => {
    const dir = await tempDir('vigie-kill-');
    const created = await createVault(dir, PASS, { kdf: FAST_KDF, skipStrengthCheck: true });
    created.key.fill(0);
    await created.db.close();
    const data = Array.from({ length: N }, (_, i) => syslogLine(i) + '\n').join('');
    const file = await write(await tempDir(), 'big.log', data);

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'import-child.ts'), dir, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let killedAt = -1;
    for await (const line of createInterface({ input: child.stdout })) {
      const p = JSON.parse(line) as { recordsIn?: number; final?: unknown };
      if (p.final) break;
      if ((p.recordsIn ?? 0) >= 5000) {
        killedAt = p.recordsIn ?? 0;
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThan(0);

    const { db, key } = await openVault(dir, PASS);
    key.fill(0);
    try {
      const before = await db.get<{ id: number; status: string; bytes_done: number; records_in: number; stored: number }>(
        'SELECT id, status, bytes_done, records_in, stored FROM imports',
      );
      expect(before?.status).toBe('running'); // what a crash leaves
      expect(await markInterruptedImports(db)).toBe(1);
      const events = await count(db, 'events');
      const distinct = (await db.get<{ n: number }>('SELECT count(DISTINCT fingerprint) AS n FROM events'))?.n;
      expect(distinct).toBe(events);
      // The row and the events were committed together: its resume point is exactly after `stored` lines.
      expect(events).toBe(before!.stored);
      expect(before!.records_in).toBe(events);
      expect(data.slice(0, before!.bytes_done).split('\n').length - 1).toBe(events);
      expect(events).toBeLessThan(N);

      const rt = runtime(db);
      await rt.resume(before!.id);
      const row = await rt.wait(before!.id);
      expect(row).toMatchObject({ status: 'done', recordsIn: N, stored: N, duplicates: 0, bytesDone: data.length });
      expect(await count(db, 'events')).toBe(N);
      expect((await db.get<{ n: number }>('SELECT count(DISTINCT fingerprint) AS n FROM events'))?.n).toBe(N);
    } finally {
      await db.close();
    }
  }, 180_000);
});
