import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress, Page } from '../../../../main/api/contract';
import type { ImportRow, QuarantineRow } from '../../../../main/api/ops/ingest';
import { STRONG_PASSPHRASE, tempEngine } from '../../helpers';
import { syslogLine, tempDir, write } from './helpers';
import { sharedFixtures } from '../../../support/shared-fixtures';

const FHIR = sharedFixtures('fhir-auditevent', 'r4', 'examples');
const MiB = 1024 * 1024;

describe('ingest operations through the engine', () => {
  let t: Awaited<ReturnType<typeof tempEngine>>;
  afterEach(async () => t?.dispose());

  async function unlocked() {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Camille Martin', role: 'rssi' } });
    const progress: ImportProgress[] = [];
    t.engine.subscribe('import.progress', (p) => progress.push(p));
    return progress;
  }

  async function ended(importId: number): Promise<ImportRow> {
    for (let i = 0; i < 600; i++) {
      const row = await t.ok<ImportRow>('ingest.get', { importId });
      if (row.status !== 'running') return row;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not end');
  }

  it('upload: begin, chunks in order (gzip too), commit; progress on the bus', async () => {
    const progress = await unlocked();
    const text = Array.from({ length: 30_000 }, (_, i) => syslogLine(i)).join('\n') + '\n';
    const data = gzipSync(text);
    const { uploadId, importId } = await t.ok<{ uploadId: string; importId: number }>('ingest.upload.begin', {
      name: 'sri-audit.log.gz',
      size: data.length,
      timezone: 'Europe/Paris',
    });
    const CH = 64 * 1024;
    let seq = 0;
    for (let p = 0; p < data.length; p += CH) {
      const r = await t.ok<{ receivedBytes: number }>('ingest.upload.chunk', {
        uploadId, seq: seq++, data: data.subarray(p, p + CH).toString('base64'),
      });
      expect(r.receivedBytes).toBe(Math.min(p + CH, data.length));
      if (seq === 2) {
        const wrong = await t.call('ingest.upload.chunk', { uploadId, seq: 7, data: '' });
        expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
    }
    expect(await t.ok('ingest.upload.commit', { uploadId })).toEqual({ importId });
    const row = await ended(importId);
    expect(row).toMatchObject({ status: 'done', upload: true, gzip: true, origin: 'sri-audit.log.gz', recordsIn: 30_000, stored: 30_000 });
    expect(row.resumable).toBe(false);
    expect(progress.filter((p) => p.importId === importId).pop()).toMatchObject({ status: 'done', stored: 30_000 });
    expect(await t.call('ingest.upload.chunk', { uploadId, seq, data: '' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('ingest.resume', { importId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('upload: validation of chunks, incomplete commit, abort', async () => {
    await unlocked();
    const { uploadId, importId } = await t.ok<{ uploadId: string; importId: number }>('ingest.upload.begin', { name: 'x.log', size: 10 });
    const tooBig = Buffer.alloc(MiB + 3).toString('base64');
    expect(await t.call('ingest.upload.chunk', { uploadId, seq: 0, data: tooBig })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call('ingest.upload.chunk', { uploadId, seq: 0, data: 'not base64!' })).toMatchObject({ ok: false });
    expect(await t.call('ingest.upload.chunk', { uploadId, seq: 0, data: Buffer.alloc(11).toString('base64') })).toMatchObject({
      ok: false, error: { code: 'VALIDATION' },
    });
    await t.ok('ingest.upload.chunk', { uploadId, seq: 0, data: Buffer.from('<13>hi\n').toString('base64') });
    expect(await t.call('ingest.upload.commit', { uploadId })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.ok('ingest.upload.abort', { uploadId })).toEqual({ importId });
    expect(await ended(importId)).toMatchObject({ status: 'cancelled', message: 'Envoi abandonné.' });
  });

  it('importPaths returns at once; imports, FHIR documents and quarantine are listed', async () => {
    await unlocked();
    const dir = await tempDir();
    const a = await write(dir, 'a.log', `${syslogLine(1)}\nnot a log line\n`);
    const ids = (await t.ok<{ importIds: number[] }>('ingest.importPaths', { paths: [a, path.join(FHIR, 'AuditEvent-example-login.json')] })).importIds;
    expect(ids).toHaveLength(2);
    const [ra, rf] = [await ended(ids[0]), await ended(ids[1])];
    expect(ra).toMatchObject({ status: 'done', stored: 1, quarantined: 1 });
    expect(rf).toMatchObject({ status: 'done', recordsIn: 1, stored: 1 });
    const page = await t.ok<Page<ImportRow>>('ingest.imports', { limit: 10 });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.id)).toEqual([ids[1], ids[0]]);
    const q = await t.ok<Page<QuarantineRow>>('quarantine.list', { importId: ids[0] });
    expect(q.items).toMatchObject([{ code: 'unknown-format', position: 'line 2', rawText: 'not a log line' }]);
    expect(await t.call('ingest.importPaths', { paths: ['relative/path.log'] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call('ingest.importPaths', { paths: [a], timezone: 'Mars/Olympus' })).toMatchObject({ ok: false });
    expect(await t.call('ingest.get', { importId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const fhirText = await readFile(path.join(FHIR, 'AuditEvent-example-login.json'), 'utf8');
    expect(rf.bytesDone).toBe(Buffer.byteLength(fhirText));
  });

  it('CSV mappings: save, list, import a CSV export with it, delete', async () => {
    await unlocked();
    const mapping = {
      name: 'Export DPI',
      delimiter: ';',
      header: true,
      columns: { '@timestamp': 'Date', 'user.name': 'Utilisateur', 'event.action': 'Action' },
      timestampFormat: 'dd/MM/yyyy HH:mm:ss',
      constants: { 'service.name': 'DPI' },
    };
    expect(await t.ok('csvMappings.save', { mapping })).toEqual(mapping);
    expect(await t.call('csvMappings.save', { mapping: { ...mapping, columns: {} } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.ok('csvMappings.list')).toEqual([mapping]);
    const csv = 'Date;Utilisateur;Action;Commentaire\n05/01/2026 10:00:00;dr.martin;lecture;"note\nsur deux lignes"\n06/01/2026 11:30:00;ide.durand;ecriture;ok\npas une date;x;y;z\n';
    const file = await write(await tempDir(), 'export.csv', csv);
    const { importIds } = await t.ok<{ importIds: number[] }>('ingest.importPaths', { paths: [file], csvMapping: 'Export DPI' });
    const row = await ended(importIds[0]);
    expect(row).toMatchObject({ status: 'done', csvMapping: 'Export DPI', recordsIn: 3, stored: 2, quarantined: 1 });
    const q = await t.ok<Page<QuarantineRow>>('quarantine.list', { importId: importIds[0] });
    expect(q.items[0]).toMatchObject({ code: 'invalid-timestamp', position: 'line 5', format: 'csv' });
    expect(await t.call('ingest.importPaths', { paths: [file], format: 'csv' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.ok('csvMappings.delete', { name: 'Export DPI' })).toEqual({ deleted: true });
    expect(await t.ok('csvMappings.delete', { name: 'Export DPI' })).toEqual({ deleted: false });
  });
});
