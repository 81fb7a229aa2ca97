/**
 * Evidence files: stored inside the encrypted vault (`evidence_chunks`, at
 * most 1 MiB per row, each row with its own SHA-256), with the SHA-256 and
 * size of the whole file, its sanitised name, who added it and when. Small
 * files come in one call; larger ones through begin → chunks in order →
 * commit (the hash is computed from what was stored).
 */
import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_EVIDENCE_MAX_BYTES, EVIDENCE_CHUNK_BYTES, type EvidenceConfig, type EvidenceRow } from '../../api/ops/incidents';
import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import { writableIncident } from '../queries';
import { recordEvent } from '../update';
import { sanitizeFileName } from './sanitize';

const CONFIG_KEY = 'incidents.evidence';
/** A chunked upload nobody finished for this long is removed at the next upload. */
const STALE_UPLOAD_MS = 24 * 3_600_000;

export interface EvidenceDbRow {
  id: number;
  incident_id: number;
  name: string;
  description: string;
  size: number;
  sha256: string | null;
  status: 'pending' | 'stored';
  upload_token: string | null;
  added_by: string;
  added_at: number;
}

export function rowToEvidence(r: EvidenceDbRow): EvidenceRow {
  return {
    id: r.id,
    incidentId: r.incident_id,
    name: r.name,
    description: r.description,
    size: r.size,
    sha256: r.sha256 ?? '',
    addedBy: r.added_by,
    addedAt: new Date(r.added_at).toISOString(),
  };
}

export async function readEvidenceConfig(db: Db): Promise<EvidenceConfig> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [CONFIG_KEY]);
  let maxBytes = DEFAULT_EVIDENCE_MAX_BYTES;
  try {
    const v = row ? (JSON.parse(row.value) as { maxBytes?: unknown }).maxBytes : undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) maxBytes = v;
  } catch {
    // A damaged setting falls back to the default.
  }
  return { maxBytes, chunkBytes: EVIDENCE_CHUNK_BYTES };
}

export async function setEvidenceMaxBytes(db: Db, maxBytes: number): Promise<EvidenceConfig> {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new VigieError('VALIDATION', 'Taille maximale invalide.');
  await db.run(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    [CONFIG_KEY, JSON.stringify({ maxBytes })],
  );
  return readEvidenceConfig(db);
}

async function checkSize(db: Db, size: number): Promise<void> {
  const { maxBytes } = await readEvidenceConfig(db);
  if (size > maxBytes) {
    throw new VigieError('VALIDATION', `Fichier trop volumineux : ${size} octets (limite ${maxBytes}).`, { size, maxBytes });
  }
}

export async function evidenceRow(db: Db, evidenceId: number): Promise<EvidenceDbRow> {
  const row = await db.get<EvidenceDbRow>("SELECT * FROM incident_evidence WHERE id = ? AND status = 'stored'", [evidenceId]);
  if (!row) throw new VigieError('NOT_FOUND', `Preuve n°${evidenceId} introuvable.`);
  return row;
}

export async function listEvidence(db: Db, incidentId: number): Promise<EvidenceRow[]> {
  const rows = await db.all<EvidenceDbRow>(
    "SELECT * FROM incident_evidence WHERE incident_id = ? AND status = 'stored' ORDER BY added_at, id",
    [incidentId],
  );
  return rows.map(rowToEvidence);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function insertChunk(db: Db, evidenceId: number, seq: number, data: Buffer): Promise<void> {
  await db.run('INSERT INTO evidence_chunks (evidence_id, seq, size, sha256, data) VALUES (?, ?, ?, ?, ?)', [
    evidenceId,
    seq,
    data.length,
    sha256(data),
    data,
  ]);
}

/** Marks an evidence row stored, records its addition in the custody and the incident's history. */
async function finish(db: Db, row: EvidenceDbRow, hash: string, actor: string): Promise<EvidenceRow> {
  const now = Date.now();
  await db.run("UPDATE incident_evidence SET status = 'stored', sha256 = ?, upload_token = NULL, added_at = ? WHERE id = ?", [hash, now, row.id]);
  await db.run(
    "INSERT INTO evidence_custody (evidence_id, ts, actor, action, verified, sha256, details) VALUES (?, ?, ?, 'added', 1, ?, ?)",
    [row.id, now, actor, hash, JSON.stringify({ name: row.name, size: row.size })],
  );
  await recordEvent(db, row.incident_id, { actor, field: 'evidence', to: `${row.name} (${row.size} octets, SHA-256 ${hash})` });
  return rowToEvidence({ ...row, status: 'stored', sha256: hash, upload_token: null, added_at: now });
}

async function insertPending(db: Db, incidentId: number, name: string, description: string, size: number, actor: string, token: string | null): Promise<EvidenceDbRow> {
  const now = Date.now();
  const { lastID } = await db.run(
    `INSERT INTO incident_evidence (incident_id, name, description, size, sha256, status, upload_token, added_by, added_at)
     VALUES (?, ?, ?, ?, NULL, 'pending', ?, ?, ?)`,
    [incidentId, sanitizeFileName(name), description, size, token, actor, now],
  );
  const row = await db.get<EvidenceDbRow>('SELECT * FROM incident_evidence WHERE id = ?', [lastID]);
  if (!row) throw new VigieError('INTERNAL', 'Preuve introuvable après insertion.');
  return row;
}

/** Adds a whole file (one call). */
export async function addEvidence(
  db: Db,
  incidentId: number,
  file: { name: string; description?: string; data: Buffer },
  actor: string,
): Promise<EvidenceRow> {
  await checkSize(db, file.data.length);
  return db.transaction(async (tx) => {
    await writableIncident(tx, incidentId);
    const row = await insertPending(tx, incidentId, file.name, file.description ?? '', file.data.length, actor, null);
    for (let seq = 0, off = 0; off < file.data.length || seq === 0; seq++, off += EVIDENCE_CHUNK_BYTES) {
      await insertChunk(tx, row.id, seq, file.data.subarray(off, off + EVIDENCE_CHUNK_BYTES));
    }
    return finish(tx, row, sha256(file.data), actor);
  });
}

async function removeUpload(db: Db, evidenceId: number): Promise<void> {
  await db.run('DELETE FROM evidence_chunks WHERE evidence_id = ?', [evidenceId]);
  await db.run("DELETE FROM incident_evidence WHERE id = ? AND status = 'pending'", [evidenceId]);
}

/** Starts a chunked upload of `size` bytes; returns the id to send the chunks with. */
export async function beginEvidenceUpload(
  db: Db,
  incidentId: number,
  file: { name: string; description?: string; size: number },
  actor: string,
): Promise<{ uploadId: string }> {
  await checkSize(db, file.size);
  return db.transaction(async (tx) => {
    await writableIncident(tx, incidentId);
    const stale = await tx.all<{ id: number }>("SELECT id FROM incident_evidence WHERE status = 'pending' AND added_at < ?", [
      Date.now() - STALE_UPLOAD_MS,
    ]);
    for (const s of stale) await removeUpload(tx, s.id);
    const uploadId = randomUUID();
    await insertPending(tx, incidentId, file.name, file.description ?? '', file.size, actor, uploadId);
    return { uploadId };
  });
}

async function pendingUpload(db: Db, uploadId: string): Promise<EvidenceDbRow> {
  const row = await db.get<EvidenceDbRow>("SELECT * FROM incident_evidence WHERE upload_token = ? AND status = 'pending'", [uploadId]);
  if (!row) throw new VigieError('NOT_FOUND', 'Envoi de preuve inconnu ou terminé.');
  return row;
}

async function received(db: Db, evidenceId: number): Promise<{ chunks: number; bytes: number }> {
  const r = await db.get<{ n: number; bytes: number | null }>('SELECT count(*) AS n, sum(size) AS bytes FROM evidence_chunks WHERE evidence_id = ?', [evidenceId]);
  return { chunks: r?.n ?? 0, bytes: r?.bytes ?? 0 };
}

/** Stores chunk `seq` (0, 1, 2… in order). Sending the last stored chunk again is accepted (retry). */
export async function appendEvidenceChunk(db: Db, uploadId: string, seq: number, data: Buffer): Promise<{ receivedBytes: number }> {
  if (data.length > EVIDENCE_CHUNK_BYTES) throw new VigieError('VALIDATION', `Morceau de plus de ${EVIDENCE_CHUNK_BYTES} octets.`);
  return db.transaction(async (tx) => {
    const row = await pendingUpload(tx, uploadId);
    const got = await received(tx, row.id);
    if (seq === got.chunks - 1) {
      const last = await tx.get<{ sha256: string }>('SELECT sha256 FROM evidence_chunks WHERE evidence_id = ? AND seq = ?', [row.id, seq]);
      if (last?.sha256 === sha256(data)) return { receivedBytes: got.bytes };
    }
    if (seq !== got.chunks) throw new VigieError('CONFLICT', `Morceau n°${seq} inattendu : n°${got.chunks} attendu.`, { expected: got.chunks });
    if (got.bytes + data.length > row.size) {
      throw new VigieError('VALIDATION', `Plus d’octets que la taille annoncée (${row.size}).`);
    }
    await insertChunk(tx, row.id, seq, data);
    return { receivedBytes: got.bytes + data.length };
  });
}

/** Ends a chunked upload: all announced bytes must be there; the SHA-256 is computed from the stored chunks. */
export async function commitEvidenceUpload(db: Db, uploadId: string, actor: string, expectedSha256?: string): Promise<EvidenceRow> {
  return db.transaction(async (tx) => {
    const row = await pendingUpload(tx, uploadId);
    const got = await received(tx, row.id);
    if (got.bytes !== row.size) {
      throw new VigieError('CONFLICT', `Envoi incomplet : ${got.bytes} octets reçus sur ${row.size}.`, { receivedBytes: got.bytes });
    }
    if (got.chunks === 0) await insertChunk(tx, row.id, 0, Buffer.alloc(0));
    const hash = createHash('sha256');
    for (let seq = 0; seq < Math.max(1, got.chunks); seq++) {
      const c = await tx.get<{ data: Buffer }>('SELECT data FROM evidence_chunks WHERE evidence_id = ? AND seq = ?', [row.id, seq]);
      if (!c) throw new VigieError('INTERNAL', `Morceau n°${seq} manquant.`);
      hash.update(c.data);
    }
    const digest = hash.digest('hex');
    if (expectedSha256 && expectedSha256.toLowerCase() !== digest) {
      throw new VigieError('VALIDATION', `Empreinte SHA-256 différente de celle annoncée (${digest}) : envoi à recommencer.`, {
        expected: expectedSha256.toLowerCase(),
        actual: digest,
      });
    }
    return finish(tx, row, digest, actor);
  });
}

/** Abandons a chunked upload (its chunks are deleted). */
export async function abortEvidenceUpload(db: Db, uploadId: string): Promise<void> {
  await db.transaction(async (tx) => removeUpload(tx, (await pendingUpload(tx, uploadId)).id));
}
