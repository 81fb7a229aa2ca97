import type { ReprocessResult } from '../../api/ops/ingest';
import type { NormalizedEvent } from '../../events/types';
import { writeEvents } from '../../events/writer';
import { Pseudonymiser } from '../../privacy/pseudonym';
import type { Db } from '../../store/db';
import { checkUtf8, createParseContext, parseRecord } from '../registry';
import { DEFAULT_LIMITS, type CsvMapping, type FormatChoice, type ParseResult, type QuarantineCode } from '../types';
import { loadCsvMapping } from './csv-mappings';
import { eventFingerprint } from './fingerprint';
import { parseOptions, type ImportOptions } from './imports';
import { pipelineLimits } from './limits';
import type { QuarantineDbRow } from './quarantine';
import { eventProblem, parseCsvRecord } from './records';

export interface ReprocessRequest {
  ids?: readonly number[];
  all?: boolean;
  /** Default: the format the record's import asked for ('auto' for listener records). */
  format?: FormatChoice;
}

/** Codes whose kept bytes are not the whole record: parsing them again cannot succeed. */
const FINAL: ReadonlySet<string> = new Set<QuarantineCode>(['too-long', 'decompression']);
const PAGE = 500;

interface ImportCtx {
  format: FormatChoice;
  options: ImportOptions;
  csv: CsvMapping | null;
}

/**
 * Runs the current parsers again on quarantined records (after a parser fix,
 * or with another format). A record that now parses is stored with the
 * fingerprint it had in quarantine (so it is never doubled), and its
 * quarantine row is marked resolved; the others get the new reason. The
 * import's totals move from quarantined to stored (or duplicates).
 */
export async function reprocessQuarantine(db: Db, req: ReprocessRequest): Promise<ReprocessResult> {
  const pseudonymiser = await Pseudonymiser.fromDb(db);
  const imports = new Map<number, ImportCtx>();
  const result: ReprocessResult = { tried: 0, stored: 0, stillQuarantined: 0 };
  let after = 0;
  for (;;) {
    const rows = await nextPage(db, req, after);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const outcomes: Outcome[] = [];
    for (const row of rows) {
      const ic = row.import_id === null ? null : await importCtx(db, imports, row.import_id);
      outcomes.push(reparse(row, ic, req.format, (id, system) => pseudonymiser.pseudonymise(id, system)));
    }
    await apply(db, rows, outcomes, result);
    if (req.ids) break;
  }
  return result;
}

type Outcome = { ok: true; events: NormalizedEvent[] } | { ok: false; code: QuarantineCode; reason: string; format: string | null };

async function nextPage(db: Db, req: ReprocessRequest, after: number): Promise<QuarantineDbRow[]> {
  if (req.ids) {
    const ids = [...new Set(req.ids)].slice(0, 1000);
    if (ids.length === 0) return [];
    return db.all<QuarantineDbRow>(
      `SELECT * FROM quarantine WHERE resolved_event_id IS NULL AND id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`,
      ids,
    );
  }
  if (!req.all) return [];
  return db.all<QuarantineDbRow>('SELECT * FROM quarantine WHERE resolved_event_id IS NULL AND id > ? ORDER BY id LIMIT ?', [
    after,
    PAGE,
  ]);
}

async function importCtx(db: Db, cache: Map<number, ImportCtx>, importId: number): Promise<ImportCtx | null> {
  if (cache.has(importId)) return cache.get(importId) ?? null;
  const row = await db.get<{ format: string; options: string | null }>('SELECT format, options FROM imports WHERE id = ?', [importId]);
  if (!row) return null;
  const options = parseOptions(row.options);
  const csv = options.csvMapping ? await loadCsvMapping(db, options.csvMapping).catch(() => null) : null;
  const ic: ImportCtx = { format: row.format as FormatChoice, options, csv };
  cache.set(importId, ic);
  return ic;
}

function reparse(
  row: QuarantineDbRow,
  ic: ImportCtx | null,
  requested: FormatChoice | undefined,
  pseudonymise: (identifier: string, system?: string) => string,
): Outcome {
  const keep = { code: row.code as QuarantineCode, reason: row.reason, format: row.format };
  if (FINAL.has(row.code)) return { ok: false, ...keep };
  const raw = Buffer.isBuffer(row.raw) ? row.raw : Buffer.from(row.raw ?? '');
  const bad = checkUtf8(raw);
  if (bad) return { ok: false, code: 'invalid-utf8', reason: bad, format: row.format };
  const text = raw.toString('utf8');
  const limits = pipelineLimits(ic?.options.limits);
  const o = ic?.options ?? {};
  const ctx = createParseContext({
    pseudonymise,
    timezone: o.timezone,
    receivedAt: new Date(row.created_at),
    service: o.service,
    dataset: o.dataset,
    csv: ic?.csv ?? undefined,
    limits: {
      ...DEFAULT_LIMITS,
      maxRecordBytes: row.position === 'document' ? limits.maxDocumentBytes : limits.maxLineBytes,
    },
  });
  const format = requested ?? ic?.format ?? 'auto';
  let r: ParseResult & { format?: string };
  if (ic?.csv && (format === 'csv' || format === 'auto')) r = { ...parseCsvRecord(text, ic.csv, o.csvHeader ?? null, ctx), format: 'csv' };
  else r = parseRecord(text, format, ctx);
  const fmt = r.format ?? (format === 'auto' ? null : format);
  if (!r.ok) return { ok: false, code: r.code, reason: r.reason, format: fmt };
  if (r.events.length === 0) return { ok: false, code: 'unparseable', reason: 'the parser produced no event', format: fmt };
  for (const e of r.events) {
    const p = eventProblem(e);
    if (p) return { ok: false, ...p, format: fmt };
  }
  return { ok: true, events: r.events };
}

async function apply(db: Db, rows: QuarantineDbRow[], outcomes: Outcome[], result: ReprocessResult): Promise<void> {
  const now = Date.now();
  const events: NormalizedEvent[] = [];
  const fps: string[] = [];
  rows.forEach((row, i) => {
    const o = outcomes[i];
    if (o.ok) o.events.forEach((e, k) => (events.push(e), fps.push(eventFingerprint(row.fingerprint, k))));
  });
  await db.transaction(async (tx) => {
    if (events.length > 0) await writeEvents(tx, events, { fingerprint: (_e, i) => fps[i] });
    const okRows = rows.filter((_r, i) => outcomes[i].ok);
    const ids = new Map<string, number>();
    for (let s = 0; s < okRows.length; s += PAGE) {
      const part = okRows.slice(s, s + PAGE).map((r) => r.fingerprint);
      const found = await tx.all<{ id: number; fingerprint: string }>(
        `SELECT id, fingerprint FROM events WHERE fingerprint IN (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const f of found) ids.set(f.fingerprint, f.id);
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const o = outcomes[i];
      result.tried++;
      const eventId = o.ok ? ids.get(row.fingerprint) : undefined;
      if (o.ok && eventId !== undefined) {
        result.stored++;
        await tx.run('UPDATE quarantine SET resolved_event_id = ?, reprocessed_at = ? WHERE id = ?', [eventId, now, row.id]);
        if (row.import_id !== null) {
          await tx.run('UPDATE imports SET quarantined = max(0, quarantined - 1), stored = stored + ? WHERE id = ?', [
            o.events.length,
            row.import_id,
          ]);
          // One record may yield several events: `in` follows so that in = stored + quarantined + duplicates.
          await tx.run('UPDATE imports SET records_in = records_in + ? WHERE id = ?', [o.events.length - 1, row.import_id]);
        }
      } else {
        result.stillQuarantined++;
        const f = o.ok ? { code: 'unparseable', reason: 'event not found after writing', format: row.format } : o;
        await tx.run('UPDATE quarantine SET code = ?, reason = ?, format = ?, reprocessed_at = ? WHERE id = ?', [
          f.code,
          f.reason,
          f.format,
          now,
          row.id,
        ]);
      }
    }
  });
}
