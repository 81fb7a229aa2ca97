import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { UPLOAD_CHUNK_BYTES } from '../../api/ops/ingest';
import { VigieError } from '../../api/errors';
import type { ImportRequest, IngestRuntime } from './runtime';

/** An upload nobody feeds for this long is aborted. */
export const UPLOAD_IDLE_MS = 10 * 60_000;
const MAX_SESSIONS = 8;
const SWEEP_MS = 30_000;

interface Session {
  id: string;
  importId: number;
  size: number;
  received: number;
  nextSeq: number;
  lastActivity: number;
  stream: PassThrough;
  ended: Promise<unknown>;
  finished: boolean;
}

/**
 * Browser uploads (no file path in a browser): begin → chunks in order →
 * commit. The chunks feed a stream read by the same pipeline as files, as
 * they arrive: nothing is written to disk outside the vault, and memory is
 * bounded (a chunk call waits while the pipeline is behind).
 */
export class UploadSessions {
  private readonly sessions = new Map<string, Session>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly runtime: IngestRuntime,
    private readonly idleMs = UPLOAD_IDLE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async begin(name: string, size: number, req: ImportRequest): Promise<{ uploadId: string; importId: number }> {
    if (this.sessions.size >= MAX_SESSIONS) {
      throw new VigieError('CONFLICT', `Trop d’envois en cours (${MAX_SESSIONS}) : terminez-en un d’abord.`);
    }
    const stream = new PassThrough({ highWaterMark: UPLOAD_CHUNK_BYTES });
    // Destroying the stream (abort, expiry, lock) may happen before the pipeline reads it: the pipeline
    // sees the error through its iterator, an unread stream must not turn it into an uncaught exception.
    stream.on('error', () => undefined);
    const job = await this.runtime.importStream(name, size, stream, req);
    const s: Session = {
      id: randomUUID(), importId: job.importId, size, received: 0, nextSeq: 0, lastActivity: this.now(), stream,
      ended: job.done, finished: false,
    };
    void job.done.then(() => (s.finished = true));
    this.sessions.set(s.id, s);
    this.startSweeper();
    return { uploadId: s.id, importId: s.importId };
  }

  async chunk(uploadId: string, seq: number, base64: string): Promise<{ receivedBytes: number }> {
    const s = this.get(uploadId);
    if (seq !== s.nextSeq) {
      throw new VigieError('VALIDATION', `Morceau ${seq} reçu, ${s.nextSeq} attendu : les morceaux doivent arriver dans l’ordre.`);
    }
    const data = Buffer.from(base64, 'base64');
    if (data.length > UPLOAD_CHUNK_BYTES) throw new VigieError('VALIDATION', `Morceau de plus de ${UPLOAD_CHUNK_BYTES} octets.`);
    if (s.received + data.length > s.size) {
      throw new VigieError('VALIDATION', `Plus d’octets que la taille annoncée (${s.size}).`);
    }
    if (s.finished) {
      this.sessions.delete(s.id);
      throw new VigieError('CONFLICT', 'L’import de cet envoi est déjà terminé (annulé ou en échec).');
    }
    s.nextSeq++;
    s.received += data.length;
    s.lastActivity = this.now();
    if (!s.stream.write(data)) await Promise.race([once(s.stream, 'drain').catch(() => undefined), s.ended]);
    s.lastActivity = this.now();
    return { receivedBytes: s.received };
  }

  async commit(uploadId: string): Promise<{ importId: number }> {
    const s = this.get(uploadId);
    if (s.received !== s.size) {
      throw new VigieError('VALIDATION', `Envoi incomplet : ${s.received} octets reçus sur ${s.size}.`);
    }
    this.sessions.delete(s.id);
    s.stream.end();
    return { importId: s.importId };
  }

  async abort(uploadId: string, message = 'Envoi abandonné.'): Promise<{ importId: number }> {
    const s = this.get(uploadId);
    await this.end(s, message);
    return { importId: s.importId };
  }

  /** The import of an upload is being cancelled from elsewhere: drop its session. */
  forget(importId: number): void {
    for (const s of this.sessions.values()) {
      if (s.importId === importId) {
        this.sessions.delete(s.id);
        s.stream.destroy(new Error('upload cancelled'));
      }
    }
  }

  /** Lock time: every session ends (its import becomes 'interrupted' through the runtime). */
  stopAll(): void {
    for (const s of this.sessions.values()) s.stream.destroy(new Error('vault locked'));
    this.sessions.clear();
    this.stopSweeper();
  }

  /** Aborts sessions idle for longer than the limit; exposed for tests (a timer calls it). */
  async sweep(): Promise<number> {
    const stale = [...this.sessions.values()].filter((s) => this.now() - s.lastActivity > this.idleMs);
    for (const s of stale) await this.end(s, `Envoi expiré : aucune donnée depuis ${Math.round(this.idleMs / 60_000)} min.`);
    return stale.length;
  }

  get count(): number {
    return this.sessions.size;
  }

  private async end(s: Session, message: string): Promise<void> {
    this.sessions.delete(s.id);
    if (this.sessions.size === 0) this.stopSweeper();
    await this.runtime.abortStream(s.importId, message);
    s.stream.destroy(new Error('upload aborted'));
    await s.ended;
  }

  private get(uploadId: string): Session {
    const s = this.sessions.get(uploadId);
    if (!s) throw new VigieError('NOT_FOUND', 'Envoi inconnu, terminé ou expiré.');
    return s;
  }

  private startSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  private stopSweeper(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}
