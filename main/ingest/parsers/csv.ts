/**
 * CSV exports (hospital applications, portals) read with a saved column
 * mapping (`CsvMapping`: delimiter, header row, column → field, timestamp
 * format, constants). The text is cut into records by `splitCsvRecords`
 * (quoted newlines, damage contained), each record is split by csv-parse
 * (sync) and mapped by `recordToEvent`.
 *
 * `parseCsvDocument` is the entry for whole files (one result per record,
 * with its position and raw text). `csvParser.parse` takes a CSV text too
 * (header first when the mapping says so) and fails as a whole on the first
 * bad record; CSV is never auto-detected line by line (`sniff` is 0).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { recordGuard } from '../detect';
import type { CsvMapping, ParseContext, ParseResult, Parser } from '../types';
import { recordToEvent, resolveColumns, validateCsvMapping } from './csv-map';
import { splitCsvRecords } from './csv-split';

export interface CsvRecordResult {
  /** 1-based data record number (the header row is not counted). */
  record: number;
  /** 1-based lines the record spans. */
  line: number;
  endLine: number;
  /** Human-readable position, as stored in quarantine (`line 12`, `lines 12-14`). */
  position: string;
  /** The record text as read (before pseudonymisation: quarantine keeps raw bytes). */
  raw: string;
  result: ParseResult;
}

export interface CsvDocumentResult {
  /** The header row's cells (when the mapping has a header). */
  header?: string[];
  results: CsvRecordResult[];
}

export const NO_MAPPING_REASON =
  'CSV needs a saved column mapping (which column is @timestamp, user.name…): choose one, or pass --csv-mapping FILE.json';

type Cells = { ok: true; cells: string[] } | { ok: false; reason: string };

function splitCells(text: string, delimiter: string): Cells {
  try {
    const rows = parseCsv(text, {
      delimiter,
      quote: '"',
      relax_quotes: true,
      trim: true,
      relax_column_count: true,
      record_delimiter: '\n',
      skip_empty_lines: false,
    }) as string[][];
    if (rows.length !== 1) return { ok: false, reason: `splits into ${rows.length} records` };
    return { ok: true, cells: rows[0] };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message.replace(/\s+"[\s\S]*$/, '') : String(e) };
  }
}

function positionOf(line: number, endLine: number): string {
  return line === endLine ? `line ${line}` : `lines ${line}-${endLine}`;
}

/** Parses a whole CSV text with `mapping`: one result per record (blank lines are not records). */
export function parseCsvDocument(text: string, mapping: CsvMapping, ctx: ParseContext): CsvDocumentResult {
  const results: CsvRecordResult[] = [];
  const mappingError = validateCsvMapping(mapping);
  const delimiter = mapping.delimiter ?? ',';
  let header: string[] | undefined;
  let columns: ReturnType<typeof resolveColumns> | undefined;
  let record = 0;
  const splitDelimiter = mappingError ? ',' : delimiter;
  const parseOne = (raw: string, broken: string | undefined, where: string): ParseResult => {
    if (mappingError) return { ok: false, code: 'missing-field', reason: `CSV mapping "${mapping.name}": ${mappingError}` };
    const guard = recordGuard(raw, ctx.limits);
    if (guard) return { ...guard, reason: `${where}: ${guard.reason}` };
    if (broken) return { ok: false, code: 'unparseable', reason: `${where}: ${broken}` };
    columns ??= resolveColumns(mapping, undefined);
    if (!columns.ok) return { ok: false, code: 'missing-field', reason: `${where}: ${columns.reason}` };
    const cells = splitCells(raw, delimiter);
    if (!cells.ok) return { ok: false, code: 'unparseable', reason: `${where}: ${cells.reason}` };
    try {
      return recordToEvent(cells.cells, raw, columns.columns, mapping, ctx, where);
    } catch (e) {
      return { ok: false, code: 'unparseable', reason: `${where}: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
  for (const chunk of splitCsvRecords(text, splitDelimiter, ctx.limits.maxRecordBytes)) {
    if (chunk.text.trim() === '' && !chunk.broken) continue;
    const base = { line: chunk.line, endLine: chunk.endLine, position: positionOf(chunk.line, chunk.endLine), raw: chunk.text };
    if (mapping.header && header === undefined) {
      const cells = chunk.broken ? { ok: false as const, reason: chunk.broken } : splitCells(chunk.text, splitDelimiter);
      header = cells.ok ? cells.cells.map((c) => c.trim()) : [];
      if (!mappingError) columns = resolveColumns(mapping, header);
      if (!cells.ok) {
        const result: ParseResult = { ok: false, code: 'unparseable', reason: `header row: ${cells.reason}` };
        results.push({ record: 0, ...base, result });
      }
      continue;
    }
    record++;
    const where = `record ${record} (${base.position})`;
    results.push({ record, ...base, result: parseOne(chunk.text, chunk.broken, where) });
  }
  return { header, results };
}

function parse(record: string, ctx: ParseContext): ParseResult {
  if (!ctx.csv) return { ok: false, code: 'unparseable', reason: NO_MAPPING_REASON };
  try {
    const doc = parseCsvDocument(record, ctx.csv, ctx);
    const events = [];
    for (const r of doc.results) {
      if (!r.result.ok) return r.result;
      events.push(...r.result.events);
    }
    if (events.length === 0) return { ok: false, code: 'empty', reason: 'no CSV data record (header only or blank)' };
    return { ok: true, events };
  } catch (e) {
    return { ok: false, code: 'unparseable', reason: `CSV: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export const csvParser: Parser = { format: 'csv', sniff: () => 0, parse };
