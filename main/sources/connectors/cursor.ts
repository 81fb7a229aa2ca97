/**
 * The cursor of a pull connector: the highest item timestamp stored so far
 * (kept as the server wrote it), plus the keys of the items stored AT that
 * timestamp. Requests ask for items at or after the cursor (`ge`), so an
 * item sharing the cursor's timestamp but not yet stored (page boundary,
 * crash between pages) is never skipped; the ones already stored are
 * recognised by key and skipped without being counted again. Fingerprints
 * on the same keys make a re-fetch harmless in any case.
 */
import type { SourceState } from '../repository';

/** Keys remembered at the cursor's timestamp at most (many items in the same millisecond). */
const MAX_SEEN = 10_000;

export interface CursorItem {
  key: string;
  /** The timestamp as the server gave it (string or epoch number), or null. */
  ts: string | number | null;
}

/** Milliseconds of a timestamp: ISO 8601 / RFC 3339 string, or epoch milliseconds (number or digits). */
export function timestampMs(ts: string | number | null | undefined): number | null {
  if (ts === null || ts === undefined) return null;
  if (typeof ts === 'number') return Number.isFinite(ts) ? ts : null;
  if (/^\d{1,16}$/.test(ts)) return Number(ts);
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? null : ms;
}

export class Cursor {
  private cursor: string | null;
  private cursorMs: number | null;
  private seen: Set<string>;

  constructor(state: SourceState, initial?: string | null) {
    this.cursor = state.cursor ?? initial ?? null;
    this.cursorMs = timestampMs(this.cursor);
    this.seen = new Set(state.cursor ? (state.seenAtCursor ?? []) : []);
  }

  get value(): string | null {
    return this.cursor;
  }

  /** True when the item is at the cursor's timestamp and already stored. */
  alreadyStored(item: CursorItem): boolean {
    const ms = timestampMs(item.ts);
    return ms !== null && ms === this.cursorMs && this.seen.has(item.key);
  }

  /**
   * The state after storing `items` (not applied until `commit`): the cursor
   * moves to the highest timestamp; the keys at that timestamp are remembered.
   */
  next(items: readonly CursorItem[]): Required<Pick<SourceState, 'cursor' | 'seenAtCursor'>> {
    let cursor = this.cursor;
    let cursorMs = this.cursorMs;
    for (const item of items) {
      const ms = timestampMs(item.ts);
      if (ms === null) continue;
      if (cursorMs === null || ms > cursorMs) {
        cursorMs = ms;
        cursor = String(item.ts);
      }
    }
    const seen = cursorMs === this.cursorMs ? new Set(this.seen) : new Set<string>();
    for (const item of items) if (timestampMs(item.ts) === cursorMs) seen.add(item.key);
    return { cursor, seenAtCursor: [...seen].slice(-MAX_SEEN) };
  }

  commit(state: Pick<SourceState, 'cursor' | 'seenAtCursor'>): void {
    this.cursor = state.cursor ?? null;
    this.cursorMs = timestampMs(this.cursor);
    this.seen = new Set(state.seenAtCursor ?? []);
  }
}
