/**
 * One batch of records from a source (syslog frames, FHIR resources, REST
 * items) → parsed → stored or quarantined, in ONE transaction, with exact
 * per-record accounting: every record ends as stored, duplicate or
 * quarantined. Connectors add their cursor update to the same transaction.
 */
import { createHash } from 'node:crypto';
import { validateEvent } from '../events/columns';
import type { NormalizedEvent } from '../events/types';
import { writeEvents } from '../events/writer';
import { eventFingerprint } from '../ingest/pipeline/fingerprint';
import { insertQuarantine } from '../ingest/pipeline/quarantine';
import { parseRecord } from '../ingest/registry';
import type { FormatChoice, ParseContext, QuarantineCode } from '../ingest/types';
import type { Db } from '../store/db';

export interface RawRecord {
  /** The bytes or text as received. */
  raw: Buffer | string;
  /** Where it came from, for the quarantine: 'frame 12', 'AuditEvent/abc (page 2)'. */
  position: string;
  /**
   * Identity of the record inside its source, the base of its fingerprints:
   * listeners use `<run>:<sequence>` (two identical lines are two events),
   * connectors the item's id and version (fetched twice = one event).
   */
  key: string;
  /** Set when the receiver already refused it (too long, truncated): goes straight to quarantine. */
  reject?: { code: QuarantineCode; reason: string };
}

export interface BatchOptions {
  sourceId: number;
  /** Listener or connector name (quarantine `origin`). */
  origin: string;
  format: FormatChoice;
  ctx: ParseContext;
  /**
   * True when `key` alone identifies the record (connectors: id + version), so the same item fetched
   * again with a different serialisation is still a duplicate; false (listeners): the raw bytes count too.
   */
  keyIdentifies?: boolean;
  /** Runs inside the same transaction once the batch is written (connectors: cursor and counters). */
  inTransaction?: (tx: Db, outcome: BatchOutcome) => Promise<void>;
}

/** Per-record outcome of a batch: received = stored + duplicates + quarantined. */
export interface BatchOutcome {
  received: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  /** Events written (a record may yield several, e.g. a Bundle). */
  events: number;
}

interface Prepared {
  record: RawRecord;
  events: NormalizedEvent[];
  fingerprints: string[];
  failure?: { code: QuarantineCode; reason: string; format: string | null };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const TRAILING = /[\r\n\0]+$/;
/** Raw bytes kept in a quarantine row at most (the reason says when a record was longer). */
export const QUARANTINE_RAW_MAX = 1024 * 1024;

const sha128 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 32);

/**
 * Fingerprint of a record (its first event; `#k` for the k-th, as in the
 * file pipeline, and the same string for its quarantine row, so a record
 * re-processed from quarantine gets the fingerprint it would have had).
 * Listeners: `s<source>:<run>:<sequence>:<sha256(raw)>` — increasing within a
 * run, so a batch lands in one region of the UNIQUE index (cheaper on the
 * encrypted vault than random keys). Connectors: `s<source>:<sha256(key)>`.
 */
export function recordFingerprint(sourceId: number, record: RawRecord, keyIdentifies: boolean): string {
  if (keyIdentifies) return `s${sourceId}:${sha128(record.key)}`;
  return `s${sourceId}:${record.key}:${sha128(record.raw)}`;
}

/** Decodes strictly as UTF-8 and drops trailing CR/LF/NUL; null when the bytes are not UTF-8. */
export function decodeRecord(raw: Buffer | string): string | null {
  if (typeof raw === 'string') return raw.replace(TRAILING, '');
  try {
    return utf8.decode(raw).replace(TRAILING, '');
  } catch {
    return null;
  }
}

function prepare(record: RawRecord, opts: BatchOptions): Prepared {
  const fail = (code: QuarantineCode, reason: string, format: string | null = null): Prepared => ({
    record,
    events: [],
    fingerprints: [],
    failure: { code, reason, format },
  });
  if (record.reject) return fail(record.reject.code, record.reject.reason);
  const text = decodeRecord(record.raw);
  if (text === null) return fail('invalid-utf8', `${record.position} : octets non UTF-8`);
  let result: ReturnType<typeof parseRecord>;
  try {
    result = parseRecord(text, opts.format, opts.ctx);
  } catch (e) {
    // Parsers never throw by contract; a bug must still not lose the record.
    return fail('unparseable', `erreur interne du décodeur : ${e instanceof Error ? e.message : String(e)}`.slice(0, 500));
  }
  const format = (result as { format?: string }).format ?? (opts.format === 'auto' ? null : opts.format);
  if (!result.ok) return fail(result.code, result.reason, format);
  if (result.events.length === 0) return fail('empty', `${record.position} : aucun événement`, format);
  try {
    result.events.forEach((e, i) => validateEvent(e, i));
  } catch (e) {
    return fail('unparseable', `événement invalide : ${e instanceof Error ? e.message : String(e)}`.slice(0, 500), format);
  }
  const fp = recordFingerprint(opts.sourceId, record, opts.keyIdentifies ?? false);
  return { record, events: result.events, fingerprints: result.events.map((_e, k) => eventFingerprint(fp, k)) };
}

/** Parses, stores and quarantines `records` in one transaction; see BatchOutcome. */
export async function ingestBatch(db: Db, records: readonly RawRecord[], opts: BatchOptions): Promise<BatchOutcome> {
  const prepared = records.map((r) => prepare(r, opts));
  const good = prepared.filter((p) => !p.failure);
  const bad = prepared.filter((p) => p.failure);
  const events = good.flatMap((p) => p.events);
  const fingerprints = good.flatMap((p) => p.fingerprints);
  return db.transaction(async (tx) => {
    const outcome: BatchOutcome = { received: records.length, stored: 0, duplicates: 0, quarantined: 0, events: 0 };
    if (events.length > 0) {
      const before = (await tx.get<{ m: number | null }>('SELECT max(id) AS m FROM events'))?.m ?? 0;
      const written = await writeEvents(tx, events, { sourceId: opts.sourceId, fingerprint: (_e, i) => fingerprints[i], validated: true });
      outcome.events = written.stored;
      let duplicateRecords = 0;
      if (written.duplicates > 0) {
        // Which records were already there: their first fingerprint exists with an id from before this batch.
        const firsts = good.map((p) => p.fingerprints[0]);
        const existing = new Set<string>();
        for (let i = 0; i < firsts.length; i += 500) {
          const chunk = firsts.slice(i, i + 500);
          const rows = await tx.all<{ fingerprint: string }>(
            `SELECT fingerprint FROM events WHERE id <= ? AND fingerprint IN (${chunk.map(() => '?').join(',')})`,
            [before, ...chunk],
          );
          rows.forEach((r) => existing.add(r.fingerprint));
        }
        duplicateRecords = firsts.filter((f) => existing.has(f)).length;
      }
      outcome.duplicates += duplicateRecords;
      outcome.stored += good.length - duplicateRecords;
    }
    if (bad.length > 0) {
      const entries = bad.map((p) => {
        const raw = typeof p.record.raw === 'string' ? Buffer.from(p.record.raw, 'utf8') : p.record.raw;
        const failure = p.failure!;
        return {
          position: p.record.position,
          raw: raw.length > QUARANTINE_RAW_MAX ? raw.subarray(0, QUARANTINE_RAW_MAX) : raw,
          format: failure.format,
          code: failure.code,
          reason: failure.reason,
          fingerprint: recordFingerprint(opts.sourceId, p.record, opts.keyIdentifies ?? false),
        };
      });
      const inserted = await insertQuarantine(tx, { importId: null, sourceId: opts.sourceId, origin: opts.origin }, entries);
      outcome.quarantined += inserted;
      outcome.duplicates += bad.length - inserted;
    }
    if (opts.inTransaction) await opts.inTransaction(tx, outcome);
    return outcome;
  });
}
