/**
 * Reading evidence: every retrieval recomputes the SHA-256 (of each chunk and
 * of the whole file) against what was recorded when the file was added, and
 * is written to the chain of custody (who, when, what for, verified or not).
 * A mismatch is recorded as `integrity_failed` and refused.
 */
import { createHash } from 'node:crypto';
import {
  EVIDENCE_GET_MAX_BYTES,
  type CustodyRow,
  type EvidenceChunk,
  type EvidenceContent,
} from '../../api/ops/incidents';
import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import { evidenceRow, rowToEvidence, type EvidenceDbRow } from './store';

export type CustodyPurpose = 'viewed' | 'downloaded' | 'exported';

interface ChunkRow {
  seq: number;
  size: number;
  sha256: string;
  data: Buffer;
}

interface CustodyDbRow {
  id: number;
  evidence_id: number;
  ts: number;
  actor: string;
  action: CustodyRow['action'];
  verified: number | null;
  sha256: string | null;
  details: string | null;
}

async function recordCustody(
  db: Db,
  evidenceId: number,
  actor: string,
  action: CustodyRow['action'],
  verified: boolean | null,
  sha256: string | null,
  details?: Record<string, unknown>,
): Promise<void> {
  await db.run('INSERT INTO evidence_custody (evidence_id, ts, actor, action, verified, sha256, details) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    evidenceId,
    Date.now(),
    actor,
    action,
    verified == null ? null : verified ? 1 : 0,
    sha256,
    details ? JSON.stringify(details) : null,
  ]);
}

class IntegrityError extends VigieError {}

function integrityError(row: EvidenceDbRow, problem: string, details: Record<string, unknown>): IntegrityError {
  return new IntegrityError(
    'VAULT_CORRUPT',
    `Intégrité de la preuve n°${row.id} « ${row.name} » compromise : ${problem}. Le fichier n’est pas délivré ; l’échec est consigné dans la chaîne de traçabilité.`,
    { evidenceId: row.id, expectedSha256: row.sha256, ...details },
  );
}

/**
 * Reads every chunk in order, checking each chunk's hash and the whole file's
 * size and SHA-256; `keep` collects the bytes (null: verify only).
 */
async function verify(db: Db, row: EvidenceDbRow, keep: Buffer[] | null): Promise<string> {
  const count = (await db.get<{ n: number }>('SELECT count(*) AS n FROM evidence_chunks WHERE evidence_id = ?', [row.id]))?.n ?? 0;
  const whole = createHash('sha256');
  let size = 0;
  for (let seq = 0; seq < count; seq++) {
    const c = await db.get<ChunkRow>('SELECT seq, size, sha256, data FROM evidence_chunks WHERE evidence_id = ? AND seq = ?', [row.id, seq]);
    if (!c) throw integrityError(row, `morceau n°${seq} manquant`, { chunk: seq });
    const data = Buffer.isBuffer(c.data) ? c.data : Buffer.from(c.data);
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== c.sha256 || data.length !== c.size) {
      throw integrityError(row, `le morceau n°${seq} a été modifié`, { chunk: seq, chunkExpected: c.sha256, chunkActual: actual });
    }
    whole.update(data);
    size += data.length;
    keep?.push(data);
  }
  const digest = whole.digest('hex');
  if (size !== row.size) throw integrityError(row, `taille ${size} octets au lieu de ${row.size}`, { actualSha256: digest, actualSize: size });
  if (digest !== row.sha256) {
    throw integrityError(row, `SHA-256 attendu ${row.sha256}, obtenu ${digest}`, { actualSha256: digest });
  }
  return digest;
}

/** Verifies, then records the access; a failed verification is recorded too (and rethrown). */
async function verifyAndRecord(db: Db, row: EvidenceDbRow, actor: string, purpose: CustodyPurpose, keep: Buffer[] | null, details?: Record<string, unknown>): Promise<string> {
  try {
    const digest = await verify(db, row, keep);
    await recordCustody(db, row.id, actor, purpose, true, digest, details);
    return digest;
  } catch (e) {
    if (e instanceof IntegrityError) {
      const d = (e.details ?? {}) as Record<string, unknown>;
      await recordCustody(db, row.id, actor, 'integrity_failed', false, (d.actualSha256 as string | undefined) ?? null, { purpose, ...d });
    }
    throw e;
  }
}

/** The whole file (base64), verified; the access is recorded in the custody as `purpose`. */
export async function getEvidence(db: Db, evidenceId: number, actor: string, purpose: CustodyPurpose = 'viewed'): Promise<EvidenceContent> {
  const row = await evidenceRow(db, evidenceId);
  if (row.size > EVIDENCE_GET_MAX_BYTES) {
    throw new VigieError('VALIDATION', `Fichier de ${row.size} octets : lisez-le morceau par morceau (incidents.evidence.read).`, {
      size: row.size,
      maxBytes: EVIDENCE_GET_MAX_BYTES,
    });
  }
  const parts: Buffer[] = [];
  await verifyAndRecord(db, row, actor, purpose, parts);
  return { evidence: rowToEvidence(row), dataBase64: Buffer.concat(parts).toString('base64'), verified: true };
}

/**
 * One stored chunk (base64). Reading chunk 0 verifies the whole file first and
 * records the access in the custody; every chunk is checked against its own hash.
 */
export async function readEvidenceChunk(db: Db, evidenceId: number, seq: number, actor: string, purpose: CustodyPurpose = 'downloaded'): Promise<EvidenceChunk> {
  const row = await evidenceRow(db, evidenceId);
  const chunks = (await db.get<{ n: number }>('SELECT count(*) AS n FROM evidence_chunks WHERE evidence_id = ?', [row.id]))?.n ?? 0;
  if (seq >= chunks) throw new VigieError('NOT_FOUND', `La preuve n°${evidenceId} n’a que ${chunks} morceau(x).`);
  if (seq === 0) await verifyAndRecord(db, row, actor, purpose, null, { chunked: true });
  const c = await db.get<ChunkRow>('SELECT seq, size, sha256, data FROM evidence_chunks WHERE evidence_id = ? AND seq = ?', [row.id, seq]);
  const data = c ? Buffer.from(c.data) : Buffer.alloc(0);
  if (!c || createHash('sha256').update(data).digest('hex') !== c.sha256) {
    const e = integrityError(row, `le morceau n°${seq} a été modifié`, { chunk: seq });
    await recordCustody(db, row.id, actor, 'integrity_failed', false, null, { purpose, chunk: seq });
    throw e;
  }
  return { evidenceId, seq, chunks, dataBase64: data.toString('base64') };
}

/** The chain of custody of one evidence file, oldest first. */
export async function listCustody(db: Db, evidenceId: number): Promise<CustodyRow[]> {
  const exists = await db.get('SELECT 1 AS ok FROM incident_evidence WHERE id = ?', [evidenceId]);
  if (!exists) throw new VigieError('NOT_FOUND', `Preuve n°${evidenceId} introuvable.`);
  const rows = await db.all<CustodyDbRow>('SELECT * FROM evidence_custody WHERE evidence_id = ? ORDER BY ts, id', [evidenceId]);
  return rows.map((r) => ({
    id: r.id,
    evidenceId: r.evidence_id,
    at: new Date(r.ts).toISOString(),
    actor: r.actor,
    action: r.action,
    verified: r.verified == null ? null : r.verified === 1,
    sha256: r.sha256,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
  }));
}
