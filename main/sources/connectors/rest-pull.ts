/**
 * Generic JSON REST pull: GET {url}?{cursorParam}={cursor}[&{pageSizeParam}={pageSize}],
 * items at `itemsPath` (dotted; '' = the body is the array), each item's
 * timestamp at `timestampField` (the cursor) and id at `idField` (the dedup
 * key; the item's content hash when absent). Items are parsed by the JSON
 * parser (plain JSON, ECS-shaped or flattened Windows events). Requests are
 * repeated with the advanced cursor until a page brings nothing newer; each
 * page is stored with its cursor in one transaction (see pull.ts).
 *
 * The server may treat the cursor as "after" or "at or after": both work
 * (items at the cursor already stored are recognised by key).
 */
import { createHash } from 'node:crypto';
import type { RestConfig } from '../config';
import { Cursor } from './cursor';
import { atPath, authHeaders, displayUrl, getJson, HttpError } from './http';
import { commitPage, emptyResult, type PageItem, type PullDeps, type PullResult } from './pull';

export function restUrl(config: RestConfig, cursor: string | null): string {
  const u = new URL(config.url);
  if (cursor !== null) u.searchParams.set(config.cursorParam, cursor);
  if (config.pageSizeParam) u.searchParams.set(config.pageSizeParam, String(config.pageSize));
  return u.toString();
}

/** The items array of a response, or a clear error. */
export function restItems(body: unknown, config: RestConfig, where: string): unknown[] {
  const items = atPath(body, config.itemsPath);
  if (!Array.isArray(items)) {
    const what = config.itemsPath === '' ? 'la réponse' : `« ${config.itemsPath} »`;
    throw new HttpError(`Réponse inattendue de ${where} : ${what} n’est pas un tableau`, null);
  }
  return items;
}

function toPageItems(items: unknown[], config: RestConfig, page: number): PageItem[] {
  return items.map((item, i) => {
    const json = JSON.stringify(item) ?? 'null';
    const id = config.idField ? atPath(item, config.idField) : undefined;
    const key =
      typeof id === 'string' || typeof id === 'number' ? `id:${id}` : 'sha256:' + createHash('sha256').update(json).digest('hex');
    const raw = atPath(item, config.timestampField);
    const ts = typeof raw === 'string' || typeof raw === 'number' ? raw : null;
    return { record: { raw: json, key, position: `élément ${i + 1} (page ${page})` }, cursor: { key, ts } };
  });
}

export async function pullRest(deps: PullDeps): Promise<PullResult> {
  const config = deps.source.config as RestConfig;
  const cursor = new Cursor(deps.source.state, config.initialCursor ?? null);
  const result = emptyResult(cursor.value);
  const headers = authHeaders(config.auth, deps.secret);
  for (;;) {
    if (result.pages >= config.maxPagesPerRun) {
      result.complete = false;
      break;
    }
    if (deps.signal?.aborted) throw new HttpError('Collecte interrompue', null);
    const before = cursor.value;
    const res = await getJson(restUrl(config, before), headers, {
      timeoutMs: config.timeoutSeconds * 1000,
      maxBytes: config.maxResponseBytes,
      signal: deps.signal,
    });
    const items = restItems(res.body, config, displayUrl(res.url));
    const page = result.pages + 1;
    const outcome = await commitPage(deps, cursor, toPageItems(items, config, page), 'json', result);
    await deps.afterPage?.(page);
    const advanced = cursor.value !== before;
    const lastPage = config.pageSizeParam !== undefined && items.length < config.pageSize;
    if (items.length === 0 || !advanced || lastPage || outcome.received === 0) break;
  }
  return result;
}
