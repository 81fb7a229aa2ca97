/**
 * The body of `vigie parse`: decides from the first 64 KiB whether the input
 * is one document (FHIR JSON, ATNA XML, CSV), octet-counted syslog frames
 * (RFC 6587/5425, cut by the syslog framer) or lines, then parses it
 * record by record through the registry and writes events / quarantine lines.
 */
import { parseCsvDocument } from '../ingest/parsers/csv';
import { checkUtf8, detectDocumentFormat, parseRecord, type RegistryResult } from '../ingest/registry';
import type { Format, FormatChoice, ParseContext } from '../ingest/types';
import { isTooLong, SyslogFramer, type FrameInfo } from '../ingest/parsers/framing';
import { peek, readAll, readLines } from './parse-input';
import { eventToJson, quarantineToJson, type LineWriter, type Tally } from './parse-output';

export interface Sinks {
  out: LineWriter;
  err: LineWriter;
  tally: Tally;
}

const HEAD_BYTES = 64 * 1024;
/** Largest whole FHIR/ATNA document (types.ts: 16 MiB) and CSV file read by the CLI. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
export const MAX_CSV_BYTES = 256 * 1024 * 1024;

type Mode =
  | { kind: 'lines'; format: FormatChoice }
  | { kind: 'frames'; format: 'syslog' | 'auto' }
  | { kind: 'document'; format: 'fhir' | 'atna' | 'csv' };

/** Syslog with octet counting (RFC 6587 / 5425): `MSG-LEN SP <PRI>…`. */
const OCTET_COUNTED = /^[1-9]\d{0,9} </;

function firstLineIsJson(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const nl = text.indexOf('\n');
  if (nl < 0) return false;
  try {
    JSON.parse(text.slice(0, nl));
    return true;
  } catch {
    return false;
  }
}

function chooseMode(format: FormatChoice, headText: string, ctx: ParseContext): { mode: Mode; notice?: string } {
  const kind = detectDocumentFormat(headText);
  if (format === 'csv') return { mode: { kind: 'document', format: 'csv' } };
  if ((format === 'syslog' || format === 'auto') && OCTET_COUNTED.test(headText)) {
    return { mode: { kind: 'frames', format } };
  }
  if (format === 'fhir') {
    const ndjson = firstLineIsJson(headText);
    return { mode: ndjson ? { kind: 'lines', format } : { kind: 'document', format } };
  }
  if (format === 'atna') {
    return { mode: kind === 'atna-document' ? { kind: 'document', format } : { kind: 'lines', format } };
  }
  if (format !== 'auto') return { mode: { kind: 'lines', format } };
  if (kind === 'fhir-document') return { mode: { kind: 'document', format: 'fhir' } };
  if (kind === 'atna-document') return { mode: { kind: 'document', format: 'atna' } };
  if (kind === 'csv') {
    if (ctx.csv) return { mode: { kind: 'document', format: 'csv' } };
    return {
      mode: { kind: 'lines', format },
      notice: 'the input looks like CSV with a header row: pass --format csv --csv-mapping FILE.json to import it',
    };
  }
  return { mode: { kind: 'lines', format } };
}

/** Records a result: events to stdout, or a quarantine line to stderr (queued; see `drain`). */
function emit(r: RegistryResult, position: string, s: Sinks, offset?: number, format?: Format): void {
  if (r.ok) {
    for (const e of r.events) s.out.push(eventToJson(e, r.format ?? format));
    s.tally.ok(r.format ?? format, r.events.length);
  } else {
    s.tally.rejected(r.code);
    const f = r.format ?? format;
    const q = { position, ...(offset !== undefined ? { offset } : {}), code: r.code, reason: r.reason, ...(f ? { format: f } : {}) };
    s.err.push(quarantineToJson(q));
  }
}

/** Flushes both writers (honouring back-pressure); called after each batch. */
async function drain(s: Sinks): Promise<void> {
  await s.out.flush();
  await s.err.flush();
}

/** Lines that hold invalid UTF-8 (1-based), for CSV documents. */
function badUtf8Lines(bytes: Buffer): Set<number> {
  const bad = new Set<number>();
  let line = 1;
  let start = 0;
  for (let nl = bytes.indexOf(10); ; nl = bytes.indexOf(10, start)) {
    const end = nl < 0 ? bytes.length : nl;
    if (checkUtf8(bytes.subarray(start, end))) bad.add(line);
    if (nl < 0) return bad;
    start = nl + 1;
    line++;
  }
}

/** Empty lines of a CSV text outside any record (inside a quoted field they are part of a value). */
function blankCsvLines(text: string, records: readonly { line: number; endLine: number }[]): number {
  const covered = new Set<number>();
  for (const r of records) for (let l = r.line; l <= r.endLine; l++) covered.add(l);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the final LF does not open a line
  let n = 0;
  lines.forEach((l, i) => {
    if ((l === '' || l === '\r') && !covered.has(i + 1)) n++;
  });
  return n;
}

async function runDocument(all: AsyncIterable<Buffer>, format: 'fhir' | 'atna' | 'csv', ctx: ParseContext, s: Sinks) {
  const max = format === 'csv' ? MAX_CSV_BYTES : MAX_DOCUMENT_BYTES;
  const { bytes, size } = await readAll(all, max);
  if (!bytes) {
    return emit({ ok: false, code: 'too-long', reason: `document of ${size} bytes is over the limit of ${max} bytes` }, 'document', s, 0, format);
  }
  const utf8 = checkUtf8(bytes);
  if (format !== 'csv') {
    if (utf8) return emit({ ok: false, code: 'invalid-utf8', reason: utf8 }, 'document', s, 0, format);
    const limits = { ...ctx.limits, maxRecordBytes: Math.max(ctx.limits.maxRecordBytes, MAX_DOCUMENT_BYTES) };
    return emit(parseRecord(bytes.toString('utf8'), format, { ...ctx, limits }), 'document', s, 0, format);
  }
  if (!ctx.csv) throw new Error('CSV without a mapping');
  const bad = utf8 ? badUtf8Lines(bytes) : new Set<number>();
  const text = bytes.toString('utf8');
  const doc = parseCsvDocument(text, ctx.csv, ctx);
  s.tally.blank += blankCsvLines(text, doc.results);
  for (const r of doc.results) {
    let badLine = 0;
    for (let l = r.line; l <= r.endLine && bad.size > 0; l++) if (bad.has(l)) badLine = l;
    const result: RegistryResult = badLine
      ? { ok: false, code: 'invalid-utf8', reason: `invalid UTF-8 on line ${badLine} (the file must be UTF-8; re-export it)` }
      : r.result;
    emit(result, r.position, s, undefined, 'csv');
    if (r.record % 1000 === 0) await drain(s);
  }
}

async function runLines(all: AsyncIterable<Buffer>, format: FormatChoice, ctx: ParseContext, s: Sinks) {
  const max = ctx.limits.maxRecordBytes;
  for await (const batch of readLines(all, max)) {
    for (const l of batch) {
      const position = `line ${l.line}`;
      if (l.oversize !== undefined) {
        emit({ ok: false, code: 'too-long', reason: `line of ${l.oversize} bytes is over the limit of ${max} bytes` }, position, s, l.offset);
        continue;
      }
      if (l.bytes.length === 0) {
        s.tally.blank++; // not a record: skipped and counted, as in a vault import
        continue;
      }
      const text = l.bytes.toString('utf8');
      const bad = text.includes('\uFFFD') ? checkUtf8(l.bytes) : null;
      if (bad) emit({ ok: false, code: 'invalid-utf8', reason: bad }, position, s, l.offset);
      else emit(parseRecord(text, format, ctx), position, s, l.offset);
    }
    await drain(s);
  }
}

/** Octet-counted (or mixed) syslog frames, cut by the syslog framer; positions are frame numbers. */
async function runFrames(all: AsyncIterable<Buffer>, format: 'syslog' | 'auto', ctx: ParseContext, s: Sinks) {
  const max = ctx.limits.maxRecordBytes;
  const framer = new SyslogFramer({ maxFrameBytes: max });
  let n = 0;
  const handle = (f: FrameInfo) => {
    const position = `frame ${++n}`;
    if (isTooLong(f.frame)) {
      const size = f.frame.declaredLength ?? f.end - f.offset;
      emit({ ok: false, code: 'too-long', reason: `frame of ${size} bytes is over the limit of ${max} bytes` }, position, s, f.offset);
      return;
    }
    const text = f.frame.toString('utf8');
    const bad = text.includes('\uFFFD') ? checkUtf8(f.frame) : null;
    if (bad) emit({ ok: false, code: 'invalid-utf8', reason: bad }, position, s, f.offset);
    else emit(parseRecord(text, format, ctx), position, s, f.offset);
  };
  for await (const chunk of all) {
    for (const f of framer.pushDetailed(chunk)) handle(f);
    await drain(s);
  }
  for (const f of framer.endDetailed()) handle(f);
}

/** Parses the decoded input; returns how it was read (for the summary). */
export async function runParseInput(
  bytes: AsyncIterable<Buffer>,
  format: FormatChoice,
  ctx: ParseContext,
  s: Sinks,
): Promise<{ mode: string; format: string }> {
  const { head, all } = await peek(bytes, HEAD_BYTES);
  const { mode, notice } = chooseMode(format, head.toString('utf8'), ctx);
  if (notice) await s.err.write(JSON.stringify({ notice }));
  if (mode.kind === 'document') await runDocument(all, mode.format, ctx, s);
  else if (mode.kind === 'frames') await runFrames(all, mode.format, ctx, s);
  else await runLines(all, mode.format, ctx, s);
  await drain(s);
  return { mode: mode.kind, format: mode.format };
}
