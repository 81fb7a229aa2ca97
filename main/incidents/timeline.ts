/**
 * Timeline of an incident: automatic entries derived from its history, plus
 * manual and imported entries (`incident_timeline`, de-duplicated by a hash
 * of their content). Entries without an offset of their own are written in
 * Paris time (`+01:00` in winter, `+02:00` in summer).
 */
import { createHash } from 'node:crypto';
import type { TimelineColumns, TimelineEntry } from '../api/ops/incidents';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { describeHistory } from './history-labels';
import { parisOffset } from './legal/time';
import { cleanLabel } from './model';
import { writableIncident } from './queries';
import { recordEvent } from './update';

export interface TimelineInput {
  at: string | number;
  tz?: string;
  title: string;
  category?: string;
  content?: string;
  raw?: string;
  source?: string;
  assets?: string[];
  iocs?: string[];
  tags?: string[];
}

interface TimelineDbRow {
  id: number;
  ts: number;
  tz: string;
  title: string;
  category: string;
  content: string;
  raw: string;
  source: string;
  assets: string;
  iocs: string;
  tags: string;
  origin: 'manual' | 'iris';
  created_by: string;
}

interface HistoryDbRow {
  id: number;
  ts: number;
  actor: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
}

const jsonList = (s: string): string[] => {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

/** `+HH:MM` offset; accepts `Z`, `UTC`, `GMT`, `+HHMM`, `+HH`, empty (UTC). Null when unreadable. */
export function normaliseOffset(tz: string | undefined): string | null {
  const t = (tz ?? '').trim();
  if (t === '' || /^(z|utc|gmt)$/i.test(t)) return '+00:00';
  const m = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(t);
  if (!m) return null;
  const h = Number(m[2]);
  const min = Number(m[3] ?? '0');
  if (h > 14 || min > 59) return null;
  return `${m[1]}${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

export function offsetMinutes(tz: string): number {
  const sign = tz.startsWith('-') ? -1 : 1;
  return sign * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6)));
}

/** sha256 of what makes an entry the same entry (the instant, not the offset it is written in). */
export function timelineDedup(e: { ts: number; title: string; category: string; content: string; raw: string; source: string }): string {
  return createHash('sha256').update(JSON.stringify([e.ts, e.title, e.category, e.content, e.raw, e.source])).digest('hex');
}

function rowToEntry(r: TimelineDbRow): TimelineEntry {
  return {
    id: `t${r.id}`,
    kind: r.origin,
    at: new Date(r.ts).toISOString(),
    tz: r.tz,
    title: r.title,
    category: r.category,
    content: r.content,
    raw: r.raw,
    source: r.source,
    assets: jsonList(r.assets),
    iocs: jsonList(r.iocs),
    tags: jsonList(r.tags),
    actor: r.created_by,
  };
}

/**
 * What marks an automatic entry in `event_raw` (so an IRIS export re-imported
 * into the same incident is recognised): `{"vigie":"auto","incident":<uuid>,"history":<id>,…}`.
 */
export const AUTO_MARK = 'auto';

export interface AutoMark {
  incident: string | null;
  history: number;
}

/** The marker of an automatic entry read back from `event_raw`, or null. */
export function readAutoMark(raw: string): AutoMark | null {
  if (!raw.startsWith('{"vigie":')) return null;
  try {
    const v = JSON.parse(raw) as { vigie?: unknown; incident?: unknown; history?: unknown };
    if (v.vigie !== AUTO_MARK || !Number.isSafeInteger(v.history)) return null;
    return { incident: typeof v.incident === 'string' ? v.incident : null, history: v.history as number };
  } catch {
    return null;
  }
}

function historyToEntry(h: HistoryDbRow, incidentUuid: string | null): TimelineEntry {
  const text = describeHistory(h.field, h.from_value, h.to_value);
  return {
    id: `h${h.id}`,
    kind: 'auto',
    at: new Date(h.ts).toISOString(),
    tz: parisOffset(h.ts),
    title: text.title,
    category: 'Unspecified',
    content: text.content,
    raw: JSON.stringify({ vigie: AUTO_MARK, incident: incidentUuid, history: h.id, field: h.field, from: h.from_value, to: h.to_value }),
    source: `Vigie (${h.actor})`,
    assets: [],
    iocs: [],
    tags: ['vigie', h.field.replace(/^task#\d+\./, 'task.')],
    actor: h.actor,
  };
}

/** The timeline, oldest first; `automatic: false` leaves out the entries derived from the history. */
export async function listTimeline(db: Db, incidentId: number, opts: { automatic?: boolean } = {}): Promise<TimelineEntry[]> {
  const manual = await db.all<TimelineDbRow>('SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY ts, id', [incidentId]);
  const entries = manual.map((r) => ({ ts: r.ts, order: 1, id: r.id, entry: rowToEntry(r) }));
  if (opts.automatic !== false) {
    const history = await db.all<HistoryDbRow>('SELECT * FROM incident_history WHERE incident_id = ? ORDER BY ts, id', [incidentId]);
    const uuid = (await db.get<{ uuid: string | null }>('SELECT uuid FROM incidents WHERE id = ?', [incidentId]))?.uuid ?? null;
    entries.push(...history.map((h) => ({ ts: h.ts, order: 0, id: h.id, entry: historyToEntry(h, uuid) })));
  }
  entries.sort((a, b) => a.ts - b.ts || a.order - b.order || a.id - b.id);
  return entries.map((e) => e.entry);
}

export interface PreparedEntry extends TimelineColumns {
  ts: number;
  dedup: string;
}

/** Validates and normalises an entry. */
export function prepareEntry(input: TimelineInput): PreparedEntry {
  const ts = typeof input.at === 'number' ? input.at : Date.parse(input.at);
  if (!Number.isFinite(ts)) throw new VigieError('VALIDATION', `Date d’entrée de chronologie invalide : ${String(input.at)}`);
  // Without an explicit offset, an ISO date written with one keeps it (an analyst's local time);
  // otherwise (UTC `Z`, epoch ms) the entry is written in Paris time.
  const written = typeof input.at === 'string' ? /([+-]\d{2}:\d{2})$/i.exec(input.at.trim())?.[1] : undefined;
  const tz = normaliseOffset(input.tz ?? written ?? parisOffset(ts));
  if (!tz) throw new VigieError('VALIDATION', `Fuseau (décalage UTC) invalide : ${String(input.tz)}`);
  const title = cleanLabel(input.title);
  if (!title) throw new VigieError('VALIDATION', 'Le titre de l’entrée est obligatoire.');
  const list = (v: string[] | undefined) => [...new Set((v ?? []).map(cleanLabel).filter(Boolean))];
  const e = {
    ts,
    tz,
    title,
    category: cleanLabel(input.category ?? '') || 'Unspecified',
    content: input.content ?? '',
    raw: input.raw ?? '',
    source: cleanLabel(input.source ?? ''),
    assets: list(input.assets),
    iocs: list(input.iocs),
    tags: list(input.tags),
  };
  return { ...e, dedup: timelineDedup(e) };
}

/** Inserts prepared entries (duplicates ignored); returns how many were new. No history: callers write it. */
export async function insertEntries(db: Db, incidentId: number, entries: readonly PreparedEntry[], origin: 'manual' | 'iris', actor: string): Promise<number> {
  const now = Date.now();
  return db.insertMany(
    'incident_timeline',
    ['incident_id', 'ts', 'tz', 'title', 'category', 'content', 'raw', 'source', 'assets', 'iocs', 'tags', 'origin', 'dedup', 'created_by', 'created_at'],
    entries.map((e) => [
      incidentId, e.ts, e.tz, e.title, e.category, e.content, e.raw, e.source,
      JSON.stringify(e.assets), JSON.stringify(e.iocs), JSON.stringify(e.tags), origin, e.dedup, actor, now,
    ]),
    { onConflict: 'ignore' },
  );
}

/** Adds a manual entry (an identical entry already there is returned as is). */
export async function addTimelineEntry(db: Db, incidentId: number, input: TimelineInput, actor: string): Promise<TimelineEntry> {
  const e = prepareEntry(input);
  return db.transaction(async (tx) => {
    await writableIncident(tx, incidentId);
    if ((await insertEntries(tx, incidentId, [e], 'manual', actor)) > 0) {
      await recordEvent(tx, incidentId, { actor, field: 'timeline', to: e.title });
    }
    const row = await tx.get<TimelineDbRow>('SELECT * FROM incident_timeline WHERE incident_id = ? AND dedup = ?', [incidentId, e.dedup]);
    if (!row) throw new VigieError('INTERNAL', 'Entrée de chronologie introuvable après insertion.');
    return rowToEntry(row);
  });
}
