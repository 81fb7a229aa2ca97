/**
 * Field access on Vigie events. A "slot" is one interned list of Vigie field
 * paths tried in order (first defined value wins): `attributes.X` reads the
 * event's attributes (flat key first, then a dotted path into nested objects),
 * anything else is a top-level ECS key of `NormalizedEvent`. Rules compile
 * their fields to slots once; `EventContext` caches each slot's value and its
 * lower-cased text per event, so a field read by 300 rules is resolved once.
 */
import type { NormalizedEvent } from '../../events/types';

export type Accessor = (ev: NormalizedEvent) => unknown;

/** Pseudo-path of keyword searches: the message and the original record. */
export const KEYWORDS_PATH = '#keywords';

function nested(obj: unknown, parts: readonly string[]): unknown {
  let cur = obj;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function ownValue(obj: Record<string, unknown> | undefined, key: string): unknown {
  if (!obj || !Object.prototype.hasOwnProperty.call(obj, key)) return undefined;
  return obj[key];
}

/** Accessor for one Vigie field path. */
export function pathAccessor(path: string): Accessor {
  if (path === KEYWORDS_PATH) {
    return (ev) => (ev['event.original'] && ev['event.original'] !== ev.message ? [ev.message, ev['event.original']] : ev.message);
  }
  if (path.startsWith('attributes.')) {
    const key = path.slice('attributes.'.length);
    const parts = key.split('.');
    if (parts.length === 1) return (ev) => ownValue(ev.attributes, key);
    return (ev) => {
      const flat = ownValue(ev.attributes, key);
      return flat !== undefined ? flat : nested(ev.attributes, parts);
    };
  }
  return (ev) => ownValue(ev as unknown as Record<string, unknown>, path);
}

/** Registry of slots (interned path lists) shared by the rules of one load. */
export class FieldTable {
  private readonly bySignature = new Map<string, number>();
  readonly accessors: Accessor[] = [];
  readonly paths: (readonly string[])[] = [];

  get size(): number {
    return this.accessors.length;
  }

  slot(paths: readonly string[]): number {
    const sig = paths.join('\u0001');
    const known = this.bySignature.get(sig);
    if (known !== undefined) return known;
    const list = paths.map(pathAccessor);
    let acc: Accessor;
    if (list.length === 1) acc = list[0];
    else if (list.length === 2) {
      const [a, b] = list;
      acc = (ev) => {
        const v = a(ev);
        return v !== undefined ? v : b(ev);
      };
    } else {
      acc = (ev) => {
        for (const f of list) {
          const v = f(ev);
          if (v !== undefined) return v;
        }
        return undefined;
      };
    }
    const id = this.accessors.length;
    this.accessors.push(acc);
    this.paths.push([...paths]);
    this.bySignature.set(sig, id);
    return id;
  }
}

export type Text = string | string[] | null;

/** Text form(s) of a field value; `null` when it cannot be compared as text. */
export function toText(v: unknown): Text {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const x of v) {
      const t = toText(x);
      if (t === null) continue;
      if (typeof t === 'string') out.push(t);
      else out.push(...t);
    }
    return out;
  }
  return null;
}

function lowerText(t: Text): Text {
  if (t === null) return null;
  if (typeof t === 'string') return t.toLowerCase();
  return t.map((s) => s.toLowerCase());
}

/** Event time in ms (NaN when absent or unreadable). */
export function eventTime(ev: NormalizedEvent): number {
  const ts = ev['@timestamp'];
  if (ts instanceof Date) return ts.getTime();
  if (typeof ts === 'string') return Date.parse(ts);
  if (typeof ts === 'number') return ts;
  return Number.NaN;
}

/** Per-event cache of slot values; reused across events (no allocation per event). */
export class EventContext {
  event!: NormalizedEvent;
  private gen = 0;
  private cap = 0;
  private rawStamp = new Uint32Array(0);
  private lowStamp = new Uint32Array(0);
  private textStamp = new Uint32Array(0);
  private raw: unknown[] = [];
  private low: Text[] = [];
  private txt: Text[] = [];
  private timeGen = 0;
  private timeMs = Number.NaN;

  constructor(readonly table: FieldTable) {}

  reset(ev: NormalizedEvent): this {
    this.event = ev;
    if (this.cap < this.table.size) this.grow();
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.gen = 1;
      this.rawStamp.fill(0);
      this.lowStamp.fill(0);
      this.textStamp.fill(0);
      this.timeGen = 0;
    }
    return this;
  }

  private grow(): void {
    const n = this.table.size + 64;
    const copy = (a: Uint32Array) => {
      const b = new Uint32Array(n);
      b.set(a);
      return b;
    };
    this.rawStamp = copy(this.rawStamp);
    this.lowStamp = copy(this.lowStamp);
    this.textStamp = copy(this.textStamp);
    this.cap = n;
  }

  value(slot: number): unknown {
    if (this.rawStamp[slot] !== this.gen) {
      this.raw[slot] = this.table.accessors[slot](this.event);
      this.rawStamp[slot] = this.gen;
    }
    return this.raw[slot];
  }

  /** True when the slot holds a value other than null/undefined. */
  present(slot: number): boolean {
    const v = this.value(slot);
    return v !== undefined && v !== null;
  }

  /** Text of the value as is (case-sensitive comparisons). */
  text(slot: number): Text {
    if (this.textStamp[slot] !== this.gen) {
      this.txt[slot] = toText(this.value(slot));
      this.textStamp[slot] = this.gen;
    }
    return this.txt[slot];
  }

  /** Lower-cased text of the value (default, case-insensitive comparisons). */
  lower(slot: number): Text {
    if (this.lowStamp[slot] !== this.gen) {
      this.low[slot] = lowerText(this.text(slot));
      this.lowStamp[slot] = this.gen;
    }
    return this.low[slot];
  }

  /** `@timestamp` in ms. */
  time(): number {
    if (this.timeGen !== this.gen) {
      this.timeMs = eventTime(this.event);
      this.timeGen = this.gen;
    }
    return this.timeMs;
  }
}
