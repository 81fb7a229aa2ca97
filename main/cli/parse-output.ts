/**
 * Output side of `vigie parse`: one JSON line per event on stdout (ECS names
 * as keys, `@timestamp` ISO UTC, `attributes` flattened beside the core
 * fields, `vigie.format` = the parser that read it), one
 * `{"quarantine": {...}}` line per rejected record and a final
 * `{"summary": {...}}` line on stderr (`in = stored + quarantined`; empty
 * lines are not records: skipped and counted as `blank`). Writes are batched and honour
 * back-pressure, so piping into a slow consumer keeps memory flat.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { NormalizedEvent } from '../events/types';
import type { Format, QuarantineCode } from '../ingest/types';

export class LineWriter {
  #parts: string[] = [];
  #size = 0;

  constructor(private readonly out: Writable) {}

  /** Queues a line; true when the batch is big enough to be flushed. */
  push(line: string): boolean {
    this.#parts.push(line, '\n');
    this.#size += line.length + 1;
    return this.#size >= 64 * 1024;
  }

  async write(line: string): Promise<void> {
    if (this.push(line)) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#parts.length === 0) return;
    const data = this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    if (!this.out.write(data)) await once(this.out, 'drain');
  }
}

function iso(v: Date | string): string {
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
}

/** The event as one flat JSON object (null/absent fields left out). */
export function eventToJson(e: NormalizedEvent, format: Format | undefined): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'attributes' || v === undefined || v === null) continue;
    out[k] = k === '@timestamp' || k === 'event.ingested' ? iso(v as Date | string) : v;
  }
  for (const [k, v] of Object.entries(e.attributes ?? {})) {
    if (!(k in out) && v !== undefined && v !== null) out[k] = v;
  }
  if (format) out['vigie.format'] = format;
  return JSON.stringify(out);
}

export interface Quarantined {
  position: string;
  offset?: number;
  code: QuarantineCode;
  reason: string;
  format?: Format;
}

export function quarantineToJson(q: Quarantined): string {
  return JSON.stringify({ quarantine: q });
}

export class Tally {
  in = 0;
  stored = 0;
  quarantined = 0;
  events = 0;
  /** Empty lines: not records, skipped and counted (as the vault import does). */
  blank = 0;
  readonly byFormat: Partial<Record<Format, number>> = {};
  readonly byCode: Partial<Record<QuarantineCode, number>> = {};

  ok(format: Format | undefined, events: number): void {
    this.in++;
    this.stored++;
    this.events += events;
    if (format) this.byFormat[format] = (this.byFormat[format] ?? 0) + 1;
  }

  rejected(code: QuarantineCode): void {
    this.in++;
    this.quarantined++;
    this.byCode[code] = (this.byCode[code] ?? 0) + 1;
  }

  toJson(extra: Record<string, unknown> = {}): string {
    const { in: inCount, stored, quarantined, events, blank, byFormat, byCode } = this;
    return JSON.stringify({ summary: { in: inCount, stored, quarantined, blank, events, byFormat, byCode, ...extra } });
  }
}
