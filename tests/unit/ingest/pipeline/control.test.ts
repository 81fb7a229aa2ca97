import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../../main/api/contract';
import { markInterruptedImports } from '../../../../main/ingest/pipeline/imports';
import { IngestRuntime } from '../../../../main/ingest/pipeline/runtime';
import { count, expectBalanced, importFile, runtime, syslogLine, tempDir, tempVault, write } from './helpers';

const N = 20_000;
const text = (n: number, from = 0) => Array.from({ length: n }, (_, i) => syslogLine(from + i) + '\n').join('');
const SMALL_BATCHES = { batchEvents: 500, readChunkBytes: 64 * 1024, progressMs: 20 };

/** Lines that end at or before `offset` in `data`. */
function linesBefore(data: string, offset: number): number {
  return data.slice(0, offset).split('\n').length - 1;
}

async function firstProgress(rt: IngestRuntime, id: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const off = rt.onProgress((p) => {
      if (p.importId === id && p.recordsIn > 0) {
        off();
        resolve();
      }
    });
  });
}

// Several imports of 20,000 lines each: generous timeouts for a busy CI machine.
describe('cancel, progress, interruption, resume', { timeout: 180_000 }, () => {
  it('cancel stops at a batch boundary with consistent counters; resume finishes the file', async () => {
    const { db } = await tempVault();
    const data = text(N);
    const file = await write(await tempDir(), 'long.log', data);
    const rt = runtime(db, SMALL_BATCHES);
    const [id] = await rt.importPaths([file]);
    await firstProgress(rt, id);
    const row = await rt.cancel(id);
    expect(row.status).toBe('cancelled');
    expect(row.resumable).toBe(true);
    expect(row.bytesDone).toBeGreaterThan(0);
    expect(row.bytesDone).toBeLessThan(data.length);
    expectBalanced(row);
    expect(row.recordsIn).toBe(linesBefore(data, row.bytesDone));
    expect(await count(db, 'events')).toBe(row.stored);

    await rt.resume(id);
    const done = await rt.wait(id);
    expect(done).toMatchObject({ status: 'done', recordsIn: N, stored: N, duplicates: 0, bytesDone: data.length });
    expect(await count(db, 'events')).toBe(N);
  });

  it('a .gz import cancelled mid-way resumes by decompressing and skipping what is stored', async () => {
    const { db } = await tempVault();
    const data = text(N);
    const file = await write(await tempDir(), 'long.log.gz', gzipSync(data));
    const rt = runtime(db, SMALL_BATCHES);
    const [id] = await rt.importPaths([file]);
    await firstProgress(rt, id);
    const row = await rt.cancel(id);
    expect(row).toMatchObject({ status: 'cancelled', gzip: true });
    expect(row.recordsIn).toBe(linesBefore(data, row.bytesDone));
    await rt.resume(id);
    expect(await rt.wait(id)).toMatchObject({ status: 'done', recordsIn: N, stored: N, duplicates: 0, bytesDone: data.length });
  });

  it('a queued import can be cancelled before it starts', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const a = await write(dir, 'a.log', text(3000));
    const b = await write(dir, 'b.log', text(10, 5000));
    const rt = runtime(db, SMALL_BATCHES);
    const [ia, ib] = await rt.importPaths([a, b]);
    expect((await rt.cancel(ib)).status).toBe('cancelled');
    expect((await rt.wait(ia))?.status).toBe('done');
    expect(await count(db, 'events')).toBe(3000);
  });

  it('emits import.progress while running and a final one', async () => {
    const { db } = await tempVault();
    const data = text(8000);
    const file = await write(await tempDir(), 'p.log', data);
    const { row, progress } = await importFile(runtime(db, SMALL_BATCHES), file);
    expect(row.status).toBe('done');
    const running = progress.filter((p) => p.status === 'running');
    expect(running.length).toBeGreaterThan(1);
    for (let i = 1; i < running.length; i++) expect(running[i].recordsIn).toBeGreaterThanOrEqual(running[i - 1].recordsIn);
    expect(running.some((p) => p.etaSeconds !== null && p.eventsPerSecond > 0)).toBe(true);
    const last = progress[progress.length - 1] as ImportProgress;
    expect(last).toMatchObject({
      importId: row.id, origin: file, status: 'done', bytesDone: data.length, bytesTotal: data.length,
      recordsIn: 8000, stored: 8000, quarantined: 0, duplicates: 0, etaSeconds: null,
    });
  });

  it('lock (runtime stop) interrupts: resumable, resumed by a new runtime', async () => {
    const { db } = await tempVault();
    const data = text(N);
    const file = await write(await tempDir(), 'i.log', data);
    const rt1 = new IngestRuntime(db, { limits: SMALL_BATCHES });
    const [id] = await rt1.importPaths([file]);
    await firstProgress(rt1, id);
    await rt1.stop();
    const row = await rt1.wait(id);
    expect(row?.status).toBe('interrupted');
    expect(row?.resumable).toBe(true);
    await expect(rt1.importPaths([file])).rejects.toMatchObject({ code: 'LOCKED' });
    const rt2 = runtime(db, SMALL_BATCHES);
    await rt2.resume(id);
    expect(await rt2.wait(id)).toMatchObject({ status: 'done', recordsIn: N, stored: N });
    expect(await count(db, 'events')).toBe(N);
  });

  it('at vault open, imports left running become interrupted', async () => {
    const { db } = await tempVault();
    await db.run("INSERT INTO imports (origin, identity, format, status, started_at) VALUES ('/x.log', '', 'auto', 'running', 1)");
    await db.run("INSERT INTO imports (origin, identity, format, status, started_at) VALUES ('/y.log', '', 'auto', 'done', 1)");
    expect(await markInterruptedImports(db)).toBe(1);
    expect(await db.all('SELECT origin, status FROM imports ORDER BY id')).toEqual([
      { origin: '/x.log', status: 'interrupted' },
      { origin: '/y.log', status: 'done' },
    ]);
  });

  it('resume refuses what cannot be resumed; a file changed since is reported, not mixed', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const file = await write(dir, 'c.log', text(N));
    const rt = runtime(db, SMALL_BATCHES);
    const { row } = await importFile(rt, file);
    await expect(rt.resume(row.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const [id] = await rt.importPaths([file]);
    await firstProgress(rt, id);
    await rt.cancel(id);
    await writeFile(file, text(N, 100_000)); // another content under the same name
    await rt.resume(id);
    const after = await rt.wait(id);
    expect(after?.status).toBe('failed');
    expect(after?.message).toMatch(/a changé/);
    await expect(rt.resume(999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
