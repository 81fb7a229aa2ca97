/**
 * `vigie ingest [--data-dir DIR] [--format …] [--timezone …] PATH…`: imports
 * files and folders (recursive, .gz included) into the encrypted vault with
 * the same pipeline as the console. Passphrase: `VIGIE_PASSPHRASE`, or an
 * interactive prompt without echo (refused when stdin is not a terminal).
 * A progress line goes to stderr, one summary line per file to stdout.
 * Exit 0 when every import ended 'done' (quarantined records included),
 * 1 otherwise, 2 on a usage error.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import type { ImportProgress } from '../api/contract';
import type { ImportRow } from '../api/ops/ingest';
import { defaultDataDir } from '../engine/paths';
import { saveCsvMapping } from '../ingest/pipeline/csv-mappings';
import { IngestRuntime } from '../ingest/pipeline/runtime';
import { FORMATS, type CsvMapping, type FormatChoice } from '../ingest/types';
import { openVault } from '../store/vault';

export interface IngestCliOptions {
  dataDir: string;
  format: FormatChoice;
  timezone?: string;
  csvMapping?: string;
  maxLineBytes?: string;
}

export interface IngestIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'Importe des fichiers ou dossiers de journaux (.gz compris) dans le coffre chiffré.\n' +
        'Import log files or folders (.gz too) into the encrypted vault. Passphrase: VIGIE_PASSPHRASE or prompt.',
    )
    .argument('<paths...>', 'fichiers ou dossiers / files or folders')
    .option('-d, --data-dir <dir>', 'dossier du coffre / vault folder', defaultDataDir())
    .addOption(new Option('-f, --format <format>', 'format des journaux / log format').choices(['auto', ...FORMATS]).default('auto'))
    .option('-t, --timezone <zone>', 'fuseau des dates sans décalage / zone of dates without offset (ex. Europe/Paris)')
    .option('--csv-mapping <name|file.json>', 'correspondance CSV enregistrée, ou fichier JSON à enregistrer / CSV mapping')
    .option('--max-line-bytes <n>', 'longueur maximale d’une ligne / longest line accepted')
    .action(async (paths: string[], o: IngestCliOptions) => {
      process.exitCode = await runIngestCli(paths, o, {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
    });
}

export async function runIngestCli(paths: string[], o: IngestCliOptions, io: IngestIo): Promise<number> {
  let passphrase: string;
  try {
    checkOptions(o);
    passphrase = await readPassphrase(io);
  } catch (e) {
    io.stderr.write(`vigie ingest: ${(e as Error).message}\n`);
    return 2;
  }
  let opened;
  try {
    opened = await openVault(resolve(o.dataDir), passphrase);
  } catch (e) {
    io.stderr.write(`vigie ingest: ${(e as Error).message}\n`);
    return 1;
  }
  opened.key.fill(0);
  const db = opened.db;
  const limits = o.maxLineBytes ? { maxLineBytes: Number(o.maxLineBytes) } : undefined;
  const runtime = new IngestRuntime(db, { limits });
  const line = new ProgressLine(io.stderr);
  const unsubscribe = runtime.onProgress((p) => line.show(p));
  const interrupt = () => void runtime.stop();
  process.once('SIGINT', interrupt);
  try {
    const csvMapping = o.csvMapping ? await csvMappingName(db, o.csvMapping) : undefined;
    const ids = await runtime.importPaths(paths.map((p) => resolve(p)), { format: o.format, timezone: o.timezone, csvMapping });
    let ok = ids.length > 0;
    if (ids.length === 0) io.stderr.write('vigie ingest: aucun fichier à importer / no file to import\n');
    for (const id of ids) {
      const row = await runtime.wait(id);
      line.clear();
      if (!row) {
        ok = false;
        continue;
      }
      io.stdout.write(summary(row) + '\n');
      if (row.status !== 'done') ok = false;
    }
    return ok ? 0 : 1;
  } catch (e) {
    line.clear();
    io.stderr.write(`vigie ingest: ${(e as Error).message}\n`);
    return 1;
  } finally {
    process.removeListener('SIGINT', interrupt);
    unsubscribe();
    await runtime.stop();
    await db.close();
  }
}

/** `path: done — in 120 = stored 110 + quarantined 4 + duplicates 6 (+ 3 blank lines skipped)`. */
export function summary(r: ImportRow): string {
  const blank = r.blankLines > 0 ? ` (+ ${r.blankLines} blank lines skipped)` : '';
  const counts = `in ${r.recordsIn} = stored ${r.stored} + quarantined ${r.quarantined} + duplicates ${r.duplicates}${blank}`;
  return `${r.origin}: ${r.status} — ${counts}${r.message ? ` (${r.message})` : ''}`;
}

function checkOptions(o: IngestCliOptions): void {
  if (o.timezone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: o.timezone });
    } catch {
      throw new UsageError(`fuseau horaire inconnu / unknown time zone: ${o.timezone}`);
    }
  }
  if (o.maxLineBytes !== undefined && !(Number.isInteger(Number(o.maxLineBytes)) && Number(o.maxLineBytes) >= 256)) {
    throw new UsageError(`--max-line-bytes: entier ≥ 256 attendu / integer ≥ 256 expected`);
  }
}

/** A JSON file is validated and saved in the vault under its name; anything else names a saved mapping. */
async function csvMappingName(db: Parameters<typeof saveCsvMapping>[0], value: string): Promise<string> {
  const st = await stat(value).catch(() => null);
  if (!st?.isFile()) return value;
  const mapping = JSON.parse(await readFile(value, 'utf8')) as CsvMapping;
  return (await saveCsvMapping(db, mapping)).name;
}

/** From VIGIE_PASSPHRASE, else typed on the terminal without echo; never from a pipe. */
export async function readPassphrase(io: IngestIo): Promise<string> {
  const fromEnv = io.env.VIGIE_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!io.stdin.isTTY || !io.stdin.setRawMode) {
    throw new UsageError(
      'phrase de passe requise : définissez VIGIE_PASSPHRASE ou lancez la commande dans un terminal\n' +
        '  / passphrase required: set VIGIE_PASSPHRASE or run in a terminal',
    );
  }
  io.stderr.write('Phrase de passe du coffre / vault passphrase: ');
  const stdin = io.stdin;
  stdin.setRawMode?.(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolvePass, reject) => {
      let typed = '';
      const onData = (d: Buffer) => {
        for (const ch of d.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.removeListener('data', onData);
            io.stderr.write('\n');
            resolvePass(typed);
            return;
          }
          if (ch === '\u0003' || ch === '\u0004') {
            stdin.removeListener('data', onData);
            io.stderr.write('\n');
            reject(new UsageError('abandon / aborted'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
          else typed += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode?.(false);
    stdin.pause();
  }
}

/** One line on stderr, rewritten in place on a terminal, else printed every few seconds. */
class ProgressLine {
  private last = 0;
  private shown = false;

  constructor(private readonly out: Writable & { isTTY?: boolean }) {}

  show(p: ImportProgress): void {
    if (p.status !== 'running') return;
    const now = Date.now();
    if (!this.out.isTTY && now - this.last < 2000) return;
    this.last = now;
    const pct = p.bytesTotal ? ` ${Math.min(100, Math.floor((100 * p.bytesDone) / p.bytesTotal))} %` : '';
    const eta = p.etaSeconds !== null ? `, ETA ${p.etaSeconds} s` : '';
    const text = `${p.origin}:${pct} ${p.recordsIn} in, ${p.stored} stored, ${p.quarantined} quarantined, ${p.eventsPerSecond} ev/s${eta}`;
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${text}`);
      this.shown = true;
    } else this.out.write(text + '\n');
  }

  clear(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.shown = false;
  }
}
