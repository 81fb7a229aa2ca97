/**
 * Contract operations of event search (see main/search/README.md): query,
 * counts, saved searches, exports. zod and types only (the renderer imports
 * the contract for types).
 */
import { z } from 'zod';
import type { EventRow, Page } from '../contract';
import { none, op, pageInput } from './define';

export const MAX_QUERY_LENGTH = 4000;
export const SEARCH_MAX_LIMIT = 500;
export const EXPORT_MAX_ROWS = 50_000;

/** Fields `search.count` may group by (`@timestamp`: time histogram). */
export const GROUPABLE_FIELDS = [
  '@timestamp',
  'event.severity',
  'service.name',
  'event.outcome',
  'event.dataset',
  'event.category',
  'event.action',
  'host.name',
  'process.name',
  'user.name',
  'source.ip',
  'destination.ip',
  'health.patient.pseudonym',
  'health.purpose_of_use',
  'health.break_glass',
] as const;
export type GroupableField = (typeof GROUPABLE_FIELDS)[number];

/** ISO 8601 (any precision, optional offset) or date math (`now`, `now-24h`, `now-1d/d`). Fully checked by the engine. */
const timeExpr = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^(now[0-9+\-/yMwdhHms]*|\d[0-9T:.,+\-Z ]*)$/, 'ISO 8601 date or date math (now-24h)');
const timeZone = z.string().max(64).regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/);
const range = {
  query: z.string().max(MAX_QUERY_LENGTH).default(''),
  from: timeExpr,
  to: timeExpr.default('now'),
  /** IANA zone for dates written without an offset and for `/d` rounding; default Europe/Paris. */
  timeZone: timeZone.optional(),
};
const sort = z.enum(['desc', 'asc']).default('desc');

export interface SearchResult {
  /** Matching events; a lower bound when `totalExact` is false (shown as "more than"). Exact up to 10,000 at least. */
  total: number;
  totalExact: boolean;
  items: EventRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** The requested range, resolved to ISO instants. */
  from: string;
  to: string;
  tookMs: number;
}

export interface CountGroup {
  /** Field value (severity name, `true`/`false`, bucket start for `@timestamp`); null = field absent. */
  key: string | null;
  count: number;
}

export interface SearchCount {
  total: number;
  groups: CountGroup[];
  bucket: 'hour' | 'day' | null;
  from: string;
  to: string;
  tookMs: number;
}

export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  /** ISO or date math, as saved. */
  from: string;
  to: string;
  owner: string;
  createdAt: string;
  updatedAt: string;
}

export interface SearchExport {
  filename: string;
  mime: string;
  content: string;
  rows: number;
  /** More events matched than `maxRows`. */
  truncated: boolean;
  exportId: number;
}

export interface ExportRecord {
  id: number;
  at: string;
  actor: string;
  query: string;
  from: string;
  to: string;
  format: 'csv' | 'json';
  rows: number;
  filename: string;
  sha256: string;
}

export interface SearchFields {
  /** ECS names. `attributes.<key>` reaches JSON attributes. */
  canonical: string[];
  /** Short name → ECS name. */
  aliases: Record<string, string>;
  groupable: string[];
}

export const searchOps = {
  'search.query': op<SearchResult>()(
    z
      .object({
        ...range,
        limit: z.number().int().min(1).max(SEARCH_MAX_LIMIT).default(100),
        offset: z.number().int().min(0).max(1_000_000).default(0),
        cursor: z.string().max(40).optional(),
        sort,
      })
      .strict(),
    'any',
  ),
  'search.count': op<SearchCount>()(
    z
      .object({ ...range, groupBy: z.enum(GROUPABLE_FIELDS).optional(), top: z.number().int().min(1).max(100).default(10) })
      .strict(),
    'any',
  ),
  'search.fields': op<SearchFields>()(none, 'any', false),
  'search.saved.list': op<SavedSearch[]>()(none, 'any', false),
  'search.saved.save': op<SavedSearch>()(
    z
      .object({
        id: z.number().int().positive().optional(),
        name: z.string().trim().min(1).max(120),
        query: range.query,
        from: timeExpr,
        to: timeExpr.default('now'),
      })
      .strict(),
    'any',
  ),
  'search.saved.delete': op<{ ok: true }>()(z.object({ id: z.number().int().positive() }).strict(), 'any'),
  'search.export': op<SearchExport>()(
    z
      .object({
        ...range,
        format: z.enum(['csv', 'json']),
        maxRows: z.number().int().min(1).max(EXPORT_MAX_ROWS).default(10_000),
        sort,
      })
      .strict(),
    'any',
  ),
  'search.exports.list': op<Page<ExportRecord>>()(pageInput, 'any'),
} as const;
