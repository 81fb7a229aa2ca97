/**
 * Retro-hunts: the enabled rules (or some of them) over stored events of a
 * time range, in batches, with progress on the bus (`progress`, task
 * `detection.retroHunt:<taskId>`) and cancellation. Alerts are created as by
 * live detection — an event already linked to an alert of the same rule is
 * not alerted again — with a correlation state of their own. The task counts
 * both the alerts it created and the matches that fell into alerts existing
 * before it (typically raised by live detection), with how many such alerts.
 */
import { randomUUID } from 'node:crypto';
import type { RetroTask } from '../../api/ops/detection';
import { VigieError } from '../../api/errors';
import { recordHits } from '../../alerts/record';
import { Detector } from '../sigma/detector';
import type { Hit } from '../sigma/types';
import { Deriver, loadDeriveLists } from './derive';
import { toAlertHit } from './hits';
import { countRange, scanRange } from './scan';
import type { DetectionService } from './service';

const BATCH = 2000;
const KEEP_FINISHED = 20;

interface Task {
  info: RetroTask;
  abort: AbortController;
  done: Promise<RetroTask>;
}

export class RetroHunts {
  private readonly tasks = new Map<string, Task>();

  constructor(private readonly service: DetectionService) {}

  list(): RetroTask[] {
    return [...this.tasks.values()].map((t) => ({ ...t.info }));
  }

  start(input: { from: string; to: string; ruleIds?: string[] }): string {
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    if (!(from < to)) throw new VigieError('VALIDATION', 'La période doit commencer avant de finir.');
    const set = this.service.set;
    for (const id of input.ruleIds ?? []) {
      if (!set.byId.has(id)) throw new VigieError('NOT_FOUND', `Règle ${id} non chargée (désactivée, rejetée ou inconnue).`);
    }
    const taskId = randomUUID();
    const info: RetroTask = {
      taskId,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      ruleIds: input.ruleIds ?? null,
      status: 'running',
      scanned: 0,
      total: 0,
      hits: 0,
      alertsCreated: 0,
      matchesInExisting: 0,
      existingAlerts: 0,
      suppressed: 0,
      startedAt: new Date().toISOString(),
      endedAt: null,
      message: null,
    };
    const abort = new AbortController();
    const done = this.run(info, from, to, abort.signal).then(
      () => info,
      (e: unknown) => {
        info.status = 'failed';
        info.message = e instanceof Error ? e.message : String(e);
        info.endedAt = new Date().toISOString();
        this.progress(info);
        return info;
      },
    );
    this.tasks.set(taskId, { info, abort, done });
    this.prune();
    return taskId;
  }

  cancel(taskId: string): boolean {
    const t = this.tasks.get(taskId);
    if (!t) throw new VigieError('NOT_FOUND', `Recherche rétrospective ${taskId} inconnue.`);
    if (t.info.status !== 'running') return false;
    t.abort.abort();
    return true;
  }

  async wait(taskId: string): Promise<RetroTask> {
    const t = this.tasks.get(taskId);
    if (!t) throw new VigieError('NOT_FOUND', `Recherche rétrospective ${taskId} inconnue.`);
    return { ...(await t.done) };
  }

  /** Cancels every running hunt and waits for them (before the vault closes). */
  async stopAll(): Promise<void> {
    for (const t of this.tasks.values()) t.abort.abort();
    await Promise.all([...this.tasks.values()].map((t) => t.done));
  }

  private prune(): void {
    const finished = [...this.tasks.values()].filter((t) => t.info.status !== 'running');
    for (const t of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.tasks.delete(t.info.taskId);
  }

  private progress(info: RetroTask): void {
    const step = info.status === 'running' ? 'detection.progress.retro' : `detection.progress.${info.status}`;
    const done = info.status === 'running' ? info.scanned : info.total;
    this.service.bus.emit('progress', { task: `detection.retroHunt:${info.taskId}`, step, done, total: info.total });
  }

  private async run(info: RetroTask, from: number, to: number, signal: AbortSignal): Promise<void> {
    const { db } = this.service;
    const set = this.service.set;
    const only = info.ruleIds ? new Set(info.ruleIds) : null;
    const detector = new Detector(set.load);
    const deriver = new Deriver(await loadDeriveLists(db), { timezone: this.service.timezone, learningMs: this.service.learningMs });
    info.total = await countRange(db, from, to);
    this.progress(info);
    // Alerts this hunt created, and the pre-existing ones its matches were grouped into.
    const created = new Set<number>();
    const existing = new Set<number>();
    const keep = (hits: Hit[]) => (only ? hits.filter((h) => only.has(h.rule.id)) : hits);
    const write = async (hits: Hit[]) => {
      info.hits += hits.length;
      const alertHits = hits.map((h) => toAlertHit(h, set)).filter((h): h is NonNullable<typeof h> => h !== null);
      let result: Awaited<ReturnType<typeof recordHits>> | undefined;
      await db.transaction(async (tx) => {
        await deriver.persist(tx);
        result = await recordHits(tx, alertHits);
      });
      if (!result) return;
      for (const a of result.created) created.add(a.id);
      info.alertsCreated = created.size;
      for (const id of result.grouped) {
        if (created.has(id)) continue;
        info.matchesInExisting++;
        existing.add(id);
      }
      info.existingAlerts = existing.size;
      info.suppressed += result.suppressed;
      this.service.announce(result);
    };
    await scanRange(db, { from, to }, BATCH, async (events) => {
      if (signal.aborted) return false;
      await deriver.prefetch(db, events.map((e) => e.event));
      const hits: Hit[] = [];
      for (const e of events) {
        deriver.derive(e.event, e.ts);
        hits.push(...keep(detector.process(e.event, e.id)));
      }
      await write(hits);
      info.scanned += events.length;
      this.progress(info);
      await new Promise<void>((r) => setImmediate(r));
      return !signal.aborted;
    });
    if (signal.aborted) info.status = 'cancelled';
    else {
      await write(keep(detector.flush()));
      info.status = 'done';
    }
    info.endedAt = new Date().toISOString();
    this.progress(info);
  }
}
