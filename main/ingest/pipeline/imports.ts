import type { ImportRow, ImportStatus } from '../../api/ops/ingest';
import type { Page } from '../../api/contract';
import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import type { FormatChoice } from '../types';
import { sha256Hex } from './fingerprint';
import { IDENTITY_BYTES } from './limits';

/** What an import remembers besides its counters (the `imports.options` JSON). */
export interface ImportOptions {
  timezone?: string;
  csvMapping?: string;
  service?: string;
  dataset?: string;
  /** Uploaded from a browser: the bytes cannot be read again. */
  upload?: boolean;
  gzip?: boolean;
  /** How many leading bytes `identity` covers (< 64 KiB for small inputs). */
  identityBytes?: number;
  /** Where a resume continues: the line count at `bytes_done`. */
  line?: number;
  /** CSV: the header row, needed to re-process one quarantined record. */
  csvHeader?: string;
  /** Blank lines skipped so far (not records: beside `records_in`). */
  blankLines?: number;
  /** Test and benchmark tuning of the pipeline limits. */
  limits?: Record<string, number>;
}

export interface ImportDbRow {
  id: number;
  source_id: number | null;
  origin: string;
  identity: string;
  size: number | null;
  format: string;
  status: ImportStatus;
  started_at: number;
  ended_at: number | null;
  bytes_done: number;
  records_in: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  options: string | null;
  message: string | null;
}

export interface Totals {
  recordsIn: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  /** Blank lines skipped (not records, so not in `recordsIn`). */
  blank: number;
}

export function parseOptions(json: string | null): ImportOptions {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as ImportOptions) : {};
  } catch {
    return {};
  }
}

export function toImportRow(r: ImportDbRow): ImportRow {
  const o = parseOptions(r.options);
  return {
    id: r.id,
    sourceId: r.source_id,
    origin: r.origin,
    upload: o.upload === true,
    identity: r.identity,
    size: r.size,
    gzip: o.gzip === true,
    format: r.format as FormatChoice,
    timezone: o.timezone ?? null,
    csvMapping: o.csvMapping ?? null,
    status: r.status,
    startedAt: new Date(r.started_at).toISOString(),
    endedAt: r.ended_at === null ? null : new Date(r.ended_at).toISOString(),
    bytesDone: r.bytes_done,
    recordsIn: r.records_in,
    stored: r.stored,
    quarantined: r.quarantined,
    duplicates: r.duplicates,
    blankLines: o.blankLines ?? 0,
    resumable: o.upload !== true && (r.status === 'interrupted' || r.status === 'failed' || r.status === 'cancelled'),
    message: r.message,
  };
}

export async function createImport(
  db: Db,
  p: { origin: string; format: FormatChoice; sourceId?: number | null; size: number | null; options: ImportOptions; message?: string },
): Promise<number> {
  const r = await db.run(
    `INSERT INTO imports (source_id, origin, identity, size, format, status, started_at, options, message)
     VALUES (?, ?, '', ?, ?, 'running', ?, ?, ?)`,
    [p.sourceId ?? null, p.origin, p.size, p.format, Date.now(), JSON.stringify(p.options), p.message ?? null],
  );
  return r.lastID;
}

export async function readImport(db: Db, id: number): Promise<ImportDbRow> {
  const row = await db.get<ImportDbRow>('SELECT * FROM imports WHERE id = ?', [id]);
  if (!row) throw new VigieError('NOT_FOUND', `Import ${id} introuvable.`);
  return row;
}

export async function getImport(db: Db, id: number): Promise<ImportRow> {
  return toImportRow(await readImport(db, id));
}

export async function listImports(db: Db, page: { limit: number; offset: number }): Promise<Page<ImportRow>> {
  const total = (await db.get<{ n: number }>('SELECT count(*) AS n FROM imports'))?.n ?? 0;
  const rows = await db.all<ImportDbRow>('SELECT * FROM imports ORDER BY id DESC LIMIT ? OFFSET ?', [page.limit, page.offset]);
  return { total, items: rows.map(toImportRow) };
}

export async function finishImport(db: Db, id: number, status: ImportStatus, message: string | null): Promise<void> {
  await db.run('UPDATE imports SET status = ?, ended_at = ?, message = ? WHERE id = ?', [status, Date.now(), message, id]);
}

/** At vault open: imports left 'running' by a crash or a kill become 'interrupted' (resumable). */
export async function markInterruptedImports(db: Db): Promise<number> {
  const r = await db.run(
    `UPDATE imports SET status = 'interrupted', ended_at = ?,
       message = 'Import interrompu (arrêt de Vigie) : il peut être repris.'
     WHERE status = 'running'`,
    [Date.now()],
  );
  return r.changes;
}

/**
 * The identity of an input from its first bytes. A small input (< 64 KiB)
 * that starts with the whole of an earlier small input is the same stream,
 * grown: it takes the earlier identity (the longest such match), so the
 * records they share keep their fingerprints.
 */
export async function resolveIdentity(db: Db, head: Buffer): Promise<{ identity: string; identityBytes: number }> {
  const own = { identity: sha256Hex(head.subarray(0, IDENTITY_BYTES)), identityBytes: Math.min(head.length, IDENTITY_BYTES) };
  const rows = await db.all<{ identity: string; n: number }>(
    `SELECT DISTINCT identity, n FROM (
       SELECT identity, json_extract(options, '$.identityBytes') AS n FROM imports WHERE identity <> '')
     WHERE n BETWEEN 1 AND ? AND (n < ? OR identity = ?)
     ORDER BY n DESC`,
    [own.identityBytes, IDENTITY_BYTES, own.identity],
  );
  const hashes = new Map<number, string>([[own.identityBytes, own.identity]]);
  for (const r of rows) {
    let h = hashes.get(r.n);
    if (h === undefined) {
      h = sha256Hex(head.subarray(0, r.n));
      hashes.set(r.n, h);
    }
    if (h === r.identity) return { identity: r.identity, identityBytes: r.n };
  }
  return own;
}
