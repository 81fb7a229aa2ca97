/**
 * `vigie parse [--format …] [FILE|-]`: parses a log file (or stdin, gzip or
 * not) without a vault and prints normalized events as JSON lines on stdout,
 * quarantined records and a summary as JSON lines on stderr. For
 * diagnostics and scripting. Exit: 0 when the input was read (even with
 * quarantined records), 1 on an I/O or decompression error, 2 on a usage error.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { validateCsvMapping } from '../ingest/parsers/csv-map';
import { createParseContext } from '../ingest/registry';
import { DEFAULT_LIMITS, DEFAULT_TIMEZONE, FORMATS, type CsvMapping, type FormatChoice } from '../ingest/types';
import { Pseudonymiser } from '../privacy/pseudonym';
import { DecompressionError, decodedBytes, openInput } from './parse-input';
import { LineWriter, quarantineToJson, Tally } from './parse-output';
import { runParseInput } from './parse-run';

export const FORMAT_CHOICES: readonly FormatChoice[] = ['auto', ...FORMATS];

export interface ParseOptions {
  format: FormatChoice;
  timezone: string;
  csvMapping?: string;
  pseudonymKeyFile?: string;
  service?: string;
  dataset?: string;
  maxRecordBytes?: string;
}

export interface ParseIo {
  stdout: Writable;
  stderr: Writable;
}

/** Bad arguments (exit 2) vs. files that cannot be read (exit 1). */
export class UsageError extends Error {}
class InputError extends Error {}

const mappingSchema = z.object({
  name: z.string().min(1).optional(),
  delimiter: z.string().min(1).optional(),
  header: z.boolean().default(true),
  columns: z.record(z.string(), z.union([z.string().min(1), z.number().int().nonnegative()])),
  timestampFormat: z.string().min(1).optional(),
  constants: z.record(z.string(), z.string()).optional(),
});

async function readConfigFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new InputError(`${what} ${path}: ${(e as Error).message}`);
  }
}

export async function loadCsvMapping(path: string): Promise<CsvMapping> {
  const text = (await readConfigFile(path, 'CSV mapping')).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`CSV mapping ${path} is not JSON: ${(e as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`CSV mapping ${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const mapping: CsvMapping = { ...parsed.data, name: parsed.data.name ?? basename(path).replace(/\.json$/i, '') };
  const problem = validateCsvMapping(mapping);
  if (problem) throw new UsageError(`CSV mapping ${path}: ${problem}`);
  return mapping;
}

/** 32 raw bytes, or 64 hex digits, or base64 of 32 bytes. */
export async function loadPseudonymKey(path: string): Promise<Buffer> {
  const raw = await readConfigFile(path, 'pseudonym key file');
  if (raw.length === 32) return raw;
  const text = raw.toString('utf8').trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new UsageError(`pseudonym key file ${path}: expected 32 bytes (raw, 64 hex digits or base64)`);
  }
  return key;
}

function checkOptions(o: ParseOptions): number {
  if (!FORMAT_CHOICES.includes(o.format)) throw new UsageError(`unknown format "${o.format}"`);
  if (!IANAZone.isValidZone(o.timezone)) throw new UsageError(`unknown IANA time zone "${o.timezone}"`);
  if (o.format === 'csv' && !o.csvMapping) throw new UsageError('--format csv needs --csv-mapping FILE.json');
  const max = o.maxRecordBytes === undefined ? DEFAULT_LIMITS.maxRecordBytes : Number(o.maxRecordBytes);
  if (!Number.isInteger(max) || max < 64 || max > 256 * 1024 * 1024) {
    throw new UsageError('--max-record-bytes must be an integer between 64 and 268435456');
  }
  return max;
}

/** Runs the command; resolves with the exit code. */
export async function runParse(file: string, o: ParseOptions, io: ParseIo): Promise<number> {
  const err = new LineWriter(io.stderr);
  const fail = async (code: number, message: string) => {
    await err.write(JSON.stringify({ error: message }));
    await err.flush();
    return code;
  };
  let ctx;
  try {
    const maxRecordBytes = checkOptions(o);
    const csv = o.csvMapping ? await loadCsvMapping(o.csvMapping) : undefined;
    const key = o.pseudonymKeyFile ? await loadPseudonymKey(o.pseudonymKeyFile) : randomBytes(32);
    const pseudonymiser = Pseudonymiser.fromKey(key);
    ctx = createParseContext({
      timezone: o.timezone,
      pseudonymise: (id, system) => pseudonymiser.pseudonymise(id, system),
      csv,
      service: o.service,
      dataset: o.dataset,
      limits: { ...DEFAULT_LIMITS, maxRecordBytes },
    });
  } catch (e) {
    if (e instanceof UsageError) return fail(2, e.message);
    return fail(1, (e as Error).message);
  }
  const tally = new Tally();
  const out = new LineWriter(io.stdout);
  try {
    const gzip: { compressed?: boolean } = {};
    const bytes = decodedBytes(openInput(file), undefined, gzip);
    const info = await runParseInput(bytes, o.format, ctx, { out, err, tally });
    await out.flush();
    await err.write(tally.toJson({ input: file, gzip: gzip.compressed ?? false, ...info }));
    await err.flush();
    return 0;
  } catch (e) {
    await out.flush();
    if (e instanceof DecompressionError) {
      tally.rejected('decompression');
      await err.write(quarantineToJson({ position: 'file', code: 'decompression', reason: e.message }));
      await err.write(tally.toJson({ input: file, gzip: true, complete: false }));
      await err.flush();
      return 1;
    }
    return fail(1, `${file}: ${(e as Error).message}`);
  }
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description(
      'Analyse un journal sans coffre et affiche les événements normalisés (JSON lines). / ' +
        'Parse a log without a vault and print normalized events as JSON lines.\n' +
        'stdout: one event per line; stderr: {"quarantine":…} lines and a final {"summary":…}.\n' +
        'Pseudonymes : clé HMAC aléatoire par exécution (stables seulement pendant une exécution) sauf ' +
        '--pseudonym-key-file. / Pseudonyms use a random per-run key unless --pseudonym-key-file is given.',
    )
    .argument('[file]', 'fichier (.gz accepté) ou - pour stdin / file (gzip ok) or - for stdin', '-')
    .addOption(new Option('-f, --format <format>', 'format des enregistrements / record format').choices(FORMAT_CHOICES).default('auto'))
    .option('-z, --timezone <zone>', 'fuseau IANA des horodatages sans décalage / zone of offset-less times', DEFAULT_TIMEZONE)
    .option('--csv-mapping <file>', 'correspondance des colonnes CSV (JSON) / CSV column mapping (JSON)')
    .option('--pseudonym-key-file <file>', 'clé HMAC de 32 octets (brut, hex ou base64) / 32-byte HMAC key')
    .option('--service <name>', 'service.name par défaut / default service.name')
    .option('--dataset <name>', 'event.dataset par défaut / default event.dataset')
    .option('--max-record-bytes <n>', 'taille maximale d’un enregistrement / longest record (bytes)')
    .exitOverride((e) => {
      process.exit(e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? e.exitCode : 2);
    })
    .action(async (file: string, o: ParseOptions) => {
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0); // the reader went away (| head)
      });
      process.exitCode = await runParse(file, o, { stdout: process.stdout, stderr: process.stderr });
    });
}
