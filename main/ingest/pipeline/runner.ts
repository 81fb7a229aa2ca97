import type { ImportProgress } from '../../api/contract';
import type { ImportRow, ImportStatus } from '../../api/ops/ingest';
import { VigieError } from '../../api/errors';
import { Pseudonymiser } from '../../privacy/pseudonym';
import type { Db } from '../../store/db';
import { createParseContext } from '../registry';
import { DEFAULT_LIMITS, type CsvMapping, type FormatChoice, type ParseContext } from '../types';
import { Committer } from './committer';
import { decodedChunks, DecompressionError, type RawCounter } from './decode';
import { readDocument } from './document';
import { fingerprintPrefix } from './fingerprint';
import { getImport, readImport, resolveIdentity, parseOptions, type ImportOptions, type Totals } from './imports';
import type { ImportInput } from './input';
import { IDENTITY_BYTES, type PipelineLimits } from './limits';
import { readFrames } from './read-frames';
import { chooseMode, readLines } from './read-lines';
import { ProgressReporter } from './progress';
import { RecordHandler } from './records';

/** Set `stop` to end the import at the next batch boundary ('cancel' → cancelled, 'interrupt' → interrupted). */
export interface ImportControl {
  stop: null | 'cancel' | 'interrupt';
}

export interface RunImportOptions {
  db: Db;
  importId: number;
  input: ImportInput;
  format: FormatChoice;
  sourceId?: number | null;
  csv?: CsvMapping;
  limits: PipelineLimits;
  control: ImportControl;
  onProgress?: (p: ImportProgress) => void;
  /** Continue from the row's `bytes_done` instead of starting over. */
  resume?: boolean;
}

/** Everything a reading mode needs. */
export interface RunState {
  o: RunImportOptions;
  handler: RecordHandler;
  committer: Committer;
  progress: ProgressReporter;
  counter: RawCounter;
  ctx: ParseContext;
  options: ImportOptions;
  start: { offset: number; line: number };
  /** Decoded chunks from the start offset (the head included when it lies past it). */
  chunks: AsyncIterable<Buffer>;
  /** Raw bytes already behind the opened stream (plain-file resume). */
  rawBase: number;
  /** Set by the reading mode: a message for the final status (e.g. decompression stopped). */
  note: string | null;
}

const ZERO: Totals = { recordsIn: 0, stored: 0, quarantined: 0, duplicates: 0, blank: 0 };

/**
 * Runs one import to its end (done, cancelled, interrupted or failed) and
 * returns its final row. Reads the head (identity, whole-document or lines),
 * then streams: decode (gzip) → records → parse → batches → commits, with
 * progress events on the way. Never throws for a problem of the input: that
 * is quarantine or a 'failed' status with its message.
 */
export async function runImport(o: RunImportOptions): Promise<ImportRow> {
  const row = await readImport(o.db, o.importId);
  const options: ImportOptions = parseOptions(row.options);
  let start = o.resume ? { offset: row.bytes_done, line: options.line ?? 0 } : { offset: 0, line: 0 };
  const totals: Totals = o.resume
    ? {
        recordsIn: row.records_in,
        stored: row.stored,
        quarantined: row.quarantined,
        duplicates: row.duplicates,
        blank: options.blankLines ?? 0,
      }
    : ZERO;
  const progress = new ProgressReporter(
    { importId: o.importId, origin: o.input.origin, bytesTotal: o.input.size },
    o.onProgress,
    o.limits.progressMs,
    { bytes: start.offset, totals },
  );
  let committer: Committer | undefined;
  let state: RunState | undefined;
  let status: ImportStatus = 'done';
  let message: string | null = null;
  try {
    const pseudonymiser = await Pseudonymiser.fromDb(o.db);
    const counter: RawCounter = { raw: 0 };
    let gzip = false;
    const reader = decodedChunks(o.input.open(0, o.limits.readChunkBytes), o.limits, counter, (g) => (gzip = g));
    const head = await readHead(reader);
    const id = await resolveIdentity(o.db, head.buf);
    if (o.resume && row.identity !== '' && row.identity !== id.identity) {
      await reader.return(undefined);
      throw new VigieError(
        'CONFLICT',
        'Le fichier a changé depuis l’interruption (début différent) : importez-le à nouveau, les événements déjà stockés seront ignorés.',
      );
    }
    options.gzip = gzip;
    options.identityBytes = id.identityBytes;
    await o.db.run('UPDATE imports SET identity = ?, size = ?, status = ?, ended_at = NULL, message = NULL, options = ? WHERE id = ?', [
      id.identity, o.input.size, 'running', JSON.stringify(options), o.importId,
    ]);

    const ctx = createParseContext({
      pseudonymise: (identifier, system) => pseudonymiser.pseudonymise(identifier, system),
      timezone: options.timezone,
      receivedAt: o.input.mtime ?? new Date(),
      service: options.service,
      dataset: options.dataset,
      csv: o.csv,
      limits: { ...DEFAULT_LIMITS, maxRecordBytes: o.limits.maxLineBytes },
    });
    const prefix = fingerprintPrefix(id.identity);
    const handler = new RecordHandler(prefix, o.format, ctx);
    committer = new Committer(
      o.db,
      o.importId,
      { importId: o.importId, sourceId: o.sourceId ?? null, origin: o.input.origin },
      o.sourceId ?? null,
      options,
      totals,
    );
    const mode = chooseMode(head.buf.subarray(0, IDENTITY_BYTES), o.format, o.csv);
    if (mode.kind === 'document') start = { offset: 0, line: 0 }; // a document is read again whole
    // Plain file resumed far from its start: reopen at the resume point rather than reading the skipped part.
    let chunks: AsyncIterable<Buffer>;
    let rawBase = 0;
    if (!gzip && !o.input.upload && start.offset > head.buf.length && !head.error) {
      await reader.return(undefined);
      rawBase = start.offset;
      chunks = o.input.open(start.offset, o.limits.readChunkBytes);
    } else {
      chunks = fromOffset(head.parts, head.error, reader, start.offset);
    }
    state = { o, handler, committer, progress, counter, ctx, options, start, chunks, rawBase, note: null };
    if (mode.kind === 'document') await readDocument(state, mode.format);
    else if (mode.kind === 'frames') await readFrames(state);
    else await readLines(state, mode.kind === 'csv');
    await committer.drain();
    if (o.control.stop) {
      status = o.control.stop === 'cancel' ? 'cancelled' : 'interrupted';
      message = status === 'cancelled' ? 'Import annulé.' : 'Import interrompu : il peut être repris.';
    } else {
      message = state.note;
    }
  } catch (e) {
    await committer?.drain().catch(() => undefined);
    status = o.control.stop === 'interrupt' ? 'interrupted' : o.control.stop === 'cancel' ? 'cancelled' : 'failed';
    message = failureMessage(e, status);
  }
  const final = committer?.totals ?? totals;
  const current = await readImport(o.db, o.importId).catch(() => null);
  if (current) {
    await o.db
      .run('UPDATE imports SET status = ?, ended_at = ?, message = ? WHERE id = ?', [status, Date.now(), message, o.importId])
      .catch(() => undefined);
  }
  const bytes = current?.bytes_done ?? start.offset;
  progress.final(status, state ? Math.max(bytes, state.rawBase + state.counter.raw) : bytes, final, message);
  return current ? getImport(o.db, o.importId) : Promise.reject(new VigieError('UNAVAILABLE', 'Coffre fermé pendant l’import.'));
}

function failureMessage(e: unknown, status: ImportStatus): string {
  if (status === 'cancelled') return 'Import annulé.';
  if (status === 'interrupted') return 'Import interrompu : il peut être repris.';
  if (e instanceof VigieError) return e.message;
  const code = (e as NodeJS.ErrnoException)?.code;
  const text = e instanceof Error ? e.message : String(e);
  if (code?.startsWith('SQLITE')) return `Écriture dans le coffre impossible (${code}) : ${text}`;
  return code ? `Erreur de lecture (${code}) : ${text}` : `Échec de l’import : ${text}`;
}

/** The first 64 KiB (or all) of the decoded input; a decompression error there is kept for later. */
async function readHead(
  reader: AsyncGenerator<Buffer>,
): Promise<{ parts: Buffer[]; buf: Buffer; error: DecompressionError | null }> {
  const parts: Buffer[] = [];
  let len = 0;
  try {
    while (len < IDENTITY_BYTES) {
      const n = await reader.next();
      if (n.done) break;
      parts.push(n.value);
      len += n.value.length;
    }
  } catch (e) {
    if (!(e instanceof DecompressionError)) throw e;
    return { parts, buf: Buffer.concat(parts), error: e };
  }
  return { parts, buf: Buffer.concat(parts), error: null };
}

/** Head parts then the rest of the reader, without the bytes before `offset`; a head error is rethrown in place. */
async function* fromOffset(
  parts: Buffer[],
  headError: DecompressionError | null,
  reader: AsyncGenerator<Buffer>,
  offset: number,
): AsyncGenerator<Buffer> {
  let pos = 0;
  const cut = function* (chunk: Buffer): Generator<Buffer> {
    const end = pos + chunk.length;
    if (end > offset) yield pos >= offset ? chunk : chunk.subarray(offset - pos);
    pos = end;
  };
  try {
    for (const p of parts) yield* cut(p);
    if (headError) throw headError;
    for (;;) {
      const n = await reader.next();
      if (n.done) return;
      yield* cut(n.value);
    }
  } finally {
    await reader.return(undefined);
  }
}
