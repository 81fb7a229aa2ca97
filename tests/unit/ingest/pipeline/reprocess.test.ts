import { describe, expect, it } from 'vitest';
import { getImport } from '../../../../main/ingest/pipeline/imports';
import { listQuarantine } from '../../../../main/ingest/pipeline/quarantine';
import { reprocessQuarantine } from '../../../../main/ingest/pipeline/reprocess';
import { count, expectBalanced, importFile, mixedGoodLines, runtime, syslogLine, tempDir, tempVault, write } from './helpers';

describe('quarantine', () => {
  it('re-processing after a "parser fix": imported with a wrong explicit format, then re-run with auto', async () => {
    const { db } = await tempVault();
    const lines = Array.from({ length: 40 }, (_, i) => mixedGoodLines(i)[i % 5]);
    const file = await write(await tempDir(), 'm.log', [...lines, 'definitely not a log'].join('\n') + '\n');
    const rt = runtime(db);
    const { row } = await importFile(rt, file, { format: 'cef' });
    const cefLines = lines.filter((l) => l.startsWith('CEF:')).length;
    expect(row).toMatchObject({ recordsIn: 41, stored: cefLines, quarantined: 41 - cefLines });
    const page = await listQuarantine(db, { limit: 100, offset: 0 });
    expect(page.total).toBe(41 - cefLines);
    expect(page.items.every((q) => q.format === 'cef' && q.code === 'unparseable')).toBe(true);

    const result = await reprocessQuarantine(db, { all: true, format: 'auto' });
    expect(result).toEqual({ tried: 41 - cefLines, stored: 40 - cefLines, stillQuarantined: 1 });
    expect(await count(db, 'events')).toBe(40);
    const resolved = await db.all<{ fingerprint: string; resolved_event_id: number }>(
      'SELECT q.fingerprint, q.resolved_event_id FROM quarantine q WHERE resolved_event_id IS NOT NULL',
    );
    for (const r of resolved) {
      const ev = await db.get<{ id: number }>('SELECT id FROM events WHERE fingerprint = ?', [r.fingerprint]);
      expect(ev?.id).toBe(r.resolved_event_id);
    }
    const left = await listQuarantine(db, { limit: 10, offset: 0 });
    expect(left.items).toHaveLength(1);
    expect(left.items[0]).toMatchObject({ code: 'unknown-format', rawText: 'definitely not a log', position: 'line 41' });
    expect(left.items[0].reprocessedAt).not.toBeNull();
    const after = await getImport(db, row.id);
    expect(after).toMatchObject({ stored: 40, quarantined: 1 });
    expectBalanced(after);

    // Nothing left to resolve; re-importing with the right format adds nothing either.
    expect(await reprocessQuarantine(db, { all: true })).toEqual({ tried: 1, stored: 0, stillQuarantined: 1 });
    expect((await importFile(rt, file)).row).toMatchObject({ stored: 0, quarantined: 0, duplicates: 41 });
    expect(await count(db, 'events')).toBe(40);
  });

  it('re-processes chosen ids only; too-long and undecodable records stay, with their reason', async () => {
    const { db } = await tempVault();
    const bad = Buffer.from([0x41, 0xfe, 0x42, 0x0a]);
    const file = await write(
      await tempDir(),
      'q.log',
      Buffer.concat([Buffer.from(`${syslogLine(1)}\n${'x'.repeat(3000)}\n`), bad, Buffer.from(`${syslogLine(2)}\n`)]),
    );
    const { row } = await importFile(runtime(db, { maxLineBytes: 1000, keepBytes: 100 }), file, { format: 'json' });
    expect(row).toMatchObject({ recordsIn: 4, stored: 0, quarantined: 4 });
    const all = (await listQuarantine(db, { limit: 10, offset: 0 })).items;
    const byCode = Object.fromEntries(all.map((q) => [q.code === 'unparseable' ? q.position : q.code, q]));
    expect(byCode['too-long']).toMatchObject({ rawLength: 100, rawTruncated: false });
    expect(byCode['invalid-utf8']).toMatchObject({ rawText: 'A\uFFFDB', rawBase64: Buffer.from([0x41, 0xfe, 0x42]).toString('base64') });
    const line1 = byCode['line 1'];
    const r = await reprocessQuarantine(db, {
      ids: [line1.id, byCode['too-long'].id, byCode['invalid-utf8'].id],
      format: 'syslog',
    });
    expect(r).toEqual({ tried: 3, stored: 1, stillQuarantined: 2 });
    expect(await count(db, 'events')).toBe(1);
    expect(await count(db, 'quarantine', 'resolved_event_id IS NULL')).toBe(3);
    const resolvedToo = await listQuarantine(db, { limit: 10, offset: 0, includeResolved: true, code: 'unparseable' });
    expect(resolvedToo.items.map((q) => q.resolvedEventId !== null).sort()).toEqual([false, true]);
  });

  it('shows at most 4 KiB of raw bytes in the list', async () => {
    const { db } = await tempVault();
    const file = await write(await tempDir(), 'w.log', `${'é'.repeat(5000)}\n`);
    await importFile(runtime(db), file, { format: 'cef' });
    const [q] = (await listQuarantine(db, { limit: 1, offset: 0 })).items;
    expect(q.rawLength).toBe(10_000);
    expect(q.rawTruncated).toBe(true);
    expect(Buffer.from(q.rawBase64, 'base64')).toHaveLength(4096);
    expect(q.rawText.startsWith('é'.repeat(2048))).toBe(true);
  });
});
