import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { VigieError } from '../../api/errors';
import type { CsvPreview, CsvPreviewRow } from '../../api/ops/ingest';
import type { NormalizedEvent } from '../../events/types';
import { Pseudonymiser } from '../../privacy/pseudonym';
import type { Db } from '../../store/db';
import { parseCsvDocument } from '../parsers/csv';
import { validateCsvMapping } from '../parsers/csv-map';
import { createParseContext } from '../registry';
import type { CsvMapping } from '../types';

/** How much of a file or sample the preview reads, and how many records it shows. */
export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_RECORDS = 10;
const PREVIEW_LINES = 12;

/** Fields never shown in a preview row (the original is the line itself; ingest time is not known yet). */
const HIDDEN = new Set(['event.original', 'event.ingested', 'attributes']);

/**
 * Applies a draft CSV mapping to the first records of a sample text or of a
 * file (first 64 KiB, gunzipped when it starts with the gzip magic), with the
 * vault's pseudonymisation key: what the import would store, or why each
 * record would be quarantined. Nothing is written.
 */
export async function previewCsvMapping(db: Db, req: { mapping: CsvMapping; sample?: string; path?: string }): Promise<CsvPreview> {
  const head = req.path !== undefined ? await readHead(req.path) : (req.sample ?? '');
  const text = completeLines(head, req.path !== undefined || head.length >= PREVIEW_BYTES);
  const lines = text.split('\n', PREVIEW_LINES).map((l) => l.replace(/\r$/, ''));
  const problem = validateCsvMapping(req.mapping);
  if (problem) return { problem, header: null, lines, rows: [] };
  const pseudonymiser = await Pseudonymiser.fromDb(db);
  const ctx = createParseContext({ pseudonymise: (id, system) => pseudonymiser.pseudonymise(id, system), csv: req.mapping });
  const doc = parseCsvDocument(text, req.mapping, ctx);
  const rows: CsvPreviewRow[] = doc.results.slice(0, PREVIEW_RECORDS).map((r) =>
    r.result.ok
      ? { position: r.position, ok: true, fields: r.result.events.length > 0 ? visibleFields(r.result.events[0]) : {} }
      : { position: r.position, ok: false, code: r.result.code, reason: r.result.reason },
  );
  return { problem: null, header: doc.header ?? null, lines, rows };
}

/** The event's fields as short strings, core fields first, then attributes. */
function visibleFields(e: NormalizedEvent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(e)) {
    if (HIDDEN.has(k) || v === undefined || v === null) continue;
    out[k] = v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(', ') : String(v);
  }
  for (const [k, v] of Object.entries(e.attributes ?? {})) {
    if (!(k in out) && v !== undefined && v !== null) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** Drops a last line cut by the read limit (a whole short file keeps its last line). */
function completeLines(text: string, maybeCut: boolean): string {
  const t = text.replace(/^\uFEFF/, '');
  if (!maybeCut || t.length < PREVIEW_BYTES / 2) return t;
  const nl = t.lastIndexOf('\n');
  return nl > 0 ? t.slice(0, nl + 1) : t;
}

/** The first 64 KiB of a file, decompressed when it is gzip; a clear French error when it cannot be read. */
async function readHead(path: string): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    const raw = createReadStream(path, { start: 0, end: PREVIEW_BYTES - 1 });
    let first = true;
    let source: AsyncIterable<Buffer> = raw;
    for await (const chunk of raw as AsyncIterable<Buffer>) {
      if (first && chunk[0] === 0x1f && chunk[1] === 0x8b) {
        raw.destroy();
        source = createReadStream(path).pipe(createGunzip());
        break;
      }
      first = false;
      parts.push(chunk);
      size += chunk.length;
    }
    if (source !== raw) {
      for await (const chunk of source) {
        parts.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        if (size >= PREVIEW_BYTES) break;
      }
      (source as NodeJS.ReadableStream & { destroy(): void }).destroy();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new VigieError('NOT_FOUND', `Lecture de ${path} impossible (${code}) : vérifiez le chemin et les droits du fichier.`);
  }
  return Buffer.concat(parts).subarray(0, PREVIEW_BYTES).toString('utf8');
}
