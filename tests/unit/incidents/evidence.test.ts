import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getEvidence, listCustody, readEvidenceChunk } from '../../../main/incidents/evidence/read';
import { sanitizeFileName } from '../../../main/incidents/evidence/sanitize';
import {
  abortEvidenceUpload,
  addEvidence,
  appendEvidenceChunk,
  beginEvidenceUpload,
  commitEvidenceUpload,
  listEvidence,
  readEvidenceConfig,
  setEvidenceMaxBytes,
} from '../../../main/incidents/evidence/store';
import { createIncident } from '../../../main/incidents/queries';
import { history, useVault } from './fixture';

const v = useVault();
const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const incident = () => createIncident(v.db, { title: 'Rançongiciel', severity: 'high', category: 'ransomware' }, 'Alice');

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\rssi\\Desktop\\note de rançon.txt', 'note de rançon.txt'],
    ['CON', '_CON'],
    ['nul.tar.gz', '_nul.tar.gz'],
    ['COM1.log', '_COM1.log'],
    ['rapport\u202egnp.exe', 'rapportgnp.exe'],
    ['a\u0000b\u0007c\n.txt', 'abc.txt'],
    ['fichier<1>:"?*|.eml', 'fichier_1______.eml'],
    ['  ..caché . ', 'caché'],
    ['...', 'preuve'],
    ['', 'preuve'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('limits the length to 200 UTF-8 bytes and keeps the extension', () => {
    const long = `${'é'.repeat(300)}.pcap`;
    const out = sanitizeFileName(long);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(200);
    expect(out.endsWith('.pcap')).toBe(true);
    expect(out).toBe(`${'é'.repeat(97)}.pcap`);
  });
});

describe('evidence', () => {
  it('stores a file with its SHA-256, size, sanitised name and author; every view is in the custody', async () => {
    const inc = await incident();
    const data = Buffer.from('From: attaquant@evil.example.com\r\nSubject: Facture\r\n\r\n…', 'utf8');
    const row = await addEvidence(v.db, inc.id, { name: '/tmp/../courriel.eml', description: 'Courriel reçu', data }, 'Alice');
    expect(row).toMatchObject({ incidentId: inc.id, name: 'courriel.eml', size: data.length, sha256: sha(data), addedBy: 'Alice', description: 'Courriel reçu' });
    expect(await listEvidence(v.db, inc.id)).toEqual([row]);

    const got = await getEvidence(v.db, row.id, 'Bruno');
    expect(Buffer.from(got.dataBase64, 'base64').equals(data)).toBe(true);
    await getEvidence(v.db, row.id, 'Chloé', 'downloaded');
    const custody = await listCustody(v.db, row.id);
    expect(custody.map((c) => [c.actor, c.action, c.verified, c.sha256])).toEqual([
      ['Alice', 'added', true, sha(data)],
      ['Bruno', 'viewed', true, sha(data)],
      ['Chloé', 'downloaded', true, sha(data)],
    ]);
    expect((await history(v.db, inc.id)).at(-1)).toMatchObject({ actor: 'Alice', field: 'evidence', to_value: `courriel.eml (${data.length} octets, SHA-256 ${sha(data)})` });
    // The content is not kept in clear anywhere else: only in the encrypted vault's chunk rows.
    expect(await v.db.get('SELECT count(*) AS n, sum(size) AS bytes FROM evidence_chunks WHERE evidence_id = ?', [row.id])).toEqual({ n: 1, bytes: data.length });
  });

  it('splits large files into rows of 1 MiB at most', async () => {
    const inc = await incident();
    const data = randomBytes(2 * MiB + 123);
    const row = await addEvidence(v.db, inc.id, { name: 'image.raw', data }, 'Alice');
    expect(await v.db.all('SELECT seq, size FROM evidence_chunks WHERE evidence_id = ? ORDER BY seq', [row.id])).toEqual([
      { seq: 0, size: MiB }, { seq: 1, size: MiB }, { seq: 2, size: 123 },
    ]);
    expect(Buffer.from((await getEvidence(v.db, row.id, 'a')).dataBase64, 'base64').equals(data)).toBe(true);
    const empty = await addEvidence(v.db, inc.id, { name: 'vide.txt', data: Buffer.alloc(0) }, 'Alice');
    expect((await getEvidence(v.db, empty.id, 'a')).dataBase64).toBe('');
  });

  it('refuses to deliver a file whose stored bytes were modified, and records the failure', async () => {
    const inc = await incident();
    const data = randomBytes(MiB + 10);
    const row = await addEvidence(v.db, inc.id, { name: 'dump.mem', data }, 'Alice');
    const tampered = Buffer.from(data.subarray(MiB));
    tampered[0] ^= 0xff;
    await v.db.run('UPDATE evidence_chunks SET data = ? WHERE evidence_id = ? AND seq = 1', [tampered, row.id]);
    await expect(getEvidence(v.db, row.id, 'Bruno')).rejects.toMatchObject({
      code: 'VAULT_CORRUPT',
      message: expect.stringMatching(/Intégrité de la preuve n°\d+ « dump\.mem » compromise : le morceau n°1 a été modifié/),
    });
    // Even with the chunk's own hash rewritten, the file's SHA-256 gives it away.
    await v.db.run('UPDATE evidence_chunks SET sha256 = ? WHERE evidence_id = ? AND seq = 1', [sha(tampered), row.id]);
    await expect(readEvidenceChunk(v.db, row.id, 0, 'Chloé')).rejects.toMatchObject({
      code: 'VAULT_CORRUPT',
      message: expect.stringContaining(`SHA-256 attendu ${sha(data)}`),
    });
    const custody = await listCustody(v.db, row.id);
    expect(custody.map((c) => [c.actor, c.action, c.verified])).toEqual([
      ['Alice', 'added', true],
      ['Bruno', 'integrity_failed', false],
      ['Chloé', 'integrity_failed', false],
    ]);
    expect(custody[2].details).toMatchObject({ purpose: 'downloaded', expectedSha256: sha(data) });
    // A missing chunk is caught too.
    await v.db.run('DELETE FROM evidence_chunks WHERE evidence_id = ? AND seq = 1', [row.id]);
    await expect(getEvidence(v.db, row.id, 'x')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
  });

  it('takes large files in chunks: in order, retry-safe, complete, hash as announced', async () => {
    const inc = await incident();
    const data = randomBytes(3 * 512 * 1024 + 5);
    const parts = [0, 1, 2, 3].map((i) => data.subarray(i * 512 * 1024, (i + 1) * 512 * 1024));
    const { uploadId } = await beginEvidenceUpload(v.db, inc.id, { name: 'capture.pcap', size: data.length }, 'Alice');
    expect(await appendEvidenceChunk(v.db, uploadId, 0, parts[0])).toEqual({ receivedBytes: 512 * 1024 });
    expect(await appendEvidenceChunk(v.db, uploadId, 0, parts[0])).toEqual({ receivedBytes: 512 * 1024 });
    await expect(appendEvidenceChunk(v.db, uploadId, 2, parts[2])).rejects.toMatchObject({ code: 'CONFLICT' });
    await appendEvidenceChunk(v.db, uploadId, 1, parts[1]);
    await expect(commitEvidenceUpload(v.db, uploadId, 'Alice')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/incomplet/) });
    await appendEvidenceChunk(v.db, uploadId, 2, parts[2]);
    await appendEvidenceChunk(v.db, uploadId, 3, parts[3]);
    await expect(appendEvidenceChunk(v.db, uploadId, 4, Buffer.from('x'))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await listEvidence(v.db, inc.id)).toEqual([]);
    const row = await commitEvidenceUpload(v.db, uploadId, 'Alice', sha(data).toUpperCase());
    expect(row).toMatchObject({ name: 'capture.pcap', size: data.length, sha256: sha(data) });
    await expect(appendEvidenceChunk(v.db, uploadId, 4, Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const first = await readEvidenceChunk(v.db, row.id, 0, 'Bruno');
    const rest = await Promise.all([1, 2, 3].map((s) => readEvidenceChunk(v.db, row.id, s, 'Bruno')));
    expect(Buffer.concat([first, ...rest].map((c) => Buffer.from(c.dataBase64, 'base64'))).equals(data)).toBe(true);
    expect(first.chunks).toBe(4);
    expect((await listCustody(v.db, row.id)).map((c) => c.action)).toEqual(['added', 'downloaded']);

    // A wrong announced hash, and an abort, leave nothing.
    const second = await beginEvidenceUpload(v.db, inc.id, { name: 'b.bin', size: 3 }, 'Alice');
    await appendEvidenceChunk(v.db, second.uploadId, 0, Buffer.from('abc'));
    await expect(commitEvidenceUpload(v.db, second.uploadId, 'Alice', '0'.repeat(64))).rejects.toMatchObject({ code: 'VALIDATION' });
    await abortEvidenceUpload(v.db, second.uploadId);
    expect(await v.db.get("SELECT count(*) AS n FROM incident_evidence WHERE status = 'pending'")).toEqual({ n: 0 });
    expect(await v.db.get('SELECT count(*) AS n FROM evidence_chunks WHERE evidence_id NOT IN (SELECT id FROM incident_evidence)')).toEqual({ n: 0 });
  });

  it('enforces the configurable size limit (default 200 MiB)', async () => {
    const inc = await incident();
    expect(await readEvidenceConfig(v.db)).toEqual({ maxBytes: 200 * MiB, chunkBytes: MiB });
    await setEvidenceMaxBytes(v.db, MiB);
    await expect(addEvidence(v.db, inc.id, { name: 'gros.bin', data: Buffer.alloc(MiB + 1) }, 'a')).rejects.toMatchObject({ code: 'VALIDATION', details: { maxBytes: MiB } });
    await expect(beginEvidenceUpload(v.db, inc.id, { name: 'gros.bin', size: MiB + 1 }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
    await addEvidence(v.db, inc.id, { name: 'ok.bin', data: Buffer.alloc(MiB) }, 'a');
    await expect(getEvidence(v.db, 999, 'a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
