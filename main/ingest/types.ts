/**
 * Shared shapes of ingestion: formats, the parser interface, parse context
 * and results, quarantine reason codes. Parsers are pure (string in, events
 * or a reason out); reading files, sockets and connectors happens elsewhere.
 */
import type { NormalizedEvent } from '../events/types';

export const FORMATS = ['syslog', 'cef', 'leef', 'json', 'fhir', 'atna', 'access', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
export type FormatChoice = Format | 'auto';

/** Why a record went to quarantine (stable codes; the message says the details). */
export const QUARANTINE_CODES = [
  'unknown-format', // no parser recognised the record
  'unparseable', // the chosen parser failed (message says where/why)
  'invalid-utf8', // bytes are not valid UTF-8
  'binary', // control characters / NUL: not a text log
  'too-long', // record over the configured maximum length
  'too-deep', // JSON/XML nesting over the limit
  'dtd-forbidden', // XML with a DOCTYPE / ENTITY declaration (never resolved)
  'invalid-timestamp', // a timestamp that cannot be read or is out of range
  'missing-field', // a required field is absent (e.g. CSV mapping column)
  'decompression', // gzip corrupt or over the expansion limit (bomb)
  'empty', // nothing but whitespace
] as const;
export type QuarantineCode = (typeof QUARANTINE_CODES)[number];

export type ParseResult =
  | { ok: true; events: NormalizedEvent[] }
  | { ok: false; code: QuarantineCode; reason: string };

/** CSV import mapping: which column feeds which normalized field. */
export interface CsvMapping {
  name: string;
  delimiter?: string;
  /** True when the first record holds column names. */
  header: boolean;
  /** Normalized field (ECS name, e.g. '@timestamp', 'user.name', 'health.patient.id') → column name or index. */
  columns: Record<string, string | number>;
  /** Luxon format of the timestamp column when not ISO 8601 (e.g. 'dd/MM/yyyy HH:mm:ss'). */
  timestampFormat?: string;
  /** Constant values for fields absent from the file (e.g. service.name). */
  constants?: Record<string, string>;
}

export interface ParseLimits {
  /** Longest record accepted, in bytes (default 1 MiB; whole FHIR/ATNA documents: 16 MiB). */
  maxRecordBytes: number;
  /** Deepest JSON/XML nesting accepted (default 64). */
  maxDepth: number;
}

export interface ParseContext {
  /** IANA zone for timestamps without an offset (RFC 3164, some access logs, CSV). Default Europe/Paris. */
  timezone: string;
  /** When the record was received: year inference for RFC 3164, default ingest time. */
  receivedAt: Date;
  /** Keyed-HMAC pseudonym of a patient identifier (`P-…`); parsers never emit the identifier itself. */
  pseudonymise: (identifier: string, system?: string) => string;
  /** Hints from the source configuration. */
  service?: string;
  dataset?: string;
  csv?: CsvMapping;
  limits: ParseLimits;
  /**
   * Parses a payload embedded in another format (CEF, LEEF, JSON or an ATNA message inside syslog).
   * Provided by the registry so parsers do not import each other.
   */
  embedded: (format: Format, payload: string, ctx: ParseContext) => ParseResult;
}

export interface Parser {
  readonly format: Format;
  /**
   * Cheap confidence (0..1) that `record` is in this format, without a full parse.
   * Auto-detection asks every parser and tries them in decreasing confidence.
   */
  sniff(record: string): number;
  /** Parses one record: a line, a syslog frame, or a whole document (FHIR JSON, ATNA XML). Never throws. */
  parse(record: string, ctx: ParseContext): ParseResult;
}

export const DEFAULT_LIMITS: ParseLimits = { maxRecordBytes: 1024 * 1024, maxDepth: 64 };
export const DEFAULT_TIMEZONE = 'Europe/Paris';
