import { promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ImportProgress } from '../../api/contract';
import type { ImportRow } from '../../api/ops/ingest';
import { VigieError } from '../../api/errors';
import type { EventBus } from '../../engine/bus';
import type { Db } from '../../store/db';
import type { CsvMapping, FormatChoice } from '../types';
import { createImport, finishImport, getImport, parseOptions, readImport } from './imports';
import { fileInput, streamInput, type ImportInput } from './input';
import type { PipelineLimits } from './limits';
import { expandPaths } from './paths';
import { prepareImport, type ImportRequest, type Prepared } from './request';
import { runImport, type ImportControl } from './runner';
import { UploadSessions } from './uploads';

export type { ImportRequest };

export interface RuntimeOptions {
  bus?: EventBus;
  /** Defaults for every import of this runtime. */
  limits?: Partial<PipelineLimits>;
  log?: (message: string, meta: Record<string, unknown>) => void;
}

interface Job {
  importId: number;
  makeInput: () => Promise<ImportInput>;
  format: FormatChoice;
  sourceId: number | null;
  csv?: CsvMapping;
  limits: PipelineLimits;
  control: ImportControl & { message?: string };
  resume: boolean;
  done: Promise<ImportRow | null>;
  settle: (row: ImportRow | null) => void;
}

const QUEUED = 'En attente.';

/**
 * The imports of one open vault: file imports run one after the other (a
 * queue: two cores are better spent on one import at full speed), uploads run
 * at once (the browser is sending), drop folders enqueue files. `stop()` at
 * lock time ends everything at a batch boundary, as 'interrupted'.
 */
export class IngestRuntime {
  private readonly queue: Job[] = [];
  private readonly active = new Map<number, Job>();
  private readonly listeners = new Set<(p: ImportProgress) => void>();
  private readonly stoppers = new Set<() => Promise<void>>();
  private pumping = false;
  private stopped = false;
  readonly uploads: UploadSessions;

  constructor(
    readonly db: Db,
    private readonly opts: RuntimeOptions = {},
  ) {
    this.uploads = new UploadSessions(this);
  }

  /** Progress of every import of this runtime (besides the bus). Returns the unsubscribe. */
  onProgress(fn: (p: ImportProgress) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Something to stop with the runtime (a drop folder). Returns the unregister. */
  track(stop: () => Promise<void>): () => void {
    this.stoppers.add(stop);
    return () => this.stoppers.delete(stop);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  isActive(importId: number): boolean {
    return this.active.has(importId);
  }

  /** Files and folders (recursive) → one queued import per file; returns at once. */
  async importPaths(paths: readonly string[], req: ImportRequest = {}): Promise<number[]> {
    this.assertRunning();
    const prep = await prepareImport(this.db, this.opts.limits, req);
    const files = await expandPaths(paths);
    const ids: number[] = [];
    for (const f of files) ids.push(await this.enqueueFile(f, req.sourceId ?? null, prep));
    return ids;
  }

  /** One file (drop folder); returns its import id at once. */
  async importFile(path: string, req: ImportRequest = {}): Promise<number> {
    this.assertRunning();
    return this.enqueueFile(path, req.sourceId ?? null, await prepareImport(this.db, this.opts.limits, req));
  }

  /** An import fed by a stream (upload), started at once. */
  async importStream(
    origin: string,
    size: number | null,
    stream: Readable,
    req: ImportRequest = {},
  ): Promise<{ importId: number; done: Promise<ImportRow | null> }> {
    this.assertRunning();
    const prep = await prepareImport(this.db, this.opts.limits, req);
    const options = { ...prep.options, upload: true };
    const importId = await createImport(this.db, { origin, format: prep.format, sourceId: req.sourceId, size, options });
    const job = this.job(importId, async () => streamInput(origin, size, stream), prep, req.sourceId ?? null, false);
    void this.execute(job);
    return { importId, done: job.done };
  }

  /** An upload is abandoned: its import stops as 'cancelled' with `message` (the caller destroys the stream). */
  async abortStream(importId: number, message: string): Promise<void> {
    const job = this.active.get(importId);
    if (!job) return;
    job.control.stop = 'cancel';
    job.control.message = message;
  }

  /** Resolves with the final row once the import has ended (at once when it is not running). */
  async wait(importId: number): Promise<ImportRow | null> {
    const job = this.active.get(importId);
    return job ? job.done : getImport(this.db, importId);
  }

  async cancel(importId: number): Promise<ImportRow> {
    const job = this.active.get(importId);
    if (!job) {
      const row = await getImport(this.db, importId);
      if (row.status === 'running') {
        throw new VigieError('CONFLICT', 'Cet import n’est pas exécuté par cette session (autre processus ?).');
      }
      return row;
    }
    job.control.stop = 'cancel';
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      await finishImport(this.db, importId, 'cancelled', 'Import annulé avant son début.');
      this.settle(job, await getImport(this.db, importId));
    }
    this.uploads.forget(importId);
    return (await job.done) ?? getImport(this.db, importId);
  }

  /** Continues an interrupted, failed or cancelled file import from its last committed batch. */
  async resume(importId: number): Promise<number> {
    this.assertRunning();
    if (this.active.has(importId)) throw new VigieError('CONFLICT', 'Cet import est déjà en cours.');
    const row = await readImport(this.db, importId);
    const o = parseOptions(row.options);
    if (o.upload) {
      throw new VigieError(
        'CONFLICT',
        'Un envoi depuis le navigateur ne peut pas être repris : envoyez le fichier à nouveau (ce qui est déjà stocké sera ignoré).',
      );
    }
    if (!['interrupted', 'failed', 'cancelled'].includes(row.status)) {
      throw new VigieError('CONFLICT', `Import ${importId} : état « ${row.status} », rien à reprendre.`);
    }
    await fs.access(row.origin).catch(() => {
      throw new VigieError('NOT_FOUND', `Fichier introuvable : ${row.origin}`);
    });
    const prep = await prepareImport(this.db, this.opts.limits, {
      format: row.format as FormatChoice,
      timezone: o.timezone,
      csvMapping: o.csvMapping,
      service: o.service,
      dataset: o.dataset,
      limits: o.limits as Partial<PipelineLimits> | undefined,
    });
    await this.db.run("UPDATE imports SET status = 'running', ended_at = NULL, message = ? WHERE id = ?", [QUEUED, importId]);
    const job = this.job(importId, () => fileInput(row.origin), prep, row.source_id, true);
    this.enqueue(job);
    return importId;
  }

  /** Ends everything: drop folders, uploads, queued and running imports (→ 'interrupted'). */
  async stop(): Promise<void> {
    this.stopped = true;
    // Drop folders may be waiting for an import of theirs: interrupt the imports before awaiting them.
    const stoppers = [...this.stoppers].map((s) => s().catch(() => undefined));
    this.stoppers.clear();
    this.uploads.stopAll();
    for (const job of this.queue.splice(0)) {
      job.control.stop = 'interrupt';
      await finishImport(this.db, job.importId, 'interrupted', 'Import interrompu avant son début : il peut être repris.').catch(
        () => undefined,
      );
      this.settle(job, null);
    }
    const running = [...this.active.values()];
    for (const job of running) job.control.stop = 'interrupt';
    await Promise.allSettled(running.map((j) => j.done));
    await Promise.all(stoppers);
  }

  // ------------------------------------------------------------------ internals

  private assertRunning(): void {
    if (this.stopped) throw new VigieError('LOCKED', 'Le coffre se verrouille : import refusé.');
  }

  private async enqueueFile(path: string, sourceId: number | null, prep: Prepared): Promise<number> {
    const size = await fs
      .stat(path)
      .then((s) => s.size)
      .catch(() => null);
    const importId = await createImport(this.db, {
      origin: path, format: prep.format, sourceId, size, options: prep.options, message: QUEUED,
    });
    this.enqueue(this.job(importId, () => fileInput(path), prep, sourceId, false));
    return importId;
  }

  private job(importId: number, makeInput: () => Promise<ImportInput>, prep: Prepared, sourceId: number | null, resume: boolean): Job {
    let settle!: (row: ImportRow | null) => void;
    const done = new Promise<ImportRow | null>((r) => (settle = r));
    const job: Job = {
      importId, makeInput, format: prep.format, sourceId, csv: prep.csv, limits: prep.limits,
      control: { stop: null }, resume, done, settle,
    };
    this.active.set(importId, job);
    return job;
  }

  private enqueue(job: Job): void {
    this.queue.push(job);
    void this.pump();
  }

  private settle(job: Job, row: ImportRow | null): void {
    this.active.delete(job.importId);
    job.settle(row);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) await this.execute(job);
    } finally {
      this.pumping = false;
    }
  }

  private async execute(job: Job): Promise<void> {
    let row: ImportRow | null = null;
    try {
      const input = await job.makeInput();
      row = await runImport({
        db: this.db,
        importId: job.importId,
        input,
        format: job.format,
        sourceId: job.sourceId,
        csv: job.csv,
        limits: job.limits,
        control: job.control,
        resume: job.resume,
        onProgress: (p) => this.emit(job.control.message && p.status !== 'running' ? { ...p, message: job.control.message } : p),
      });
      if (job.control.message && row.status !== 'done') {
        await finishImport(this.db, job.importId, row.status, job.control.message);
        row = { ...row, message: job.control.message };
      }
    } catch (e) {
      const message = e instanceof VigieError ? e.message : `Import impossible : ${(e as Error).message}`;
      this.opts.log?.('import failed to start', { importId: job.importId, error: (e as Error).message });
      await finishImport(this.db, job.importId, 'failed', message).catch(() => undefined);
      row = await getImport(this.db, job.importId).catch(() => null);
    }
    if (row) this.opts.log?.('import ended', { importId: row.id, status: row.status, in: row.recordsIn, stored: row.stored });
    this.settle(job, row);
  }

  private emit(p: ImportProgress): void {
    this.opts.bus?.emit('import.progress', p);
    for (const l of this.listeners) l(p);
  }
}

const runtimes = new WeakMap<Db, IngestRuntime>();

/** The runtime of an open vault (created on first use; `bus`/`limits` of the first call stick). */
export function ingestRuntime(db: Db, opts: RuntimeOptions = {}): IngestRuntime {
  let r = runtimes.get(db);
  if (!r || r.isStopped) {
    r = new IngestRuntime(db, opts);
    runtimes.set(db, r);
  }
  return r;
}

/** At lock time, before the vault closes: interrupt imports, uploads and drop folders of `db`. */
export async function stopIngest(db: Db): Promise<void> {
  const r = runtimes.get(db);
  runtimes.delete(db);
  await r?.stop();
}
