/**
 * FHIR AuditEvent pull (R4 and R5 servers):
 *   GET {base}/AuditEvent?_lastUpdated=ge{cursor}&_sort=_lastUpdated&_count={pageSize}
 * then the Bundle's `link[relation=next]` until there is none (same origin
 * only: the credential never leaves the configured server). Each page is
 * stored with its cursor in one transaction (see pull.ts, cursor.ts).
 *
 * `ge` rather than `gt`: an AuditEvent sharing the cursor's `meta.lastUpdated`
 * but not stored yet (it was on the next page when the run stopped) is
 * fetched again instead of being skipped for ever; the ones already stored
 * are recognised by `id` + `meta.versionId` (the dedup key and fingerprint).
 */
import { createHash } from 'node:crypto';
import type { FhirConfig } from '../config';
import { Cursor } from './cursor';
import { authHeaders, displayUrl, getJson, HttpError } from './http';
import { commitPage, emptyResult, type PageItem, type PullDeps, type PullResult } from './pull';

const FHIR_JSON = 'application/fhir+json, application/json;q=0.9';

interface Resource {
  resourceType?: unknown;
  id?: unknown;
  meta?: { versionId?: unknown; lastUpdated?: unknown };
}
interface Bundle {
  resourceType?: unknown;
  link?: { relation?: unknown; url?: unknown }[];
  entry?: { resource?: Resource }[];
  total?: unknown;
}

/** The first search URL for a cursor. */
export function fhirSearchUrl(config: FhirConfig, cursor: string | null): string {
  const base = config.baseUrl.replace(/\/+$/, '');
  const q = new URLSearchParams();
  if (cursor) q.set('_lastUpdated', `ge${cursor}`);
  q.set('_sort', '_lastUpdated');
  q.set('_count', String(config.pageSize));
  return `${base}/AuditEvent?${q.toString()}`;
}

/** Dedup key of an AuditEvent: id + versionId (or lastUpdated, or a content hash when the server gives none). */
export function auditEventKey(r: Resource, json: string): string {
  const id = typeof r.id === 'string' && r.id !== '' ? r.id : 'sha256:' + createHash('sha256').update(json).digest('hex');
  const version = r.meta?.versionId ?? r.meta?.lastUpdated ?? '';
  return `${id}|${String(version)}`;
}

export function asBundle(body: unknown, where: string): Bundle {
  const b = body as Bundle;
  if (!b || typeof b !== 'object' || b.resourceType !== 'Bundle') {
    const type = b && typeof b === 'object' && typeof b.resourceType === 'string' ? b.resourceType : typeof body;
    throw new HttpError(`Réponse inattendue de ${where} : ${type} au lieu d’un Bundle`, null);
  }
  return b;
}

function nextLink(bundle: Bundle, current: string, origin: string): string | null {
  const link = bundle.link?.find((l) => l.relation === 'next' && typeof l.url === 'string');
  if (!link) return null;
  const next = new URL(String(link.url), current);
  if (next.origin !== origin) {
    throw new HttpError(`Lien « next » vers une autre origine refusé (${displayUrl(next)})`, null);
  }
  return next.toString();
}

function pageItems(bundle: Bundle, page: number): PageItem[] {
  const items: PageItem[] = [];
  for (const entry of bundle.entry ?? []) {
    const r = entry?.resource;
    if (!r || r.resourceType !== 'AuditEvent') continue; // OperationOutcome (search.mode=outcome), includes
    const json = JSON.stringify(r);
    const key = auditEventKey(r, json);
    const ts = typeof r.meta?.lastUpdated === 'string' ? r.meta.lastUpdated : null;
    items.push({
      record: { raw: json, key, position: `AuditEvent/${typeof r.id === 'string' ? r.id : '?'} (page ${page})` },
      cursor: { key, ts },
    });
  }
  return items;
}

export async function pullFhir(deps: PullDeps): Promise<PullResult> {
  const config = deps.source.config as FhirConfig;
  const cursor = new Cursor(deps.source.state, config.since ?? null);
  const result = emptyResult(cursor.value);
  const headers = authHeaders(config.auth, deps.secret);
  const origin = new URL(config.baseUrl).origin;
  const visited = new Set<string>();
  let url: string | null = fhirSearchUrl(config, cursor.value);
  while (url) {
    if (result.pages >= config.maxPagesPerRun) {
      result.complete = false;
      break;
    }
    if (deps.signal?.aborted) throw new HttpError('Collecte interrompue', null);
    visited.add(url);
    const res = await getJson(url, headers, {
      timeoutMs: config.timeoutSeconds * 1000,
      maxBytes: config.maxResponseBytes,
      accept: FHIR_JSON,
      signal: deps.signal,
    });
    const bundle = asBundle(res.body, displayUrl(res.url));
    const page = result.pages + 1;
    await commitPage(deps, cursor, pageItems(bundle, page), 'fhir', result);
    await deps.afterPage?.(page);
    const next = nextLink(bundle, res.url, origin);
    url = next && !visited.has(next) ? next : null;
  }
  return result;
}
