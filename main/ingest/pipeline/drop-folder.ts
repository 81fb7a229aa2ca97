import { createReadStream, promises as fs } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ImportRow } from '../../api/ops/ingest';
import type { EventBus } from '../../engine/bus';
import type { Db } from '../../store/db';
import type { FormatChoice } from '../types';
import { decodedChunks } from './decode';
import { resolveIdentity } from './imports';
import { IDENTITY_BYTES, pipelineLimits } from './limits';
import { fullyAccounted, moveProcessedFile } from './move-processed';
import { IMPORTED_DIR } from './paths';
import { ingestRuntime, type ImportRequest } from './runtime';

export interface DropFolderOptions {
  db: Db;
  bus?: EventBus;
  folder: string;
  /** Polling period (fs.watch is unreliable across platforms and network shares). Default 3 s. */
  intervalMs?: number;
  /**
   * Move each fully imported file (`fullyAccounted`) out of the folder, to `processedFolder` or else
   * `<folder>/.imported/`. Default false (files stay; never imported twice anyway).
   */
  moveProcessed?: boolean;
  /** Absolute path of the processed folder (may lie inside `folder`: it is then not watched). */
  processedFolder?: string;
  sourceId?: number | null;
  format?: FormatChoice;
  timezone?: string;
  csvMapping?: string;
  service?: string;
  dataset?: string;
  /** Called after each import of a file from the folder (source health counters). */
  onImported?: (row: ImportRow) => void;
  /** Called when the folder cannot be read or a file cannot be imported or moved. */
  onError?: (message: string) => void;
  /** Called after a file was moved to the processed folder. */
  onMoved?: (from: string, to: string) => void;
}

export interface DropFolder {
  /** One polling round (the timer calls it; tests may too). Resolves when the files it started are imported. */
  poll(): Promise<void>;
  /** Resolves when the round under way (if any) has ended, without starting another. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Seen {
  size: number;
  mtimeMs: number;
  stable: number;
}

export const DEFAULT_DROP_INTERVAL_MS = 3000;

/**
 * Watches a drop folder by polling: a file is imported once its size and
 * modification time are the same in two successive polls (it is no longer
 * being written). A file whose identity and size match an import already
 * done is never imported again (restarts included: that is in the vault);
 * a file that grew is imported again and only its new records are added.
 */
export function startDropFolder(o: DropFolderOptions): DropFolder {
  const runtime = ingestRuntime(o.db, { bus: o.bus });
  const seen = new Map<string, Seen>();
  /** path → "size:mtime" already handled in this session. */
  const handled = new Map<string, string>();
  const req: ImportRequest = {
    format: o.format, timezone: o.timezone, csvMapping: o.csvMapping, sourceId: o.sourceId ?? null,
    service: o.service, dataset: o.dataset,
  };
  let current: Promise<void> = Promise.resolve();
  let stopped = false;
  const processed = resolve(o.processedFolder ?? join(o.folder, IMPORTED_DIR));
  const move = async (f: { path: string; size: number; mtimeMs: number }) => {
    if (!o.moveProcessed) return;
    const to = await moveProcessedFile(f.path, o.folder, processed, f);
    if (to) o.onMoved?.(f.path, to);
  };

  const round = async (): Promise<void> => {
    let files: { path: string; size: number; mtimeMs: number }[];
    try {
      files = await listFiles(o.folder, processed);
    } catch (e) {
      o.onError?.(`Dossier de dépôt illisible : ${o.folder} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return;
    }
    const present = new Set(files.map((f) => f.path));
    for (const p of seen.keys()) if (!present.has(p)) seen.delete(p);
    const ready: typeof files = [];
    for (const f of files) {
      const prev = seen.get(f.path);
      const stable = prev && prev.size === f.size && prev.mtimeMs === f.mtimeMs ? prev.stable + 1 : 0;
      seen.set(f.path, { size: f.size, mtimeMs: f.mtimeMs, stable });
      if (stable >= 1 && handled.get(f.path) !== `${f.size}:${f.mtimeMs}`) ready.push(f);
    }
    for (const f of ready) {
      if (stopped) return;
      handled.set(f.path, `${f.size}:${f.mtimeMs}`);
      try {
        if (await alreadyImported(o.db, f.path, f.size)) {
          await move(f);
          continue;
        }
        const id = await runtime.importFile(f.path, req);
        const row = await runtime.wait(id);
        if (!row) continue;
        o.onImported?.(row);
        // Only a file whose every record is in the vault leaves the folder, and only if unchanged since.
        if (fullyAccounted(row)) await move(f);
      } catch (e) {
        o.onError?.(`${basename(f.path)} : ${(e as Error).message}`);
      }
    }
  };

  const poll = (): Promise<void> => {
    if (stopped) return current;
    current = current.then(round, round);
    return current;
  };
  const timer = setInterval(() => void poll(), o.intervalMs ?? DEFAULT_DROP_INTERVAL_MS);
  timer.unref();
  const stop = async (): Promise<void> => {
    stopped = true;
    clearInterval(timer);
    untrack();
    await current.catch(() => undefined);
  };
  const untrack = runtime.track(stop);
  void poll();
  return { poll, stop, idle: () => current.catch(() => undefined) };
}

/** Regular files of the folder, recursively, without hidden entries (`.imported` included) and the processed folder. */
async function listFiles(folder: string, processed: string): Promise<{ path: string; size: number; mtimeMs: number }[]> {
  const out: { path: string; size: number; mtimeMs: number }[] = [];
  const walk = async (dir: string) => {
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (resolve(p) !== processed) await walk(p);
      }
      else if (e.isFile()) {
        const st = await fs.stat(p).catch(() => null);
        if (st) out.push({ path: p, size: st.size, mtimeMs: st.mtimeMs });
      }
    }
  };
  await walk(folder);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** True when an import of the same content (identity) and size already ended 'done' with every record accounted for. */
async function alreadyImported(db: Db, path: string, size: number): Promise<boolean> {
  const head = await readDecodedHead(path);
  const { identity } = await resolveIdentity(db, head);
  const row = await db.get(
    `SELECT 1 AS x FROM imports WHERE identity = ? AND size = ? AND status = 'done' AND message IS NULL
       AND records_in = stored + quarantined + duplicates LIMIT 1`,
    [identity, size],
  );
  return row !== undefined;
}

async function readDecodedHead(path: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let len = 0;
  const limits = pipelineLimits({ readChunkBytes: IDENTITY_BYTES });
  try {
    for await (const c of decodedChunks(createReadStream(path, { highWaterMark: IDENTITY_BYTES }), limits, { raw: 0 }, () => {})) {
      parts.push(c);
      len += c.length;
      if (len >= IDENTITY_BYTES) break;
    }
  } catch {
    // A corrupt gzip: whatever came out identifies it (its import will quarantine the rest).
  }
  return Buffer.concat(parts).subarray(0, IDENTITY_BYTES);
}
