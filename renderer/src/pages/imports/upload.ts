import { api } from '../../api/client';
import { bytesToBase64 } from './base64';

/**
 * Raw bytes per `ingest.upload.chunk` call. The engine accepts up to 1 MiB
 * per chunk, but base64 makes a chunk 4/3 larger and the loopback bridge
 * refuses request bodies over 1 MiB: 512 KiB of file (≈ 683 KiB of base64
 * plus the JSON envelope) stays under both limits.
 */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

export interface UploadSettings {
  format: string;
  timezone: string;
  csvMapping: string;
}

export class UploadAborted extends Error {
  constructor() {
    super('upload aborted');
    this.name = 'UploadAborted';
  }
}

export interface UploadCallbacks {
  /** The engine opened the import (progress events for it may come while uploading). */
  onBegin: (importId: number) => void;
  onSent: (bytes: number) => void;
}

/**
 * Sends one file through the chunked upload operations, one chunk at a time
 * (the same path in Electron and in a browser tab; `.gz` files go as they are,
 * the engine decompresses). Aborting stops between chunks and tells the
 * engine to drop the upload. Resolves with the import id once committed.
 */
export async function uploadFile(file: File, settings: UploadSettings, signal: AbortSignal, on: UploadCallbacks): Promise<number> {
  if (signal.aborted) throw new UploadAborted();
  const { uploadId, importId } = await api.call('ingest.upload.begin', {
    // A file picked inside a folder keeps its folder path as its origin.
    name: (file.webkitRelativePath || file.name).slice(-255),
    size: file.size,
    format: settings.format as 'auto',
    ...(settings.timezone.trim() ? { timezone: settings.timezone.trim() } : {}),
    ...(settings.csvMapping ? { csvMapping: settings.csvMapping } : {}),
  });
  on.onBegin(importId);
  let committed = false;
  try {
    let seq = 0;
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      if (signal.aborted) throw new UploadAborted();
      const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
      await api.call('ingest.upload.chunk', { uploadId, seq, data: bytesToBase64(bytes) });
      seq++;
      on.onSent(offset + bytes.length);
    }
    if (signal.aborted) throw new UploadAborted();
    await api.call('ingest.upload.commit', { uploadId });
    committed = true;
    return importId;
  } finally {
    if (!committed) await api.call('ingest.upload.abort', { uploadId }).catch(() => undefined);
  }
}
