import type { ImportProgress, OpOutput } from '@contract';
import { api } from '../../api/client';
import { uploadFile, UploadAborted, type UploadSettings } from './upload';

export type ImportRow = OpOutput<'ingest.get'>;
export type JobPhase = 'queued' | 'uploading' | 'committed' | 'failed' | 'aborted';

export interface ImportJob {
  key: number;
  name: string;
  size: number;
  phase: JobPhase;
  /** Bytes uploaded so far. */
  sent: number;
  importId: number | null;
  /** Last progress the engine reported for this import (also while uploading: it parses as bytes arrive). */
  progress: ImportProgress | null;
  error: unknown;
  /** When the job ended (final progress, failure or abort): its bar goes away a few seconds later. */
  endedAt: number | null;
}

export interface QueueSnapshot {
  jobs: readonly ImportJob[];
  /** Grows each time an import ends (the history table reloads on it). */
  finished: number;
}

const FINAL: readonly ImportProgress['status'][] = ['done', 'cancelled', 'failed', 'interrupted'];
export const isFinal = (p: ImportProgress | null) => !!p && FINAL.includes(p.status);
/** While committed and not final, the import row is re-read this often in case a progress event was missed. */
const POLL_MS = 2000;

export function progressOfRow(row: ImportRow): ImportProgress {
  return {
    importId: row.id,
    origin: row.origin,
    status: row.status,
    bytesDone: row.bytesDone,
    bytesTotal: row.size,
    recordsIn: row.recordsIn,
    stored: row.stored,
    quarantined: row.quarantined,
    duplicates: row.duplicates,
    blankLines: row.blankLines,
    eventsPerSecond: 0,
    etaSeconds: null,
    message: row.message,
  };
}

/**
 * The files given to the Imports tab: uploaded one after the other in chunks,
 * then followed through `import.progress` until the engine is done. Kept
 * outside React so an upload goes on while the operator looks at other pages.
 */
class ImportQueue {
  private snapshot: QueueSnapshot = { jobs: [], finished: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly pending = new Map<number, { file: File; settings: UploadSettings; controller: AbortController }>();
  private nextKey = 1;
  private pumping = false;
  private unsubscribe: (() => void) | null = null;
  private poller: ReturnType<typeof setInterval> | null = null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): QueueSnapshot => this.snapshot;

  enqueue(files: File[], settings: UploadSettings): void {
    this.listen();
    const added = files.map((file): ImportJob => {
      const key = this.nextKey++;
      this.pending.set(key, { file, settings, controller: new AbortController() });
      const name = file.webkitRelativePath || file.name;
      return { key, name, size: file.size, phase: 'queued', sent: 0, importId: null, progress: null, error: null, endedAt: null };
    });
    this.set([...this.snapshot.jobs, ...added]);
    void this.pump();
  }

  /** Follows imports the engine started itself (files named by their path on this machine). */
  track(importIds: number[], name: string): void {
    this.listen();
    const added = importIds.map((importId): ImportJob => {
      const key = this.nextKey++;
      return { key, name, size: 0, phase: 'committed', sent: 0, importId, progress: null, error: null, endedAt: null };
    });
    this.set([...this.snapshot.jobs, ...added]);
  }

  /** Shows an import the operator resumed (a new card unless one already follows it). */
  follow(importId: number, name: string): void {
    if (!this.snapshot.jobs.some((j) => j.importId === importId)) this.track([importId], name);
  }

  async cancel(key: number): Promise<void> {
    const job = this.snapshot.jobs.find((j) => j.key === key);
    if (!job) return;
    if (job.phase === 'queued') {
      this.pending.delete(key);
      this.patch(key, { phase: 'aborted', endedAt: Date.now() });
      this.ended();
    } else if (job.phase === 'uploading') {
      this.pending.get(key)?.controller.abort();
    } else if (job.phase === 'committed' && job.importId !== null && !isFinal(job.progress)) {
      try {
        this.adopt(progressOfRow(await api.call('ingest.cancel', { importId: job.importId })));
      } catch (e) {
        this.patch(key, { error: e });
      }
    }
  }

  dismiss(key: number): void {
    this.set(this.snapshot.jobs.filter((j) => j.key !== key));
  }

  clearEnded(): void {
    this.set(this.snapshot.jobs.filter((j) => j.endedAt === null));
  }

  private set(jobs: readonly ImportJob[], finished = this.snapshot.finished): void {
    this.snapshot = { jobs, finished };
    for (const listener of [...this.listeners]) listener();
    this.schedulePolling();
  }

  private patch(key: number, change: Partial<ImportJob> | ((j: ImportJob) => Partial<ImportJob>)): void {
    this.set(this.snapshot.jobs.map((j) => (j.key === key ? { ...j, ...(typeof change === 'function' ? change(j) : change) } : j)));
  }

  private ended(): void {
    this.set(this.snapshot.jobs, this.snapshot.finished + 1);
  }

  private listen(): void {
    if (!this.unsubscribe) this.unsubscribe = api.on('import.progress', (p) => this.adopt(p));
  }

  private adopt(progress: ImportProgress): void {
    let ended = false;
    const jobs = this.snapshot.jobs.map((j) => {
      if (j.importId !== progress.importId) return j;
      const final = isFinal(progress);
      // A late event never reopens a finished import, but a resumed one (running again) is followed anew.
      if (isFinal(j.progress) && final) return j;
      ended ||= final;
      if (!final) return { ...j, progress, phase: j.phase === 'failed' || j.phase === 'aborted' ? 'committed' : j.phase, endedAt: null };
      return { ...j, progress, endedAt: j.endedAt ?? Date.now() };
    });
    this.set(jobs, this.snapshot.finished + (ended ? 1 : 0));
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const job = this.snapshot.jobs.find((j) => j.phase === 'queued');
        const entry = job && this.pending.get(job.key);
        if (!job || !entry) break;
        this.patch(job.key, { phase: 'uploading' });
        try {
          await uploadFile(entry.file, entry.settings, entry.controller.signal, {
            onBegin: (importId) => this.patch(job.key, { importId }),
            onSent: (sent) => this.patch(job.key, { sent }),
          });
          this.patch(job.key, { phase: 'committed', sent: entry.file.size });
        } catch (e) {
          const aborted = e instanceof UploadAborted;
          this.patch(job.key, (j) => ({ phase: aborted ? 'aborted' : 'failed', error: aborted ? null : e, endedAt: j.endedAt ?? Date.now() }));
          this.ended();
        } finally {
          this.pending.delete(job.key);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Safety net: an import whose final progress event was missed (event stream reconnecting) is re-read. */
  private schedulePolling(): void {
    const waiting = this.snapshot.jobs.some((j) => j.phase === 'committed' && j.importId !== null && !isFinal(j.progress));
    if (waiting && !this.poller) {
      this.poller = setInterval(() => this.poll(), POLL_MS);
    } else if (!waiting && this.poller) {
      clearInterval(this.poller);
      this.poller = null;
    }
  }

  private poll(): void {
    for (const j of this.snapshot.jobs) {
      if (j.phase !== 'committed' || j.importId === null || isFinal(j.progress)) continue;
      api.call('ingest.get', { importId: j.importId }).then(
        (row) => {
          if (FINAL.includes(row.status)) this.adopt(progressOfRow(row));
        },
        () => undefined,
      );
    }
  }
}

export const importQueue = new ImportQueue();
