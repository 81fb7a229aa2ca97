/**
 * A saved column mapping applied to one CSV record: which cell feeds which
 * normalized field, defaults for the rest, and the patient rule — the
 * `health.patient.id` cell is pseudonymised (`ctx.pseudonymise`) into
 * `health.patient.pseudonym` and every occurrence of the raw identifier is
 * replaced by the pseudonym in `event.original` and in every other value.
 */
import type { NormalizedEvent } from '../../events/types';
import type { CsvMapping, ParseContext, ParseResult } from '../types';
import { parseCellTime, readBoolean, readOutcome, readSeverity } from './csv-values';

/** Fields a mapping may not set: computed by Vigie, never read from a file. */
const FORBIDDEN: Readonly<Record<string, string>> = {
  'health.patient.pseudonym': 'map the identifier column to "health.patient.id": Vigie computes the pseudonym',
  'event.original': 'the original is the CSV record itself',
  'event.ingested': 'set by Vigie when the event is stored',
  attributes: 'map each extra column to its own (ECS) field name',
};

/** Plain string fields of `NormalizedEvent` (anything else mapped goes to `attributes`). */
const TOP_LEVEL = new Set([
  'event.dataset', 'service.name', 'host.name', 'process.name', 'event.category', 'event.action', 'user.id',
  'user.name', 'source.ip', 'destination.ip', 'health.object', 'health.purpose_of_use', 'message',
]);

export const CSV_DEFAULT_CATEGORY = 'database';
export const CSV_DEFAULT_ACTION = 'csv-record';

/** A problem with the mapping itself (not with a record), or null. */
export function validateCsvMapping(m: CsvMapping): string | null {
  if (typeof m.name !== 'string' || m.name.trim() === '') return 'the mapping needs a name';
  const d = m.delimiter ?? ',';
  if (d === '' || /["\r\n]/.test(d)) return 'the delimiter must be non-empty and cannot be a quote or a newline';
  if (!m.columns || typeof m.columns !== 'object') return 'the mapping has no "columns"';
  for (const key of [...Object.keys(m.columns), ...Object.keys(m.constants ?? {})]) {
    if (FORBIDDEN[key]) return `field "${key}" cannot be mapped: ${FORBIDDEN[key]}`;
  }
  for (const [field, col] of Object.entries(m.columns)) {
    if (typeof col === 'number') {
      if (!Number.isInteger(col) || col < 0) return `column of "${field}" must be a 0-based index or a header name`;
    } else if (typeof col !== 'string' || col.trim() === '') {
      return `column of "${field}" must be a 0-based index or a header name`;
    } else if (!m.header) {
      return `column "${col}" of "${field}" is a name but the mapping says the file has no header row`;
    }
  }
  if (m.columns['@timestamp'] === undefined) return 'the mapping must give the "@timestamp" column';
  return null;
}

export type ResolvedColumns = { ok: true; columns: [field: string, index: number][] } | { ok: false; reason: string };

/** Resolves header names to indexes (exact, then case- and space-insensitive). */
export function resolveColumns(m: CsvMapping, header: readonly string[] | undefined): ResolvedColumns {
  const columns: [string, number][] = [];
  const norm = (s: string) => s.trim().toLowerCase();
  for (const [field, col] of Object.entries(m.columns)) {
    if (typeof col === 'number') {
      columns.push([field, col]);
      continue;
    }
    let i = header ? header.indexOf(col) : -1;
    if (i < 0 && header) i = header.findIndex((h) => norm(h) === norm(col));
    if (i < 0) {
      const names = header ? header.slice(0, 30).join(', ') : '(none)';
      return { ok: false, reason: `column "${col}" (for ${field}) is not in the header row; columns: ${names}` };
    }
    columns.push([field, i]);
  }
  return { ok: true, columns };
}

const MIN_FREE_LENGTH = 4;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces the raw identifier by its pseudonym. From 4 characters on, every
 * occurrence; a shorter one (an IPP "42") only where it is a whole cell or a
 * whole value, so that it never rewrites dates or counters.
 */
function scrubber(raw: string, pseudo: string, delimiter: string): (s: string) => string {
  if (raw.length >= MIN_FREE_LENGTH) return (s) => (s.includes(raw) ? s.split(raw).join(pseudo) : s);
  const d = escapeRegExp(delimiter);
  const cell = new RegExp(`(^|${d}|\\n)([ \\t]*"?)${escapeRegExp(raw)}("?[ \\t]*)(?=${d}|\\r|\\n|$)`, 'g');
  return (s) => (s.trim() === raw ? s.replace(raw, pseudo) : s.replace(cell, `$1$2${pseudo}$3`));
}

/** Builds the event of one data record; `where` prefixes reasons ("record 3, line 5"). */
export function recordToEvent(
  cells: readonly string[],
  original: string,
  cols: readonly [string, number][],
  m: CsvMapping,
  ctx: ParseContext,
  where: string,
): ParseResult {
  const values = new Map<string, string>();
  for (const [field, value] of Object.entries(m.constants ?? {})) {
    if (typeof value === 'string' && value !== '') values.set(field, value);
  }
  for (const [field, i] of cols) {
    if (i >= cells.length) {
      return {
        ok: false,
        code: 'missing-field',
        reason: `${where}: ${cells.length} field(s), column #${i} (for ${field}) is missing`,
      };
    }
    const cell = cells[i].trim();
    if (cell !== '') values.set(field, cell);
  }
  const tsText = values.get('@timestamp');
  if (tsText === undefined) return { ok: false, code: 'missing-field', reason: `${where}: the @timestamp cell is empty` };
  const ts = parseCellTime(tsText, ctx.timezone, m.timestampFormat);
  if (!ts.ok) return { ok: false, code: 'invalid-timestamp', reason: `${where}: @timestamp: ${ts.reason}` };

  let scrub = (s: string) => s;
  let pseudonym: string | null = null;
  const patient = values.get('health.patient.id');
  if (patient !== undefined) {
    try {
      pseudonym = ctx.pseudonymise(patient, values.get('health.patient.system'));
    } catch (e) {
      return { ok: false, code: 'unparseable', reason: `${where}: patient identifier rejected (${(e as Error).message})` };
    }
    scrub = scrubber(patient, pseudonym, m.delimiter ?? ',');
  }

  const event: NormalizedEvent = {
    '@timestamp': ts.date,
    'event.dataset': ctx.dataset ?? `csv.${m.name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    'service.name': ctx.service ?? m.name,
    'event.severity': 'info',
    'event.category': CSV_DEFAULT_CATEGORY,
    'event.action': CSV_DEFAULT_ACTION,
    'event.outcome': 'unknown',
    message: '',
    'event.original': scrub(original),
    'health.patient.pseudonym': pseudonym,
  };
  const attrs: Record<string, unknown> = {};
  const top = event as unknown as Record<string, unknown>;
  for (const [field, rawValue] of values) {
    const value = scrub(rawValue);
    if (field === '@timestamp' || field === 'health.patient.id' || field === 'health.patient.system') continue;
    if (field === 'event.severity') {
      const sev = readSeverity(value);
      if (sev) event['event.severity'] = sev;
      else attrs['log.level'] = value;
    } else if (field === 'event.outcome') event['event.outcome'] = readOutcome(value);
    else if (field === 'health.break_glass') event['health.break_glass'] = readBoolean(value);
    else if (field === 'user.roles') event['user.roles'] = value.split(/[,;|]/).map((r) => r.trim()).filter(Boolean);
    else if (TOP_LEVEL.has(field)) top[field] = value;
    else attrs[field] = value;
  }
  if (values.has('health.patient.system')) attrs['health.patient.system'] = values.get('health.patient.system');
  if (event['health.purpose_of_use'] === 'ETREAT' && event['health.break_glass'] === undefined) {
    event['health.break_glass'] = true;
  }
  if (event.message === '') {
    const who = event['user.name'] ?? event['user.id'];
    event.message = `${m.name} : ${event['event.action']}${who ? ` par ${who}` : ''}`;
  }
  if (Object.keys(attrs).length > 0) event.attributes = attrs;
  return { ok: true, events: [event] };
}
