/**
 * Sightings: every stored event in which an observable appears, linked to
 * its incident (`incident_events`, origin `sighting`). IPs are compared with
 * source.ip and destination.ip, accounts with user.name and user.id; other
 * observables go through the event search (full-text index on the message,
 * substring on event.original) when the vault has it, else a LIKE substring
 * search over message and original.
 */
import type { SightingsResult } from '../api/ops/incidents';
import type { Db } from '../store/db';
import { searchEvents } from '../search/search';
import { linkEvents } from './links';
import { observableRow, type ObservableDbRow } from './observables';
import { writableIncident } from './queries';
import { recordEvent } from './update';

/** Events linked per search at most (most recent first). */
export const SIGHTINGS_CAP = 5000;
const PAGE = 500;

interface Hits {
  ids: number[];
  truncated: boolean;
  method: SightingsResult['method'];
}

const capped = (ids: number[], method: SightingsResult['method']): Hits => ({
  ids: ids.slice(0, SIGHTINGS_CAP),
  truncated: ids.length > SIGHTINGS_CAP,
  method,
});

/** `%`, `_` and the escape character itself are literal in the pattern. */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function byColumns(db: Db, columns: string[], value: string, method: SightingsResult['method']): Promise<Hits> {
  const where = columns.map((c) => `${c} = ?`).join(' OR ');
  const rows = await db.all<{ id: number }>(`SELECT id FROM events WHERE ${where} ORDER BY ts DESC LIMIT ?`, [
    ...columns.map(() => value),
    SIGHTINGS_CAP + 1,
  ]);
  return capped(rows.map((r) => r.id), method);
}

/** LIKE substring over message and original (case-insensitive for ASCII). */
export async function sightingsByLike(db: Db, value: string): Promise<Hits> {
  const pattern = likeContains(value);
  const rows = await db.all<{ id: number }>(
    "SELECT id FROM events WHERE message LIKE ? ESCAPE '\\' OR original LIKE ? ESCAPE '\\' ORDER BY ts DESC LIMIT ?",
    [pattern, pattern, SIGHTINGS_CAP + 1],
  );
  return capped(rows.map((r) => r.id), 'like');
}

/** Through the event search: the value as a phrase, in the indexed text or in event.original. */
async function byFullText(db: Db, value: string): Promise<Hits> {
  const phrase = `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  const now = Date.now();
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchEvents(db, {
      query: `${phrase} OR event.original:${phrase}`,
      from: '1970-01-01T00:00:00Z',
      to: new Date(now + 366 * 86_400_000).toISOString(),
      limit: PAGE,
      cursor,
    });
    ids.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ids.length <= SIGHTINGS_CAP);
  return capped(ids, 'fulltext');
}

async function hasFullText(db: Db): Promise<boolean> {
  return !!(await db.get("SELECT 1 AS ok FROM sqlite_master WHERE type = 'table' AND name = 'events_fts'"));
}

/** The events where `o` appears (most recent first, at most SIGHTINGS_CAP). */
export async function findSightings(db: Db, o: Pick<ObservableDbRow, 'type' | 'value'>): Promise<Hits> {
  switch (o.type) {
    case 'ip':
      return byColumns(db, ['source_ip', 'dest_ip'], o.value, 'ip');
    case 'account':
      return byColumns(db, ['user_name', 'user_id'], o.value, 'account');
    default:
      return (await hasFullText(db)) ? byFullText(db, o.value) : sightingsByLike(db, o.value);
  }
}

/** Searches the events for an observable, links the hits to its incident and records the count. */
export async function runSightings(db: Db, observableId: number, actor: string): Promise<SightingsResult> {
  const o = await observableRow(db, observableId);
  await writableIncident(db, o.incident_id);
  const hits = await findSightings(db, o);
  return db.transaction(async (tx) => {
    const linked = hits.ids.length
      ? await linkEvents(tx, o.incident_id, hits.ids, actor, { origin: 'sighting', observableId, note: `observations de ${o.value}` })
      : 0;
    const now = Date.now();
    await tx.run('UPDATE incident_observables SET sightings = ?, sighted_at = ? WHERE id = ?', [hits.ids.length, now, observableId]);
    await recordEvent(tx, o.incident_id, {
      actor,
      field: 'sightings',
      to: `${o.type}:${o.value} — ${hits.ids.length}${hits.truncated ? '+' : ''} événement(s), ${linked} nouvellement lié(s)`,
    });
    return { observableId, total: hits.ids.length, linked, truncated: hits.truncated, method: hits.method };
  });
}
