import { api } from '../../api/client';
import { base64ToBytes, bytesToBase64, downloadParts, sha256Hex } from '../../files';
import type { EvidenceRow } from './types';

/** Bytes per call. The loopback bridge accepts 1 MiB bodies: 512 KiB (≈ 683 KiB of base64) leaves room. */
export const UPLOAD_CHUNK = 512 * 1024;
/** Files downloaded in one answer (larger ones are read stored chunk by stored chunk). */
const ONE_CALL_DOWNLOAD = 4 * 1024 * 1024;
/** Files hashed in the page before sending (the engine checks the SHA-256 it receives against it). */
const HASH_LIMIT = 256 * 1024 * 1024;

export interface TransferProgress {
  done: number;
  total: number;
}

/**
 * Stores a file as evidence: one call up to 512 KiB, beyond that
 * begin → chunk (seq 0, 1, …) → commit with the SHA-256 computed here; an
 * interrupted upload is aborted so nothing half-written stays in the vault.
 */
export async function uploadEvidence(
  incidentId: number,
  file: File,
  description: string,
  onProgress: (p: TransferProgress) => void,
): Promise<EvidenceRow> {
  onProgress({ done: 0, total: file.size });
  if (file.size <= UPLOAD_CHUNK) {
    const data = new Uint8Array(await file.arrayBuffer());
    const row = await api.call('incidents.evidence.add', { incidentId, name: file.name, description, dataBase64: bytesToBase64(data) });
    onProgress({ done: file.size, total: file.size });
    return row;
  }
  const sha256 = file.size <= HASH_LIMIT ? await sha256Hex(await file.arrayBuffer()) : undefined;
  const { uploadId } = await api.call('incidents.evidence.begin', { incidentId, name: file.name, description, size: file.size });
  try {
    for (let seq = 0, offset = 0; offset < file.size; seq++, offset += UPLOAD_CHUNK) {
      const chunk = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK).arrayBuffer());
      await api.call('incidents.evidence.chunk', { uploadId, seq, data: bytesToBase64(chunk) });
      onProgress({ done: Math.min(file.size, offset + chunk.length), total: file.size });
    }
    return await api.call('incidents.evidence.commit', { uploadId, ...(sha256 ? { sha256 } : {}) });
  } catch (e) {
    await api.call('incidents.evidence.abort', { uploadId }).catch(() => undefined);
    throw e;
  }
}

/**
 * Downloads an evidence file chunk by chunk (the engine verifies every chunk's
 * and the whole file's SHA-256 and records the download in the chain of custody).
 */
export async function downloadEvidence(evidence: EvidenceRow, onProgress: (p: TransferProgress) => void): Promise<void> {
  if (evidence.size <= ONE_CALL_DOWNLOAD) {
    const whole = await api.call('incidents.evidence.get', { evidenceId: evidence.id, purpose: 'downloaded' });
    onProgress({ done: evidence.size, total: evidence.size });
    downloadParts(evidence.name, 'application/octet-stream', [base64ToBytes(whole.dataBase64)]);
    return;
  }
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let done = 0;
  let chunks = 1;
  for (let seq = 0; seq < chunks; seq++) {
    const chunk = await api.call('incidents.evidence.read', { evidenceId: evidence.id, seq, purpose: 'downloaded' });
    chunks = chunk.chunks;
    const bytes = base64ToBytes(chunk.dataBase64);
    parts.push(bytes);
    done += bytes.length;
    onProgress({ done, total: evidence.size });
  }
  downloadParts(evidence.name, 'application/octet-stream', parts);
}
