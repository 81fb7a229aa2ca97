/**
 * `search.export`: the events of a search as CSV or JSON, and the record of
 * it in the append-only `exports` table (who, when, which query and range,
 * format, rows, SHA-256 of the content). The handler also writes the vault's
 * audit_log.
 */
import { createHash } from 'node:crypto';
import type { Page } from '../api/contract';
import { EXPORT_MAX_ROWS, type ExportRecord, type SearchExport } from '../api/ops/search';
import { rowToNormalized, type EventDbRow } from '../events/columns';
import type { Db } from '../store/db';
import { toCsv, type CsvValue } from './csv';
import { ftsMode, type Order } from './plan';
import { prepareSearchIn, type RangeInput } from './prepare';
import { fetchPage } from './search';


export interface ExportInput extends RangeInput {
  format: 'csv' | 'json';
  maxRows: number;
  sort?: Order;
}

/** CSV columns, in order: the ECS names of main/events/README.md. */
export const CSV_COLUMNS = [
  'id', '@timestamp', 'event.ingested', 'event.severity', 'service.name', 'host.name', 'process.name', 'event.dataset',
  'event.category', 'event.action', 'event.outcome', 'user.id', 'user.name', 'user.roles', 'source.ip', 'destination.ip',
  'health.patient.pseudonym', 'health.object', 'health.purpose_of_use', 'health.break_glass', 'message', 'event.original',
  'attributes',
] as const;

function csvRow(r: EventDbRow): CsvValue[] {
  const e = rowToNormalized(r);
  const values: Record<(typeof CSV_COLUMNS)[number], CsvValue> = {
    id: r.id,
    '@timestamp': String(e['@timestamp']),
    'event.ingested': e['event.ingested'] ? String(e['event.ingested']) : null,
    'event.severity': e['event.severity'],
    'service.name': e['service.name'],
    'host.name': e['host.name'],
    'process.name': e['process.name'],
    'event.dataset': e['event.dataset'],
    'event.category': e['event.category'],
    'event.action': e['event.action'],
    'event.outcome': e['event.outcome'],
    'user.id': e['user.id'],
    'user.name': e['user.name'],
    'user.roles': r.user_role,
    'source.ip': e['source.ip'],
    'destination.ip': e['destination.ip'],
    'health.patient.pseudonym': e['health.patient.pseudonym'],
    'health.object': e['health.object'],
    'health.purpose_of_use': e['health.purpose_of_use'],
    'health.break_glass': e['health.break_glass'] ?? false,
    message: e.message,
    'event.original': e['event.original'],
    attributes: r.attrs,
  };
  return CSV_COLUMNS.map((c) => values[c]);
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export async function exportEvents(db: Db, input: ExportInput, actor: string, now = Date.now()): Promise<SearchExport> {
  const p = await prepareSearchIn(db, input, now);
  const maxRows = Math.min(input.maxRows, EXPORT_MAX_ROWS);
  const rows =
    p.from < p.to ? await fetchPage(db, p, await ftsMode(db, p), input.sort ?? 'desc', maxRows + 1, 0, undefined, '*') : [];
  const truncated = rows.length > maxRows;
  const kept = rows.slice(0, maxRows);
  const content =
    input.format === 'csv'
      ? // BOM: spreadsheet software then reads the UTF-8 accents right.
        `\uFEFF${toCsv(CSV_COLUMNS, kept.map(csvRow))}`
      : `[\n${kept.map((r) => JSON.stringify({ id: r.id, ...rowToNormalized(r) })).join(',\n')}\n]\n`;
  const filename = `vigie-evenements-${stamp(now)}.${input.format}`;
  const sha256 = createHash('sha256').update(content, 'utf8').digest('hex');
  const res = await db.run(
    `INSERT INTO exports (ts, actor, query, range_from, range_to, format, rows, filename, sha256)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [now, actor, input.query, p.requested.from, p.requested.to, input.format, kept.length, filename, sha256],
  );
  return {
    filename,
    mime: input.format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json',
    content,
    rows: kept.length,
    truncated,
    exportId: res.lastID,
  };
}

interface ExportDbRow {
  id: number;
  ts: number;
  actor: string;
  query: string;
  range_from: number;
  range_to: number;
  format: 'csv' | 'json';
  rows: number;
  filename: string;
  sha256: string;
}

/** Exports, newest first. */
export async function listExports(db: Db, page: { limit: number; offset: number }): Promise<Page<ExportRecord>> {
  const total = (await db.get<{ n: number }>('SELECT count(*) AS n FROM exports'))?.n ?? 0;
  const rows = await db.all<ExportDbRow>('SELECT * FROM exports ORDER BY ts DESC, id DESC LIMIT ? OFFSET ?', [page.limit, page.offset]);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      at: new Date(r.ts).toISOString(),
      actor: r.actor,
      query: r.query,
      from: new Date(r.range_from).toISOString(),
      to: new Date(r.range_to).toISOString(),
      format: r.format,
      rows: r.rows,
      filename: r.filename,
      sha256: r.sha256,
    })),
  };
}
