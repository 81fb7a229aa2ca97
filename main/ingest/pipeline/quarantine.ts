import type { Page } from '../../api/contract';
import type { QuarantineRow } from '../../api/ops/ingest';
import type { Db } from '../../store/db';
import type { QuarantineCode } from '../types';

/** A record on its way to quarantine. */
export interface QuarantineEntry {
  position: string;
  raw: Buffer;
  format: string | null;
  code: QuarantineCode;
  reason: string;
  fingerprint: string;
}

export interface QuarantineOrigin {
  importId: number | null;
  sourceId: number | null;
  origin: string;
}

const COLUMNS = [
  'import_id', 'source_id', 'origin', 'position', 'raw', 'format', 'code', 'reason', 'created_at', 'fingerprint',
] as const;
const ROWS_PER_STATEMENT = 500;
/** Reasons are for people: keep them readable and bounded. */
const MAX_REASON = 2000;

/**
 * Stores quarantine entries; a record already quarantined (same fingerprint:
 * the same file imported again) is skipped. Returns how many were new.
 * Runs inside the caller's transaction when there is one.
 */
export async function insertQuarantine(db: Db, from: QuarantineOrigin, entries: readonly QuarantineEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const now = Date.now();
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
  let inserted = 0;
  for (let s = 0; s < entries.length; s += ROWS_PER_STATEMENT) {
    const chunk = entries.slice(s, s + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const e of chunk) {
      params.push(
        from.importId, from.sourceId, from.origin, e.position, e.raw, e.format, e.code,
        e.reason.length > MAX_REASON ? e.reason.slice(0, MAX_REASON - 1) + '…' : e.reason, now, e.fingerprint,
      );
    }
    const sql = `INSERT INTO quarantine (${COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}
                 ON CONFLICT(fingerprint) DO NOTHING`;
    inserted += (await db.run(sql, params)).changes;
  }
  return inserted;
}

export interface QuarantineDbRow {
  id: number;
  import_id: number | null;
  source_id: number | null;
  origin: string;
  position: string;
  raw: Buffer;
  format: string | null;
  code: string;
  reason: string;
  created_at: number;
  fingerprint: string;
  reprocessed_at: number | null;
  resolved_event_id: number | null;
}

/** Bytes of raw shown by `quarantine.list`. */
export const RAW_PREVIEW_BYTES = 4096;

export function toQuarantineRow(r: QuarantineDbRow): QuarantineRow {
  const raw = Buffer.isBuffer(r.raw) ? r.raw : Buffer.from(r.raw ?? '');
  const head = raw.subarray(0, RAW_PREVIEW_BYTES);
  return {
    id: r.id,
    importId: r.import_id,
    sourceId: r.source_id,
    origin: r.origin,
    position: r.position,
    format: r.format,
    code: r.code as QuarantineCode,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
    reprocessedAt: r.reprocessed_at === null ? null : new Date(r.reprocessed_at).toISOString(),
    resolvedEventId: r.resolved_event_id,
    // TextDecoder (non-fatal) replaces invalid sequences with U+FFFD; a sequence cut at 4 KiB too.
    rawText: new TextDecoder('utf-8').decode(head),
    rawBase64: head.toString('base64'),
    rawLength: raw.length,
    rawTruncated: raw.length > head.length,
  };
}

export interface QuarantineFilter {
  limit: number;
  offset: number;
  importId?: number;
  code?: QuarantineCode;
  includeResolved?: boolean;
}

export async function listQuarantine(db: Db, f: QuarantineFilter): Promise<Page<QuarantineRow>> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!f.includeResolved) where.push('resolved_event_id IS NULL');
  if (f.importId !== undefined) {
    where.push('import_id = ?');
    params.push(f.importId);
  }
  if (f.code !== undefined) {
    where.push('code = ?');
    params.push(f.code);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await db.get<{ n: number }>(`SELECT count(*) AS n FROM quarantine ${clause}`, params))?.n ?? 0;
  const rows = await db.all<QuarantineDbRow>(
    `SELECT id, import_id, source_id, origin, position, substr(raw, 1, ${RAW_PREVIEW_BYTES + 1}) AS raw,
            length(raw) AS raw_length, format, code, reason, created_at, fingerprint, reprocessed_at, resolved_event_id
     FROM quarantine ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
    [...params, f.limit, f.offset],
  );
  return {
    total,
    items: rows.map((r) => {
      const row = toQuarantineRow(r);
      const length = (r as unknown as { raw_length: number }).raw_length;
      return { ...row, rawLength: length, rawTruncated: length > RAW_PREVIEW_BYTES };
    }),
  };
}
