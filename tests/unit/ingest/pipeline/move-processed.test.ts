import { existsSync, statSync } from 'node:fs';
import { link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportRow } from '../../../../main/api/ops/ingest';
import { startDropFolder } from '../../../../main/ingest/pipeline/drop-folder';
import { fullyAccounted, moveProcessedFile } from '../../../../main/ingest/pipeline/move-processed';
import { folderConfig } from '../../../../main/sources/config';
import { count, syslogLine, tempDir, tempVault, write } from './helpers';

const HOUR = 3_600_000;
const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => syslogLine(from + i) + '\n').join('');

/** Two polls: first sighting, then stable → imported (and moved). */
async function settle(w: { poll(): Promise<void>; idle(): Promise<void> }) {
  await w.idle();
  await w.poll();
}

/** A folder on another device than the temp dir (tmpfs), to exercise the copy path; null when there is none. */
const SHM = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(process.env.TMPDIR ?? '/tmp').dev ? '/dev/shm' : null;
const shmDirs: string[] = [];
afterEach(async () => {
  for (const d of shmDirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('folder source: move after import', () => {
  it('moves each fully imported file to the chosen processed folder (outside or inside the watched one), never re-imported', async () => {
    const { db } = await tempVault();
    const folder = await tempDir('vigie-drop-');
    const processed = path.join(await tempDir('vigie-done-'), 'traités');
    await mkdir(path.join(folder, 'pacs'));
    await write(path.join(folder, 'pacs'), 'audit.log', lines(0, 5));
    await write(folder, 'sri.log', lines(10, 5));
    const moved: string[] = [];
    const w = startDropFolder({ db, folder, intervalMs: HOUR, moveProcessed: true, processedFolder: processed, onMoved: (_f, to) => moved.push(to) });
    await settle(w);
    expect(await count(db, 'events')).toBe(10);
    expect((await readdir(processed)).sort()).toEqual(['pacs__audit.log', 'sri.log']);
    expect(await readdir(folder)).toEqual(['pacs']);
    expect(await readFile(path.join(processed, 'sri.log'), 'utf8')).toBe(lines(10, 5));
    expect(moved.sort()).toEqual([path.join(processed, 'pacs__audit.log'), path.join(processed, 'sri.log')]);
    await w.stop();

    // A processed folder inside the watched one is not watched: nothing imported twice.
    const { db: db2 } = await tempVault();
    const inner = path.join(folder, 'traites');
    await write(folder, 'ror.log', lines(20, 3));
    const w2 = startDropFolder({ db: db2, folder, intervalMs: HOUR, moveProcessed: true, processedFolder: inner });
    await settle(w2);
    await w2.poll();
    await w2.poll();
    expect(await readdir(inner)).toEqual(['ror.log']);
    expect((await db2.get<{ n: number }>('SELECT count(*) AS n FROM imports'))?.n).toBe(1);
    expect(await count(db2, 'events')).toBe(3);
    await w2.stop();
  });

  it('never moves a file that was not fully stored or quarantined (decompression stopped), nor one changed since its import', async () => {
    const { db } = await tempVault();
    const folder = await tempDir('vigie-drop-');
    const good = gzipSync(Buffer.from(lines(0, 50)));
    await write(folder, 'cut.log.gz', good.subarray(0, Math.floor(good.length / 2))); // truncated gzip
    await write(folder, 'ok.log', lines(100, 4));
    const rows: ImportRow[] = [];
    const w = startDropFolder({ db, folder, intervalMs: HOUR, moveProcessed: true, onImported: (r) => rows.push(r) });
    await settle(w);
    const cut = rows.find((r) => r.origin.endsWith('cut.log.gz'));
    expect(cut).toMatchObject({ status: 'done', message: expect.stringMatching(/Décompression arrêtée/) });
    expect(fullyAccounted(cut!)).toBe(false);
    expect((await readdir(folder)).sort()).toEqual(['.imported', 'cut.log.gz']);
    expect(await readdir(path.join(folder, '.imported'))).toEqual(['ok.log']);
    await w.stop();

    // Changed between its import and the move: stays (it will be imported again, new records only).
    const f = await write(folder, 'grown.log', lines(200, 2));
    const before = await stat(f);
    await writeFile(f, lines(200, 3));
    expect(await moveProcessedFile(f, folder, path.join(folder, '.imported'), { size: before.size, mtimeMs: before.mtimeMs })).toBeNull();
    expect(existsSync(f)).toBe(true);
  });

  it('is crash-safe: a file left at both places (killed between link and unlink) is not copied twice', async () => {
    const folder = await tempDir('vigie-drop-');
    const processed = await tempDir('vigie-done-');
    const f = await write(folder, 'sri.log', lines(0, 3));
    await link(f, path.join(processed, 'sri.log')); // the state a kill after the link leaves
    const st = await stat(f);
    expect(await moveProcessedFile(f, folder, processed, st)).toBe(path.join(processed, 'sri.log'));
    expect(await readdir(processed)).toEqual(['sri.log']);
    expect(existsSync(f)).toBe(false);
    // Another file of the same name but different content keeps both.
    const g = await write(folder, 'sri.log', lines(10, 3));
    expect(await moveProcessedFile(g, folder, processed, await stat(g))).toBe(path.join(processed, 'sri-1.log'));
  });

  it.skipIf(SHM === null)('moves across devices by copy: no partial file left, a stale one replaced, a complete copy recognised', async () => {
    const folder = await tempDir('vigie-drop-');
    const processed = await mkdtemp(path.join(SHM!, 'vigie-done-'));
    shmDirs.push(processed);
    const f = await write(folder, 'a.log', lines(0, 20));
    await writeFile(path.join(processed, '.a.log.partial'), 'half a cop'); // a kill during a copy
    expect(await moveProcessedFile(f, folder, processed, await stat(f))).toBe(path.join(processed, 'a.log'));
    expect(await readdir(processed)).toEqual(['a.log']);
    expect(await readFile(path.join(processed, 'a.log'), 'utf8')).toBe(lines(0, 20));
    expect(existsSync(f)).toBe(false);
    // Killed after the copy was complete but before the source was removed: recognised by its bytes.
    const again = await write(folder, 'a.log', lines(0, 20));
    expect(await moveProcessedFile(again, folder, processed, await stat(again))).toBe(path.join(processed, 'a.log'));
    expect(await readdir(processed)).toEqual(['a.log']);
    expect(existsSync(again)).toBe(false);
  });

  it('the folder config: a processed path needs the move option, must be absolute and differ from the watched folder', () => {
    const base = { path: '/data/depot', moveProcessed: true };
    expect(folderConfig.safeParse({ ...base, processedPath: '/data/traites' }).success).toBe(true);
    expect(folderConfig.safeParse({ ...base, processedPath: 'traites' }).error?.issues[0].message).toBe('Chemin absolu attendu');
    expect(folderConfig.safeParse({ ...base, processedPath: '/data/depot/' }).error?.issues[0].message).toMatch(/différent du dossier surveillé/);
    expect(folderConfig.safeParse({ path: '/data/depot', processedPath: '/data/traites' }).error?.issues[0].message).toMatch(
      /déplacement après import/,
    );
  });
});
