/**
 * Which desktop notifications alerts give (no `electron` import: unit-tested
 * in tests/electron/unit). Only high and critical alerts notify; alerts that
 * arrive together (a retro-hunt, an ingest burst, a demo load) give **one**
 * notification: the burst is shown once no alert came for `quietMs`, or at
 * the latest `maxWaitMs` after its first alert.
 */
import type { Severity } from '../main/api/contract';

export interface AlertNote {
  /** The alert's title (already pseudonymised by the engine). */
  title: string;
  severity: Severity;
}

export interface Shown {
  title: string;
  body: string;
  urgency: 'normal' | 'critical';
}

export interface BurstClock {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realClock: BurstClock = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const NOTIFIED_SEVERITIES: ReadonlySet<Severity> = new Set(['high', 'critical']);
const LABEL: Partial<Record<Severity, string>> = { high: 'élevée', critical: 'critique' };
const LISTED = 3;

/** The one notification of a burst (worst alerts first). */
export function summarize(notes: readonly AlertNote[]): Shown {
  const critical = notes.filter((n) => n.severity === 'critical');
  const urgency = critical.length ? 'critical' : 'normal';
  if (notes.length === 1) return { title: `Vigie : alerte ${LABEL[notes[0].severity] ?? notes[0].severity}`, body: notes[0].title, urgency };
  const high = notes.length - critical.length;
  const parts = [critical.length ? `${critical.length} critique${critical.length > 1 ? 's' : ''}` : '', high ? `${high} élevée${high > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join(' et ');
  const worst = [...critical, ...notes.filter((n) => n.severity !== 'critical')].slice(0, LISTED).map((n) => `• ${n.title}`);
  if (notes.length > LISTED) worst.push(`… et ${notes.length - LISTED} autre${notes.length - LISTED > 1 ? 's' : ''}`);
  return { title: `Vigie : ${notes.length} nouvelles alertes (${parts})`, body: worst.join('\n'), urgency };
}

export class AlertBurst {
  private pending: AlertNote[] = [];
  private handle: unknown = null;
  private firstAt = 0;

  constructor(
    private readonly show: (n: Shown) => void,
    private readonly opts: { quietMs: number; maxWaitMs: number } = { quietMs: 2000, maxWaitMs: 10_000 },
    private readonly clock: BurstClock = realClock,
  ) {}

  /** An alert was created: kept for the burst if high or critical, ignored otherwise. */
  push(note: AlertNote): void {
    if (!NOTIFIED_SEVERITIES.has(note.severity)) return;
    const now = this.clock.now();
    if (this.pending.length === 0) this.firstAt = now;
    this.pending.push(note);
    if (this.handle !== null) this.clock.clear(this.handle);
    const wait = Math.max(0, Math.min(this.opts.quietMs, this.firstAt + this.opts.maxWaitMs - now));
    this.handle = this.clock.set(() => this.flush(), wait);
  }

  /** Shows the pending burst now (also when the app quits). */
  flush(): void {
    if (this.handle !== null) this.clock.clear(this.handle);
    this.handle = null;
    const notes = this.pending;
    this.pending = [];
    if (notes.length) this.show(summarize(notes));
  }
}
