import { appendFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportRow } from '../../../../main/api/ops/ingest';
import { startDropFolder } from '../../../../main/ingest/pipeline/drop-folder';
import { stopIngest } from '../../../../main/ingest/pipeline/runtime';
import { count, syslogLine, tempDir, tempVault, write } from './helpers';

const HOUR = 3_600_000;
const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => syslogLine(from + i) + '\n').join('');

describe('watched drop folder', () => {
  it('imports a file once its size is stable, never twice (restarts included); a grown file adds its new lines', async () => {
    const { db } = await tempVault();
    const folder = await tempDir('vigie-drop-');
    await write(folder, 'sri.log', lines(0, 100));
    const imported: ImportRow[] = [];
    const options = { db, folder, intervalMs: HOUR, onImported: (r: ImportRow) => imported.push(r) };
    const w1 = startDropFolder(options);
    await w1.idle(); // first sighting
    await w1.poll(); // second sighting, same size: imported
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ status: 'done', stored: 100 });
    await w1.poll();
    await w1.poll();
    expect(imported).toHaveLength(1);
    await w1.stop();

    const w2 = startDropFolder(options); // as after a restart
    await w2.idle();
    await w2.poll();
    await w2.poll();
    expect(imported).toHaveLength(1);
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM imports'))?.n).toBe(1);

    await appendFile(path.join(folder, 'sri.log'), lines(100, 20));
    await w2.poll(); // size changed: wait
    expect(imported).toHaveLength(1);
    await w2.poll();
    expect(imported[1]).toMatchObject({ status: 'done', stored: 20, duplicates: 100 });
    expect(await count(db, 'events')).toBe(120);
    await w2.stop();
  });

  it('waits while a file is still growing, skips hidden files, moves processed files to .imported/', async () => {
    const { db } = await tempVault();
    const folder = await tempDir('vigie-drop-');
    await write(folder, '.partial.log', lines(0, 5));
    await mkdir(path.join(folder, 'pacs'));
    const f = await write(path.join(folder, 'pacs'), 'audit.log', lines(10, 5));
    const w = startDropFolder({ db, folder, intervalMs: HOUR, moveProcessed: true });
    await w.idle(); // first sighting
    await appendFile(f, lines(15, 5)); // still being written between the two polls
    await w.poll();
    expect(await count(db, 'events')).toBe(0);
    await w.poll();
    expect(await count(db, 'events')).toBe(10);
    expect(await readdir(path.join(folder, '.imported'))).toEqual(['pacs__audit.log']);
    expect(await readdir(path.join(folder, 'pacs'))).toEqual([]);
    expect((await readdir(folder)).sort()).toEqual(['.imported', '.partial.log', 'pacs']);
    // A file with the same content dropped again is recognised and moved without a second import.
    await write(folder, 'again.log', lines(10, 10));
    await w.poll();
    await w.poll();
    expect((await readdir(path.join(folder, '.imported'))).sort()).toEqual(['again.log', 'pacs__audit.log']);
    expect((await db.get<{ n: number }>('SELECT count(*) AS n FROM imports'))?.n).toBe(1);
    await stopIngest(db); // lock: stops the watcher with the runtime
    await write(folder, 'after-lock.log', lines(50, 3));
    await w.poll();
    await w.poll();
    expect(await count(db, 'events')).toBe(10);
  });
});
