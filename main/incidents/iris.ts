/**
 * DFIR-IRIS timeline CSV (the format of IRIS's "upload CSV" timeline import):
 *
 *   event_date,event_tz,event_title,event_category,event_content,event_raw,event_source,event_assets,event_iocs,event_tags
 *
 * `event_date` is the local time `YYYY-MM-DDTHH:MM:SS.mmm` in the UTC offset
 * `event_tz` (`+00:00`); assets are separated by `;`, IOCs and tags by `|`
 * (as IRIS reads them). Import de-duplicates (same instant, title, category,
 * content, raw and source = same entry) and skips the incident's own
 * automatic entries (marked in `event_raw`); export writes every entry in its
 * own offset (automatic ones in Paris time), so export → import → export
 * gives the same file.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FileExport, IrisImportResult } from '../api/ops/incidents';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { incidentRow, writableIncident } from './queries';
import { insertEntries, listTimeline, normaliseOffset, offsetMinutes, prepareEntry, readAutoMark, type PreparedEntry } from './timeline';
import { recordEvent } from './update';

export const IRIS_COLUMNS = [
  'event_date',
  'event_tz',
  'event_title',
  'event_category',
  'event_content',
  'event_raw',
  'event_source',
  'event_assets',
  'event_iocs',
  'event_tags',
] as const;
export const IRIS_HEADER = IRIS_COLUMNS.join(',');
export const IRIS_MAX_ROWS = 50_000;
const MAX_REPORTED = 100;

type IrisRecord = Record<(typeof IRIS_COLUMNS)[number], string>;

const split = (v: string, sep: RegExp) => v.split(sep).map((s) => s.trim()).filter(Boolean);

/** `event_date` (+ offset) → epoch ms. A date carrying its own offset or `Z` wins over `event_tz`. */
export function parseIrisDate(date: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(date.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, own] = m;
  const offset = own ? normaliseOffset(own) : tz;
  if (!offset) return null;
  const ms = Number((frac ?? '0').padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'), ms);
  const check = new Date(local);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return null;
  return local - offsetMinutes(offset) * 60_000;
}

/** Epoch ms → `YYYY-MM-DDTHH:MM:SS.mmm` in the offset `tz`. */
export function formatIrisDate(ts: number, tz: string): string {
  return new Date(ts + offsetMinutes(tz) * 60_000).toISOString().slice(0, 23);
}

/** Parses an IRIS timeline CSV; rows that cannot be read are reported with their line number. */
export function parseIrisCsv(csv: string): { entries: PreparedEntry[]; rejected: IrisImportResult['rejected']; rejectedCount: number } {
  let records: { record: IrisRecord; line: number }[];
  try {
    records = (parse(csv, {
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        const missing = IRIS_COLUMNS.filter((c) => !names.includes(c));
        const extra = names.filter((n) => !(IRIS_COLUMNS as readonly string[]).includes(n));
        if (missing.length || extra.length) {
          throw new VigieError('VALIDATION', `En-tête CSV DFIR-IRIS attendu : ${IRIS_HEADER}`, { missing, extra });
        }
        return names;
      },
      skip_empty_lines: true,
      relax_column_count: false,
      info: true,
      to: IRIS_MAX_ROWS,
    }) as { record: IrisRecord; info: { lines: number } }[]).map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (e) {
    if (e instanceof VigieError) throw e;
    throw new VigieError('VALIDATION', `CSV illisible : ${(e as Error).message}`);
  }
  const entries: PreparedEntry[] = [];
  const rejected: IrisImportResult['rejected'] = [];
  let rejectedCount = 0;
  const reject = (line: number, message: string) => {
    rejectedCount++;
    if (rejected.length < MAX_REPORTED) rejected.push({ line, message });
  };
  for (const { record: r, line } of records) {
    const tz = normaliseOffset(r.event_tz);
    if (!tz) {
      reject(line, `event_tz invalide : ${r.event_tz}`);
      continue;
    }
    const ts = parseIrisDate(r.event_date, tz);
    if (ts === null) {
      reject(line, `event_date invalide : ${r.event_date}`);
      continue;
    }
    try {
      entries.push(
        prepareEntry({
          at: ts,
          tz,
          title: r.event_title,
          category: r.event_category,
          content: r.event_content,
          raw: r.event_raw,
          source: r.event_source,
          assets: split(r.event_assets, /;/),
          iocs: split(r.event_iocs, /\|/),
          tags: split(r.event_tags, /[|,]/),
        }),
      );
    } catch (e) {
      reject(line, (e as Error).message);
    }
  }
  return { entries, rejected, rejectedCount };
}

/**
 * The entries of a file that are this incident's own automatic entries (an
 * export re-imported): marked with this incident's uuid and one of its
 * history rows, or identical to one of its automatic entries.
 */
async function ownAutomatic(db: Db, incidentId: number, uuid: string | null, entries: readonly PreparedEntry[]): Promise<Set<PreparedEntry>> {
  const auto = await listTimeline(db, incidentId, { automatic: true });
  const historyIds = new Set(auto.filter((e) => e.kind === 'auto').map((e) => Number(e.id.slice(1))));
  const hashes = new Set(
    auto.filter((e) => e.kind === 'auto').map((e) => prepareEntry({ ...e, at: Date.parse(e.at) }).dedup),
  );
  const own = new Set<PreparedEntry>();
  for (const e of entries) {
    const mark = readAutoMark(e.raw);
    if ((mark && uuid != null && mark.incident === uuid && historyIds.has(mark.history)) || hashes.has(e.dedup)) own.add(e);
  }
  return own;
}

/**
 * Imports an IRIS CSV into the incident's timeline. Idempotent: entries already
 * there, and the incident's own automatic entries (from one of its exports),
 * are counted as duplicates and not stored. Automatic entries of another
 * incident are imported like any entry, their source and raw marker kept.
 */
export async function importIrisTimeline(db: Db, incidentId: number, csv: string, actor: string): Promise<IrisImportResult> {
  const { entries, rejected, rejectedCount } = parseIrisCsv(csv);
  return db.transaction(async (tx) => {
    const incident = await writableIncident(tx, incidentId);
    const own = await ownAutomatic(tx, incidentId, incident.uuid ?? null, entries);
    const imported = await insertEntries(tx, incidentId, entries.filter((e) => !own.has(e)), 'iris', actor);
    const duplicates = entries.length - imported;
    if (imported > 0) {
      await recordEvent(tx, incidentId, {
        actor,
        field: 'timeline.import',
        to: `${imported} entrée(s) importée(s) (DFIR-IRIS CSV), ${duplicates} doublon(s), ${rejectedCount} rejetée(s)`,
      });
    }
    return { imported, duplicates, rejected };
  });
}

/** The timeline as an IRIS CSV (with the entries derived from the history unless `automatic` is false). */
export async function exportIrisTimeline(db: Db, incidentId: number, opts: { automatic?: boolean } = {}): Promise<FileExport> {
  await incidentRow(db, incidentId);
  const entries = await listTimeline(db, incidentId, { automatic: opts.automatic ?? true });
  const rows = entries.map((e) => [
    formatIrisDate(Date.parse(e.at), e.tz),
    e.tz,
    e.title,
    e.category,
    e.content,
    e.raw,
    e.source,
    e.assets.join(';'),
    e.iocs.join('|'),
    e.tags.join('|'),
  ]);
  const body = stringify(rows, { quoted: true, quoted_empty: true, record_delimiter: 'unix' });
  return { filename: `incident-${incidentId}-timeline-iris.csv`, mime: 'text/csv', content: `${IRIS_HEADER}\n${body}` };
}
