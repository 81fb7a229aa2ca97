/**
 * `vigie detect --rules PATH… [EVENTS…]`: runs Sigma rules (files, folders,
 * zips) over events without a vault. Events are JSON lines of Vigie events
 * (ECS keys) or any record the ingest parsers recognise (auto-detected); a
 * file holding one FHIR resource/Bundle or ATNA XML document spanning many
 * lines is read whole, as `vigie parse` does, from a file or from stdin. Files, or stdin
 * when none / `-`. Paths after `--rules` that are files but
 * not .yml/.yaml/.zip, and `-`, are taken as events (or separate them with `--`).
 *
 * stdout: one JSON line per match {ruleId, title, level, timestamp, index,
 * source} (correlations add type, group, value, events). stderr: one
 * {"rejected": …} line per rule not loaded, {"unparsed": …} per record not
 * read, and a final {"summary": …}. `--report` prints the load report instead.
 * Exit: 1 on rule errors (YAML errors, rejected rules in files named
 * explicitly, nothing loaded), 2 on usage errors, 0 otherwise (matches or not).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable, type Writable } from 'node:stream';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { fromNormalizedJson, isNormalizedJson } from '../detect/input';
import { Detector } from '../detect/sigma/detector';
import { type LoadResult, loadRules } from '../detect/sigma/loader';
import { formatReport, summarizeLoad } from '../detect/sigma/report';
import type { DetectConfig, Hit } from '../detect/sigma/types';
import type { NormalizedEvent } from '../events/types';
import { createParseContext, detectDocumentFormat, parseRecord } from '../ingest/registry';
import type { ParseContext } from '../ingest/types';
import { Pseudonymiser } from '../privacy/pseudonym';
import { peek, readAll } from './parse-input';

export interface DetectOptions {
  rules: string[];
  report?: boolean;
  json?: boolean;
  timezone: string;
  placeholders?: string;
  mapping?: string[];
  logsourceConfig?: string[];
}

export interface DetectIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

class UsageError extends Error {}

const RULE_FILE = /\.(ya?ml|zip)$/i;

/** Splits `--rules` values into rule paths and event files that followed them. */
export function splitPaths(rules: readonly string[], events: readonly string[]): { rules: string[]; events: string[] } {
  const r: string[] = [];
  const e: string[] = [];
  for (const p of rules) {
    if (p === '-') {
      e.push(p); // stdin: never a rule path
      continue;
    }
    let file = false;
    try {
      file = statSync(p).isFile();
    } catch {
      file = false;
    }
    (file && !RULE_FILE.test(p) ? e : r).push(p);
  }
  return { rules: r, events: [...e, ...events] };
}

function placeholders(path: string | undefined): Record<string, string[]> {
  if (!path) return {};
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--placeholders ${path}: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError(`--placeholders ${path}: expected a map name → values`);
  return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k.replace(/^%|%$/g, ''), (Array.isArray(v) ? v : [v]).map(String)]));
}

function hitJson(h: Hit, source: string): string {
  const base = { ruleId: h.rule.id, title: h.rule.title, level: h.rule.level ?? null };
  if ('group' in h) {
    const last = (function lastBase(x: Hit): Hit {
      return 'group' in x ? lastBase(x.last) : x;
    })(h);
    return JSON.stringify({
      ...base,
      timestamp: new Date(h.time).toISOString(),
      index: 'ref' in last ? last.ref : null,
      source,
      correlation: h.rule.type,
      group: h.group,
      value: h.value,
      events: h.evidence.length,
    });
  }
  const ts = Number.isNaN(h.time) ? String(h.event['@timestamp']) : new Date(h.time).toISOString();
  return JSON.stringify({ ...base, timestamp: ts, index: h.ref ?? null, source });
}

/** Whole FHIR/ATNA documents read by `vigie detect` (same limit as `vigie parse`). */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

interface InputRecord {
  line: string;
  source: string;
  /** Set when the file is one FHIR (JSON) or ATNA (XML) document, possibly spanning many lines. */
  format?: 'fhir' | 'atna';
  /** Why the record could not be read at all (reported as unparsed). */
  error?: string;
}

/** A file holding one pretty-printed FHIR resource / Bundle or one ATNA XML document (as `vigie parse` decides). */
function documentFormat(path: string): 'fhir' | 'atna' | null {
  const size = statSync(path).size;
  if (size > MAX_DOCUMENT_BYTES) return null;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, head, 0, head.length, 0);
    const kind = detectDocumentFormat(head.toString('utf8'));
    return kind === 'fhir-document' ? 'fhir' : kind === 'atna-document' ? 'atna' : null;
  } finally {
    closeSync(fd);
  }
}

/** The chunks of a stream as bytes (a stream with an encoding set yields strings). */
async function* asBuffers(input: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
}

/** How much of stdin is looked at to tell one FHIR/ATNA document from a stream of records. */
const STDIN_HEAD_BYTES = 64 * 1024;

/**
 * stdin: one FHIR resource/Bundle or ATNA document (read whole, up to the same limit as a file), or records line
 * by line — told apart from its first 64 KiB, as `vigie parse` does.
 */
async function* stdinRecords(stdin: Readable): AsyncGenerator<InputRecord> {
  const { head, all } = await peek(asBuffers(stdin), STDIN_HEAD_BYTES);
  const kind = detectDocumentFormat(head.toString('utf8'));
  const doc = kind === 'fhir-document' ? 'fhir' : kind === 'atna-document' ? 'atna' : null;
  if (doc) {
    const { bytes, size } = await readAll(all, MAX_DOCUMENT_BYTES);
    if (bytes) yield { line: bytes.toString('utf8'), source: 'stdin:1', format: doc };
    else yield { line: '', source: 'stdin:1', format: doc, error: `too-long: document of ${size} bytes is over the limit of ${MAX_DOCUMENT_BYTES} bytes` };
    return;
  }
  let n = 0;
  for await (const line of createInterface({ input: Readable.from(all), crlfDelay: Infinity })) yield { line, source: `stdin:${++n}` };
}

async function* records(paths: readonly string[], stdin: Readable): AsyncGenerator<InputRecord> {
  for (const p of paths.length ? paths : ['-']) {
    if (p === '-') {
      yield* stdinRecords(stdin);
      continue;
    }
    const doc = documentFormat(p);
    if (doc) {
      yield { line: readFileSync(p, 'utf8'), source: `${p}:1`, format: doc };
      continue;
    }
    const rl = createInterface({ input: createReadStream(p, { encoding: 'utf8' }), crlfDelay: Infinity });
    let n = 0;
    for await (const line of rl) yield { line, source: `${p}:${++n}` };
  }
}

function toEvents({ line, format, error }: InputRecord, ctx: ParseContext): NormalizedEvent[] | string {
  if (error) return error;
  const t = line.trim();
  if (!format && t.startsWith('{')) {
    try {
      const obj: unknown = JSON.parse(t);
      if (isNormalizedJson(obj)) return [fromNormalizedJson(obj)];
    } catch {
      // not JSON after all: let the parsers say why
    }
  }
  const r = parseRecord(line, format ?? 'auto', ctx);
  return r.ok ? r.events : `${r.code}: ${r.reason}`;
}

/** Whether the load holds errors that make the command fail (see header). */
function ruleErrors(load: LoadResult, explicit: Set<string>): boolean {
  if (load.rules.length + load.correlations.length === 0) return true;
  return load.rejected.some((r) => r.code === 'yaml' || r.code === 'read-error' || explicit.has(r.file));
}

export async function runDetect(eventArgs: string[], o: DetectOptions, io: DetectIo): Promise<number> {
  const { rules, events } = splitPaths(o.rules, eventArgs);
  let load: LoadResult;
  try {
    for (const e of events) if (e !== '-') statSync(e);
    const config: Partial<DetectConfig> = {
      timezone: o.timezone,
      placeholders: placeholders(o.placeholders),
      extraMappingFiles: o.mapping ?? [],
      logsourceConfigs: o.logsourceConfig ?? [],
    };
    load = loadRules(rules, config);
  } catch (e) {
    io.stderr.write(`${JSON.stringify({ error: (e as Error).message })}\n`);
    return 2;
  }
  const explicit = new Set(rules.filter((p) => RULE_FILE.test(p) && !/\.zip$/i.test(p)));
  const status = ruleErrors(load, explicit) ? 1 : 0;
  if (o.report) {
    const report = summarizeLoad(load);
    io.stdout.write(o.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
    return status;
  }
  for (const r of load.rejected) io.stderr.write(`${JSON.stringify({ rejected: r })}\n`);
  const pseudonymiser = Pseudonymiser.fromKey(randomBytes(32));
  const ctx = createParseContext({ timezone: o.timezone, pseudonymise: (id, system) => pseudonymiser.pseudonymise(id, system) });
  const detector = new Detector(load);
  let index = 0;
  let unparsed = 0;
  let matches = 0;
  const out: string[] = [];
  const flush = async () => {
    if (out.length && !io.stdout.write(`${out.join('\n')}\n`)) await once(io.stdout, 'drain');
    out.length = 0;
  };
  let last = '';
  for await (const record of records(events, io.stdin)) {
    const { line, source } = record;
    if (!line.trim() && !record.error) continue;
    const evs = toEvents(record, ctx);
    if (typeof evs === 'string') {
      unparsed++;
      io.stderr.write(`${JSON.stringify({ unparsed: { source, reason: evs } })}\n`);
      continue;
    }
    for (const ev of evs) {
      for (const h of detector.process(ev, index)) {
        out.push(hitJson(h, source));
        matches++;
      }
      index++;
    }
    last = source;
    if (out.length > 256) await flush();
  }
  for (const h of detector.flush()) {
    out.push(hitJson(h, last));
    matches++;
  }
  await flush();
  const summary = {
    rules: { loaded: load.rules.length, correlations: load.correlations.length, filters: load.filters.length, rejected: load.rejected.length },
    unmappedLogsource: load.rules.filter((r) => !r.mapped).length,
    events: index,
    unparsed,
    matches,
  };
  io.stderr.write(`${JSON.stringify({ summary })}\n`);
  return status;
}

export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description(
      'Applique des règles Sigma à des événements, sans coffre. / Run Sigma rules over events, without a vault.\n' +
        'stdout: one JSON line per match; stderr: rejected rules, unparsed records and a final {"summary":…}.\n' +
        'Exit 1 on rule errors only (2 on usage errors).',
    )
    .requiredOption('-r, --rules <paths...>', 'règles : fichiers YAML, dossiers, .zip / rules: YAML files, folders, zips')
    .argument('[events...]', 'événements (JSON lines ou tout format ingérable), - ou rien = stdin / event files, - or none = stdin')
    .option('--report', 'affiche le rapport de chargement des règles / print the rule load report and exit')
    .option('--json', 'rapport en JSON / report as JSON')
    .option('-z, --timezone <zone>', 'fuseau des modificateurs horaires / zone of the time modifiers', 'Europe/Paris')
    .option('--placeholders <file>', 'valeurs des %placeholders% (YAML nom → liste) / |expand values (YAML name → list)')
    .option('--mapping <files...>', 'fichiers de correspondance supplémentaires / extra mapping files')
    .option('--logsource-config <files...>', 'configuration de logsources façon THOR (ex. sigma tests/thor.yml) / THOR-style logsource config')
    .exitOverride((e) => {
      // Unknown options, missing --rules…: usage errors (2), as for `vigie parse`.
      process.exit(e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? e.exitCode : 2);
    })
    .action(async (events: string[], o: DetectOptions) => {
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0);
      });
      process.exitCode = await runDetect(events, o, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
    });
}
