/**
 * The parser registry: one `Parser` per format, per-record auto-detection,
 * record guards, and the parse context (defaults + `embedded` wiring so that
 * parsers never import each other).
 */
import { accessParser } from './parsers/access';
import { atnaParser } from './parsers/atna';
import { cefParser } from './parsers/cef';
import { csvParser } from './parsers/csv';
import { fhirParser } from './parsers/fhir';
import { jsonParser } from './parsers/json';
import { leefParser } from './parsers/leef';
import { syslogParser } from './parsers/syslog';
import { recordGuard } from './detect';
import {
  DEFAULT_LIMITS,
  DEFAULT_TIMEZONE,
  FORMATS,
  type Format,
  type FormatChoice,
  type ParseContext,
  type ParseLimits,
  type ParseResult,
  type Parser,
} from './types';

export { checkUtf8, detectDocumentFormat, recordGuard, type DocumentKind } from './detect';

export const PARSERS: Readonly<Record<Format, Parser>> = {
  syslog: syslogParser,
  cef: cefParser,
  leef: leefParser,
  json: jsonParser,
  fhir: fhirParser,
  atna: atnaParser,
  access: accessParser,
  csv: csvParser,
};

/** How deep payloads may nest (ATNA in syslog, CEF in syslog…) before 'too-deep'. */
export const MAX_EMBED_DEPTH = 4;

/** Below this sniff confidence a failed candidate is reported as 'unknown-format' (with its reason). */
const LIKELY = 0.5;

export type RegistryResult = ParseResult & { format?: Format };

/** Apache/Nginx error-log lines: recognised only to say why they are not imported. */
const ERROR_LOG =
  /^\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? \d{4}\] \[[\w:]+\]/;

function safeParse(parser: Parser, record: string, ctx: ParseContext): ParseResult {
  try {
    return parser.parse(record, ctx);
  } catch (e) {
    return {
      ok: false,
      code: 'unparseable',
      reason: `${parser.format} parser failed: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

function safeSniff(parser: Parser, record: string): number {
  try {
    const c = parser.sniff(record);
    return Number.isFinite(c) ? Math.max(0, Math.min(1, c)) : 0;
  } catch {
    return 0;
  }
}

/**
 * Parses one record (a line, a frame or a whole document). Guards first
 * ('too-long', 'empty', 'binary'); then the chosen parser, or with 'auto'
 * every parser whose `sniff` is > 0, in decreasing confidence: the first
 * success wins. When all fail, the most confident candidate's reason is
 * returned; when none recognises the record, 'unknown-format'.
 */
export function parseRecord(record: string, format: FormatChoice, ctx: ParseContext): RegistryResult {
  const guard = recordGuard(record, ctx.limits);
  if (guard) return guard;
  if (format !== 'auto') {
    const parser = PARSERS[format];
    if (!parser) return { ok: false, code: 'unknown-format', reason: `unknown format "${String(format)}"` };
    return { ...safeParse(parser, record, ctx), format };
  }
  const candidates = FORMATS.map((f) => ({ f, c: safeSniff(PARSERS[f], record) }))
    .filter((x) => x.c > 0)
    .sort((a, b) => b.c - a.c);
  let best: (ParseResult & { ok: false; format: Format; confidence: number }) | undefined;
  for (const { f, c } of candidates) {
    const r = safeParse(PARSERS[f], record, ctx);
    if (r.ok) return { ...r, format: f };
    best ??= { ...r, format: f, confidence: c };
  }
  const tried = FORMATS.filter((f) => f !== 'csv').join(', ');
  if (ERROR_LOG.test(record)) {
    return {
      ok: false,
      code: 'unknown-format',
      reason:
        'Apache/Nginx error-log line ("[date] [level] message"): error logs are not audit or access records and ' +
        `no parser reads them (tried: ${tried}); import the access log instead`,
    };
  }
  if (best && best.confidence >= LIKELY) {
    const others = candidates.length > 1 ? ` (also tried: ${candidates.slice(1).map((x) => x.f).join(', ')})` : '';
    return { ok: false, code: best.code, reason: `${best.format}: ${best.reason}${others}`, format: best.format };
  }
  const closest = best ? `; closest: ${best.format}, ${best.reason}` : '';
  return {
    ok: false,
    code: 'unknown-format',
    reason: `no parser recognised the record (tried: ${tried}; CSV needs an explicit mapping)${closest}`,
  };
}

/** Parsing of a payload embedded in another format, with a nesting guard. */
function embedder(depth: number): ParseContext['embedded'] {
  return (format, payload, ctx) => {
    if (depth >= MAX_EMBED_DEPTH) {
      return { ok: false, code: 'too-deep', reason: `payloads nested more than ${MAX_EMBED_DEPTH} levels deep` };
    }
    const parser = PARSERS[format];
    if (!parser) return { ok: false, code: 'unknown-format', reason: `unknown embedded format "${String(format)}"` };
    const guard = recordGuard(payload, ctx.limits);
    if (guard) return guard;
    return safeParse(parser, payload, { ...ctx, embedded: embedder(depth + 1) });
  };
}

/** What `createParseContext` needs: `pseudonymise`; everything else (limits one by one) has a default. */
export type ParseContextInit = Omit<Partial<ParseContext>, 'limits'> &
  Pick<ParseContext, 'pseudonymise'> & { limits?: Partial<ParseLimits> };

/** A full context from the caller's parts: zone, reception time and limits default; `embedded` is wired here. */
export function createParseContext(partial: ParseContextInit): ParseContext {
  return {
    ...partial,
    timezone: partial.timezone ?? DEFAULT_TIMEZONE,
    receivedAt: partial.receivedAt ?? new Date(),
    limits: { ...DEFAULT_LIMITS, ...partial.limits },
    pseudonymise: partial.pseudonymise,
    embedded: partial.embedded ?? embedder(0),
  };
}
