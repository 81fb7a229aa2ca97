import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { count, expectBalanced, importFile, runtime, tempDir, tempVault, write } from './helpers';
import { sharedFixtures } from '../../../support/shared-fixtures';

// HL7 FHIR R4 AuditEvent examples (hl7.fhir.r4.examples 4.0.1, CC0), read in place; our own ATNA fixtures.
const FHIR = sharedFixtures('fhir-auditevent', 'r4', 'examples');
const ATNA = path.resolve(__dirname, '../../../fixtures/atna');

async function bundle(): Promise<{ text: string; n: number }> {
  const names = (await readdir(FHIR)).filter((f) => f.startsWith('AuditEvent-')).sort();
  const entry = await Promise.all(names.map(async (f) => ({ resource: JSON.parse(await readFile(path.join(FHIR, f), 'utf8')) as unknown })));
  return { text: JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry }, null, 2), n: names.length };
}

describe('whole documents', () => {
  it('a pretty-printed FHIR Bundle is one document: its events are committed in batches, once', async () => {
    const { db } = await tempVault();
    const { text, n } = await bundle();
    const file = await write(await tempDir(), 'bundle.json', text);
    const rt = runtime(db, { batchEvents: 4 });
    const { row } = await importFile(rt, file);
    expect(row).toMatchObject({ status: 'done', bytesDone: Buffer.byteLength(text) });
    expectBalanced(row);
    expect(row.stored + row.quarantined).toBeGreaterThanOrEqual(1);
    expect(row.stored).toBe(await count(db, 'events'));
    if (row.quarantined === 0) expect(row.stored).toBe(n);
    const again = (await importFile(rt, file)).row;
    expect(again).toMatchObject({ stored: 0, quarantined: 0, duplicates: row.recordsIn });
  });

  it('a document over the size limit is quarantined whole (first bytes kept), never parsed', async () => {
    const { db } = await tempVault();
    const { text } = await bundle();
    const file = await write(await tempDir(), 'big.json', text);
    const { row } = await importFile(runtime(db, { maxDocumentBytes: 4096, keepBytes: 1000 }), file);
    expect(row).toMatchObject({ status: 'done', recordsIn: 1, stored: 0, quarantined: 1 });
    const q = await db.get<{ code: string; position: string; n: number; reason: string }>(
      'SELECT code, position, length(raw) AS n, reason FROM quarantine',
    );
    expect(q).toMatchObject({ code: 'too-long', position: 'document', n: 1000 });
    expect(q?.reason).toMatch(/over the limit of 4096 bytes/);
  });

  it('a document that is not UTF-8 is quarantined with its bytes', async () => {
    const { db } = await tempVault();
    const bytes = Buffer.concat([Buffer.from('{\n  "resourceType": "AuditEvent",\n  "id": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]);
    const file = await write(await tempDir(), 'latin1.json', bytes);
    const { row } = await importFile(runtime(db), file);
    expect(row).toMatchObject({ recordsIn: 1, quarantined: 1 });
    expect(await db.get('SELECT code, position, raw FROM quarantine')).toEqual({ code: 'invalid-utf8', position: 'document', raw: bytes });
  });

  it('an ATNA XML file is one document; one message per line is read line by line; a DTD is refused', async () => {
    const { db } = await tempVault();
    const dir = await tempDir();
    const xml = await readFile(path.join(ATNA, 'login-success.xml'), 'utf8');
    const rt = runtime(db);
    expect((await importFile(rt, path.join(ATNA, 'login-success.xml'))).row).toMatchObject({ status: 'done', stored: 1 });
    const oneLine = (f: string) => f.replace(/<\?xml[^>]*\?>/, '').replace(/>\s+</g, '><').trim();
    const lines = [oneLine(xml), oneLine(await readFile(path.join(ATNA, 'login-failure.xml'), 'utf8')), oneLine(await readFile(path.join(ATNA, 'export.xml'), 'utf8'))];
    const file = await write(dir, 'atna-lines.log', lines.join('\n') + '\n');
    const { row } = await importFile(rt, file);
    expect(row).toMatchObject({ status: 'done', recordsIn: 3 });
    expect(row.stored).toBe(3 - row.duplicates);
    const { row: xxe } = await importFile(rt, path.join(ATNA, 'hostile-xxe.xml'));
    expect(xxe).toMatchObject({ status: 'done', quarantined: 1 });
    expect(await db.get("SELECT code, position FROM quarantine WHERE code = 'dtd-forbidden'")).toEqual({ code: 'dtd-forbidden', position: 'document' });
  });
});
