import { appendFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { count, expectBalanced, importFile, mixedGoodLines, runtime, syslogLine, tempDir, tempVault, write } from './helpers';

/** 5 × 30 good lines of every format, plus bad ones: garbage, invalid UTF-8, NUL bytes, blank and whitespace lines. */
function mixedFile(): { data: Buffer; good: number; bad: number; blank: number } {
  const parts: Buffer[] = [];
  let good = 0;
  for (let i = 0; i < 30; i++) {
    for (const l of mixedGoodLines(i)) parts.push(Buffer.from(l + (i % 2 ? '\r\n' : '\n')));
    good += 5;
  }
  parts.splice(10, 0, Buffer.from('ceci n’est pas un journal\n'));
  parts.splice(40, 0, Buffer.from([0x3c, 0x38, 0x36, 0x3e, 0x31, 0x20, 0xc3, 0x28, 0xff, 0x0a])); // invalid UTF-8
  parts.splice(70, 0, Buffer.from('bin\u0000ary\u0001\u0002data\n'));
  parts.splice(90, 0, Buffer.from('\n\n   \n')); // blank lines are not records; whitespace-only is 'empty'
  return { data: Buffer.concat(parts), good, bad: 4, blank: 2 };
}

describe('file import', () => {
  it('every record ends stored or quarantined: in = stored + quarantined + duplicates', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const f = mixedFile();
    const file = await write(dir, 'mixed.log', f.data);
    const { row } = await importFile(runtime(db), file);
    expect(row).toMatchObject({
      status: 'done',
      recordsIn: f.good + f.bad,
      stored: f.good,
      quarantined: f.bad,
      duplicates: 0,
      blankLines: f.blank,
    });
    expect(row.bytesDone).toBe(f.data.length);
    expectBalanced(row);
    expect(await count(db, 'events')).toBe(f.good);
    const q = await db.all<{ code: string; position: string; raw: Buffer; format: string | null; reason: string; origin: string }>(
      'SELECT code, position, raw, format, reason, origin FROM quarantine ORDER BY id',
    );
    expect(q.map((r) => r.code)).toEqual(['unknown-format', 'invalid-utf8', 'binary', 'empty']);
    expect(q[0]).toMatchObject({ position: 'line 11', origin: file });
    expect(q[1].raw).toEqual(Buffer.from([0x3c, 0x38, 0x36, 0x3e, 0x31, 0x20, 0xc3, 0x28, 0xff]));
    expect(q[1].reason).toMatch(/invalid UTF-8 at byte 6/);
    expect(q[2].raw.toString('latin1')).toBe('bin\u0000ary\u0001\u0002data');
    expect(q.every((r) => /^line \d+$/.test(r.position))).toBe(true);
    const stored = await db.all<{ original: string }>('SELECT original FROM events');
    expect(stored.some((e) => e.original.endsWith('\r'))).toBe(false);
  });

  it('re-importing the same file, even from another path, adds nothing (quarantine included)', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const f = mixedFile();
    const a = await write(dir, 'a.log', f.data);
    const b = path.join(dir, 'copy-of-a.log');
    await copyFile(a, b);
    const rt = runtime(db);
    await importFile(rt, a);
    const { row } = await importFile(rt, b);
    expect(row).toMatchObject({ status: 'done', recordsIn: f.good + f.bad, stored: 0, quarantined: 0, duplicates: f.good + f.bad, blankLines: f.blank });
    expect(row.identity).toBe((await importFile(rt, a)).row.identity);
    expect(await count(db, 'events')).toBe(f.good);
    expect(await count(db, 'quarantine')).toBe(f.bad);
  });

  it('a grown file adds only its new lines (small file, then past 64 KiB)', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const rt = runtime(db);
    const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => syslogLine(from + i) + '\n').join('');
    const file = await write(dir, 'growing.log', lines(0, 10));
    expect((await importFile(rt, file)).row).toMatchObject({ stored: 10, duplicates: 0 });
    await appendFile(file, lines(10, 15));
    expect((await importFile(rt, file)).row).toMatchObject({ recordsIn: 15, stored: 5, duplicates: 10 });
    await appendFile(file, lines(15, 1000)); // now well past 64 KiB
    const { row } = await importFile(rt, file);
    expect(row).toMatchObject({ recordsIn: 1000, stored: 985, duplicates: 15 });
    await appendFile(file, lines(1000, 1200));
    expect((await importFile(rt, file)).row).toMatchObject({ recordsIn: 1200, stored: 200, duplicates: 1000 });
    expect(await count(db, 'events')).toBe(1200);
    const distinct = await db.get<{ n: number }>('SELECT count(DISTINCT fingerprint) AS n FROM events');
    expect(distinct?.n).toBe(1200);
  });

  it('reads .gz transparently (same identity and events as the plain file)', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const text = Array.from({ length: 2000 }, (_, i) => syslogLine(i)).join('\n') + '\n';
    const gz = await write(dir, 'sri.log.gz', gzipSync(text));
    const plain = await write(dir, 'sri.log', text);
    const rt = runtime(db);
    const first = await importFile(rt, gz);
    expect(first.row).toMatchObject({ status: 'done', gzip: true, stored: 2000, bytesDone: Buffer.byteLength(text) });
    const second = await importFile(rt, plain);
    expect(second.row).toMatchObject({ gzip: false, stored: 0, duplicates: 2000, identity: first.row.identity });
  });

  it('a 5 MB single line with a 1 MB limit is quarantined (first KiB kept), the lines around it are stored', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const huge = 'A'.repeat(5 * 1024 * 1024);
    const file = await write(dir, 'huge.log', `${syslogLine(1)}\n${huge}\n${syslogLine(2)}\n`);
    const { row } = await importFile(runtime(db, { maxLineBytes: 1024 * 1024, keepBytes: 4096 }), file);
    expect(row).toMatchObject({ status: 'done', recordsIn: 3, stored: 2, quarantined: 1 });
    const q = await db.get<{ code: string; reason: string; position: string; n: number }>(
      'SELECT code, reason, position, length(raw) AS n FROM quarantine',
    );
    expect(q).toMatchObject({ code: 'too-long', position: 'line 2', n: 4096 });
    expect(q?.reason).toMatch(/5242880 bytes is over the limit of 1048576/);
  });

  it('reads an octet-counted syslog capture (RFC 6587) frame by frame, newlines inside frames included', async () => {
    const { db } = await tempVault();
    const frame = (m: string) => `${Buffer.byteLength(m)} ${m}`;
    const multi = '<86>1 2026-01-05T08:00:00Z sri-idp-01 keycloak 12 LOGIN - first line\nsecond line of the same message';
    const data = frame(syslogLine(1)) + frame(multi) + frame(syslogLine(2)) + '\n' + '120 <86>1 2026-01-05T08:00:09Z cut';
    const file = await write(await tempDir(), 'capture.tcp', data);
    const { row } = await importFile(runtime(db), file);
    expect(row).toMatchObject({ status: 'done', recordsIn: 4, stored: 3, quarantined: 1 });
    const stored = await db.all<{ original: string }>('SELECT original FROM events ORDER BY id');
    expect(stored[1].original).toContain('second line of the same message');
    expect(await db.get('SELECT position, code FROM quarantine')).toEqual({ position: 'frame 4', code: 'unparseable' });
  });

  it('imports folders recursively, skipping hidden files and folders', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    await write(dir, 'a.log', syslogLine(1) + '\n');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'sub'));
    await mkdir(path.join(dir, '.hidden'));
    await write(path.join(dir, 'sub'), 'b.log', syslogLine(2) + '\n');
    await write(path.join(dir, '.hidden'), 'c.log', syslogLine(3) + '\n');
    await write(dir, '.dot.log', syslogLine(4) + '\n');
    const rt = runtime(db);
    const ids = await rt.importPaths([dir]);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect((await rt.wait(id))?.status).toBe('done');
    expect(await count(db, 'events')).toBe(2);
    await expect(rt.importPaths([path.join(dir, 'missing.log')])).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
