import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { count, expectBalanced, importFile, runtime, syslogLine, tempDir, tempVault, write } from './helpers';

const MiB = 1024 * 1024;
const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => syslogLine(from + i) + '\n').join('');

describe('hostile input', () => {
  it('a gzip bomb is stopped at the ratio limit: one decompression entry, the import ends, the loop stays responsive', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    // 20 good lines, then 256 MiB of zeros: about 250 KiB compressed (ratio ≈ 1000:1).
    const bomb = gzipSync(Buffer.concat([Buffer.from(lines(0, 20)), Buffer.alloc(256 * MiB)]), { level: 9 });
    expect(bomb.length).toBeLessThan(MiB);
    const file = await write(dir, 'bomb.log.gz', bomb);
    const rt = runtime(db, { gzipMaxRatio: 50, gzipRatioAfterBytes: 4 * MiB, gzipMaxBytes: 1024 * MiB });
    let worstGap = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      worstGap = Math.max(worstGap, Date.now() - last);
      last = Date.now();
    }, 10);
    const { row } = await importFile(rt, file).finally(() => clearInterval(ticker));
    expect(row).toMatchObject({ status: 'done', gzip: true, stored: 20, quarantined: 1, recordsIn: 21 });
    expectBalanced(row);
    expect(row.message).toMatch(/Décompression arrêtée : gzip expansion ratio over 50:1/);
    const q = await db.get<{ code: string; position: string; n: number }>('SELECT code, position, length(raw) AS n FROM quarantine');
    expect(q).toMatchObject({ code: 'decompression', position: `offset ${Buffer.byteLength(lines(0, 20))}` });
    expect(q!.n).toBeLessThanOrEqual(64 * 1024);
    expect(worstGap).toBeLessThan(1500);
    // Importing it again adds nothing, not even a second quarantine entry.
    expect((await importFile(rt, file)).row).toMatchObject({ stored: 0, quarantined: 0, duplicates: 21 });
  });

  it('the absolute decompressed-size limit stops a plausible file too', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const text = lines(0, 30_000); // about 4.6 MiB, ratio well under the ratio limit
    const file = await write(dir, 'big.log.gz', gzipSync(text));
    const { row } = await importFile(runtime(db, { gzipMaxBytes: 2 * MiB }), file);
    expect(row.status).toBe('done');
    expect(row.quarantined).toBe(1);
    expect(row.stored).toBeGreaterThan(5000);
    expect(row.stored).toBeLessThan(30_000);
    expect(row.message).toMatch(/more than 2097152 bytes/);
    expect(await count(db, 'quarantine', "code = 'decompression'")).toBe(1);
  });

  it('a truncated or corrupt gzip keeps what was readable and quarantines the rest with the reason', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const gz = gzipSync(lines(0, 20_000));
    const truncated = await write(dir, 'cut.log.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const rt = runtime(db);
    const { row } = await importFile(rt, truncated);
    expect(row).toMatchObject({ status: 'done', quarantined: 1 });
    expect(row.stored).toBeGreaterThan(1000);
    expect(row.message).toMatch(/corrupt or truncated/);
    const garbled = Buffer.from(gzipSync(lines(50_000, 2000)));
    garbled.fill(0x55, 200, 400);
    const { row: r2 } = await importFile(rt, await write(dir, 'garbled.log.gz', garbled));
    expect(r2).toMatchObject({ status: 'done', quarantined: 1 });
    expectBalanced(r2);
  });

  it('binary garbage becomes quarantine entries, never a crash', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const junk = Buffer.alloc(256 * 1024);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
    const file = await write(dir, 'junk.bin', Buffer.concat([junk, Buffer.from('\n' + syslogLine(1) + '\n')]));
    const { row } = await importFile(runtime(db), file);
    expect(row.status).toBe('done');
    expectBalanced(row);
    expect(row.stored).toBe(1);
    expect(row.quarantined).toBeGreaterThan(0);
    const codes = await db.all<{ code: string }>('SELECT DISTINCT code FROM quarantine');
    expect(codes.map((c) => c.code).every((c) => ['invalid-utf8', 'binary', 'too-long', 'unknown-format'].includes(c))).toBe(true);
  });
});
