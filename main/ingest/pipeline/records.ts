import { toEpochMs, validateEvent } from '../../events/columns';
import type { NormalizedEvent } from '../../events/types';
import { parseCsvDocument } from '../parsers/csv';
import { parseRecord } from '../registry';
import type { CsvMapping, FormatChoice, ParseContext, ParseResult, QuarantineCode } from '../types';
import { eventFingerprint, offsetPosition, recordFingerprint } from './fingerprint';
import type { LineSink } from './lines';
import type { QuarantineEntry } from './quarantine';

/** What accumulates between two commits. */
export class Batch {
  events: NormalizedEvent[] = [];
  fingerprints: string[] = [];
  quarantine: QuarantineEntry[] = [];
  /** Items in: events produced + records quarantined. */
  items = 0;
  /** Blank lines met (not records: counted beside the items). */
  blank = 0;
  /** Approximate bytes held (record texts). */
  bytes = 0;

  get size(): number {
    return this.events.length + this.quarantine.length;
  }
}

/** Cuts a big batch (a whole document's events) into commits of at most `n` events. */
export function splitBatch(b: Batch, n: number): Batch[] {
  if (b.events.length <= n) return [b];
  const out: Batch[] = [];
  for (let s = 0; s < b.events.length; s += n) {
    const part = new Batch();
    part.events = b.events.slice(s, s + n);
    part.fingerprints = b.fingerprints.slice(s, s + n);
    part.items = part.events.length;
    out.push(part);
  }
  out[0].quarantine = b.quarantine;
  out[0].blank = b.blank;
  out[0].items += b.items - b.events.length;
  return out;
}

/** Null when the event can be stored, else why not (a parser bug must not reject a whole batch). */
export function eventProblem(e: NormalizedEvent): { code: QuarantineCode; reason: string } | null {
  try {
    validateEvent(e, 0);
  } catch (err) {
    return { code: 'unparseable', reason: `the parser produced an invalid event: ${(err as Error).message.replace(/^Event #0: /, '')}` };
  }
  try {
    toEpochMs(e['@timestamp']);
    if (e['event.ingested'] !== undefined) toEpochMs(e['event.ingested'], 'event.ingested');
  } catch (err) {
    return { code: 'invalid-timestamp', reason: (err as Error).message };
  }
  return null;
}

/**
 * Turns records into batch content: parse (registry), validate, fingerprint,
 * or quarantine with the reason. Every record ends as events or one
 * quarantine entry, never both, never neither.
 */
export class RecordHandler implements LineSink {
  batch = new Batch();
  /** What a numbered position counts: lines of a file, or frames of an octet-counted syslog capture. */
  unit: 'line' | 'frame' = 'line';

  constructor(
    private readonly prefix: string,
    private readonly format: FormatChoice,
    private readonly ctx: ParseContext,
  ) {}

  /** Hands the current batch over and starts a new one. */
  take(): Batch {
    const b = this.batch;
    this.batch = new Batch();
    return b;
  }

  text(text: string, offset: number, line: number): void {
    const fp = recordFingerprint(this.prefix, offsetPosition(offset), text);
    this.batch.bytes += text.length;
    this.result(parseRecord(text, this.format, this.ctx), fp, text, line);
  }

  blank(): void {
    this.batch.blank++;
  }

  bad(code: QuarantineCode, reason: string, raw: Buffer, offset: number, line: number): void {
    this.quarantine(raw, recordFingerprint(this.prefix, offsetPosition(offset), raw), `${this.unit} ${line}`, null, code, reason);
  }

  /**
   * A failure that is not one record's content (decompression stopped, a document too big or not UTF-8):
   * its fingerprint includes the code so that it never collides with a record at the same offset.
   */
  failure(code: QuarantineCode, reason: string, raw: Buffer, offset: number, position: string): void {
    const fp = recordFingerprint(this.prefix, offsetPosition(offset), Buffer.concat([Buffer.from(`${code}:`), raw]));
    this.quarantine(raw, fp, position, null, code, reason);
  }

  /** A whole document (FHIR JSON, ATNA XML) parsed with a document-sized limit. */
  document(text: string, format: FormatChoice, ctx: ParseContext): void {
    const fp = recordFingerprint(this.prefix, offsetPosition(0), text);
    this.batch.bytes += text.length;
    this.result(parseRecord(text, format, ctx), fp, text, 'document');
  }

  /** One CSV record (possibly several lines), parsed alone against the mapping (header row prepended). */
  csvRecord(text: string, offset: number, line: number, endLine: number, mapping: CsvMapping, header: string | null): void {
    const fp = recordFingerprint(this.prefix, offsetPosition(offset), text);
    const position = line === endLine ? `line ${line}` : `lines ${line}-${endLine}`;
    this.batch.bytes += text.length;
    this.result(parseCsvRecord(text, mapping, header, this.ctx), fp, text, position, 'csv');
  }

  quarantine(raw: Buffer, fp: string, position: string, format: string | null, code: QuarantineCode, reason: string): void {
    const b = this.batch;
    b.quarantine.push({ position, raw, format: format ?? this.requested(), code, reason, fingerprint: fp });
    b.items++;
    b.bytes += raw.length;
  }

  private requested(): string | null {
    return this.format === 'auto' ? null : this.format;
  }

  private positionOf(where: number | string): string {
    return typeof where === 'number' ? `${this.unit} ${where}` : where;
  }

  /** `where`: a line number (the position string is only built for the quarantine) or a position. */
  private result(r: ParseResult & { format?: string }, fp: string, text: string, where: number | string, format?: string): void {
    const fmt = format ?? r.format ?? this.requested();
    if (!r.ok) {
      this.quarantine(Buffer.from(text, 'utf8'), fp, this.positionOf(where), fmt, r.code, r.reason);
      return;
    }
    const events = r.events;
    if (events.length === 0) {
      this.quarantine(Buffer.from(text, 'utf8'), fp, this.positionOf(where), fmt, 'unparseable', 'the parser produced no event');
      return;
    }
    for (let k = 0; k < events.length; k++) {
      const problem = eventProblem(events[k]);
      if (problem) {
        const reason = events.length > 1 ? `event ${k + 1} of ${events.length}: ${problem.reason}` : problem.reason;
        this.quarantine(Buffer.from(text, 'utf8'), fp, this.positionOf(where), fmt, problem.code, reason);
        return;
      }
    }
    const b = this.batch;
    for (let k = 0; k < events.length; k++) {
      b.events.push(events[k]);
      b.fingerprints.push(eventFingerprint(fp, k));
    }
    b.items += events.length;
  }
}

/** Parses one CSV record with `mapping`; `header` is the file's header row when the mapping has one. */
export function parseCsvRecord(text: string, mapping: CsvMapping, header: string | null, ctx: ParseContext): ParseResult {
  if (mapping.header && header === null) {
    return { ok: false, code: 'missing-field', reason: 'CSV header row missing: cannot map the columns' };
  }
  const doc = parseCsvDocument(mapping.header ? `${header}\n${text}` : text, mapping, ctx);
  const problems = doc.results.filter((r) => !r.result.ok);
  if (problems.length > 0) {
    const r = problems[0].result;
    // Positions inside this one-record text mean nothing to the user: the quarantine row has the real one.
    return r.ok ? r : { ...r, reason: r.reason.replace(/^record \d+ \(lines? [\d-]+\): /, '') };
  }
  const events = doc.results.flatMap((r) => (r.result.ok ? r.result.events : []));
  if (events.length === 0) return { ok: false, code: 'empty', reason: 'no CSV data in this record' };
  return { ok: true, events };
}
