/**
 * Substring prefilter, one index per field slot: every literal is indexed by
 * one of its 4-grams (3 for 3-character literals), the one made of the
 * rarest characters so that common grams rarely trigger. Scanning a text
 * costs a hash and a bitmap test per character; a hit is verified at its
 * exact offset (`startsWith`). Literals of 1 or 2 characters (emoji, `|`…)
 * are looked up character by character. Call `finish()` after the last `add`.
 */

interface Entry {
  lit: string;
  /** Offset of the indexed gram inside the literal. */
  off: number;
  rules: number[];
}

/** Rough frequency of characters in command lines, paths and messages (lower = rarer). */
const FREQ: Record<string, number> = {
  ' ': 20, e: 12, '\\': 10, t: 9, a: 8, o: 8, i: 7, n: 7, s: 7, r: 6, '.': 6, w: 5, h: 5, x: 4, l: 4, d: 4, c: 4, m: 4, ':': 4, '/': 4, '-': 4,
  u: 3, '"': 3, p: 3, f: 2, g: 2, y: 2, b: 1.5, v: 1.5, '0': 1.5, '1': 1.5, '2': 1.2, k: 1, '3': 1, _: 1,
};

function freq(ch: string): number {
  if (FREQ[ch] !== undefined) return FREQ[ch];
  const c = ch.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return 0.8;
  return c < 128 ? 0.6 : 0.4;
}

function hash3(c0: number, c1: number, c2: number): number {
  return Math.imul(c0, 0x9e3779b1) ^ Math.imul(c1, 0x85ebca77) ^ Math.imul(c2, 0xc2b2ae3d);
}

function hash4(c0: number, c1: number, c2: number, c3: number): number {
  return Math.imul(c0, 0x9e3779b1) ^ Math.imul(c1, 0x85ebca77) ^ Math.imul(c2, 0xc2b2ae3d) ^ Math.imul(c3, 0x27d4eb2f);
}

function gramHash(s: string, at: number, k: number): number {
  const c = (j: number) => s.charCodeAt(at + j);
  return k === 3 ? hash3(c(0), c(1), c(2)) : hash4(c(0), c(1), c(2), c(3));
}

class SlotGrams {
  readonly long = new Map<string, Entry>();
  readonly short = new Map<string, Entry>();
  readonly firstChar = new Set<number>();
  shift = 32;
  bits = new Uint32Array(1);
  /** Bucket per (gram length × hash), key = hash * 2 + (length === 4 ? 1 : 0). */
  buckets = new Map<number, Entry[]>();
  has3 = false;

  finish(): void {
    const size = Math.min(20, Math.max(12, Math.ceil(Math.log2(Math.max(1, this.long.size) * 64))));
    this.shift = 32 - size;
    this.bits = new Uint32Array(1 << (size - 5));
    this.buckets = new Map();
    const load = new Map<number, number>();
    for (const e of this.long.values()) {
      const k = e.lit.length === 3 ? 3 : 4;
      if (k === 3) this.has3 = true;
      let best = Infinity;
      for (let i = 0; i + k <= e.lit.length; i++) {
        let score = 0.25 * (load.get(gramHash(e.lit, i, k)) ?? 0);
        for (let j = 0; j < k; j++) score += freq(e.lit[i + j]);
        if (score < best) {
          best = score;
          e.off = i;
        }
      }
      const full = gramHash(e.lit, e.off, k);
      load.set(full, (load.get(full) ?? 0) + 1);
      const h = full >>> this.shift;
      this.bits[h >>> 5] |= 1 << (h & 31);
      const key = h * 2 + (k === 4 ? 1 : 0);
      this.buckets.set(key, [...(this.buckets.get(key) ?? []), e]);
    }
  }
}

export class NgramIndex {
  private readonly slots = new Map<number, SlotGrams>();

  add(slot: number, lit: string, rule: number): void {
    let s = this.slots.get(slot);
    if (!s) this.slots.set(slot, (s = new SlotGrams()));
    const table = lit.length < 3 ? s.short : s.long;
    const known = table.get(lit);
    if (known) known.rules.push(rule);
    else table.set(lit, { lit, off: 0, rules: [rule] });
    if (lit.length < 3) s.firstChar.add(lit.charCodeAt(0));
  }

  finish(): void {
    for (const s of this.slots.values()) s.finish();
  }

  get size(): number {
    let n = 0;
    for (const s of this.slots.values()) n += s.long.size + s.short.size;
    return n;
  }

  /** Marks the rules of every literal of `slot` found in `text`. */
  scan(slot: number, text: string, mark: (rules: readonly number[]) => void): void {
    const s = this.slots.get(slot);
    if (!s) return;
    if (s.short.size) {
      for (let i = 0; i < text.length; i++) {
        if (!s.firstChar.has(text.charCodeAt(i))) continue;
        const one = s.short.get(text[i]);
        if (one) mark(one.rules);
        const two = i + 1 < text.length ? s.short.get(text.slice(i, i + 2)) : undefined;
        if (two) mark(two.rules);
      }
    }
    if (s.long.size === 0) return;
    const { bits, shift, buckets, has3 } = s;
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    for (let i = 0; i < text.length; i++) {
      const c3 = text.charCodeAt(i);
      if (i >= 3) {
        const h = hash4(c0, c1, c2, c3) >>> shift;
        if ((bits[h >>> 5] & (1 << (h & 31))) !== 0) verify(buckets.get(h * 2 + 1), text, i - 3, mark);
      }
      if (has3 && i >= 2) {
        const h = hash3(c1, c2, c3) >>> shift;
        if ((bits[h >>> 5] & (1 << (h & 31))) !== 0) verify(buckets.get(h * 2), text, i - 2, mark);
      }
      c0 = c1;
      c1 = c2;
      c2 = c3;
    }
  }
}

function verify(list: Entry[] | undefined, text: string, gramStart: number, mark: (rules: readonly number[]) => void): void {
  if (!list) return;
  for (const e of list) {
    const start = gramStart - e.off;
    if (start >= 0 && text.startsWith(e.lit, start)) mark(e.rules);
  }
}
