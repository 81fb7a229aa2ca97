/**
 * The one way connectors talk HTTP: global `fetch` with a timeout, TLS
 * verification (never disabled here), a bounded number of redirects that may
 * not leave the origin nor downgrade to http (credentials never travel to
 * another host), a maximum response size, and error messages that name the
 * URL without its query and never contain the credential.
 */
import { STATUS_CODES } from 'node:http';

export interface AuthConfig {
  type: 'none' | 'bearer' | 'basic';
  username?: string;
}

export interface HttpOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  accept?: string;
  signal?: AbortSignal;
}

/** An HTTP failure with a message fit for `last_error` and the UI. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** `https://host/path` without query string nor user info: what errors show. */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(URL invalide)';
  }
}

/** The Authorization header for `auth` and its secret, or none. */
export function authHeaders(auth: AuthConfig, secret: string | null): Record<string, string> {
  if (auth.type === 'none') return {};
  if (!secret) throw new HttpError('Secret manquant pour l’authentification configurée.', null);
  if (auth.type === 'bearer') return { authorization: `Bearer ${secret}` };
  return { authorization: `Basic ${Buffer.from(`${auth.username ?? ''}:${secret}`, 'utf8').toString('base64')}` };
}

function causeCode(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

async function readLimited(res: Response, maxBytes: number, where: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new HttpError(`Réponse trop volumineuse (${declared} octets, maximum ${maxBytes}) de ${where}`, res.status);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new HttpError(`Réponse trop volumineuse (plus de ${maxBytes} octets) de ${where}`, res.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** GET `url`, follows same-origin redirects, returns the parsed JSON body and the final URL. */
export async function getJson(
  url: string,
  headers: Record<string, string>,
  opts: HttpOptions,
): Promise<{ body: unknown; url: string; status: number }> {
  const maxRedirects = opts.maxRedirects ?? 3;
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; ; hop++) {
    const where = displayUrl(current);
    const signals = [AbortSignal.timeout(opts.timeoutMs)];
    if (opts.signal) signals.push(opts.signal);
    let res: Response;
    try {
      res = await fetch(current, {
        method: 'GET',
        headers: { accept: opts.accept ?? 'application/json', ...headers },
        redirect: 'manual',
        signal: AbortSignal.any(signals),
      });
    } catch (e) {
      if (opts.signal?.aborted) throw new HttpError(`Collecte interrompue (${where})`, null);
      if ((e as Error).name === 'TimeoutError') {
        throw new HttpError(`Délai dépassé (${Math.round(opts.timeoutMs / 1000)} s) pour ${where}`, null);
      }
      throw new HttpError(`Connexion impossible à ${where} : ${causeCode(e)}`, null);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
      await res.body?.cancel().catch(() => undefined);
      if (hop >= maxRedirects) throw new HttpError(`Trop de redirections depuis ${displayUrl(url)}`, res.status);
      const next = new URL(res.headers.get('location') ?? '', current);
      if (next.origin !== origin) {
        throw new HttpError(`Redirection vers une autre origine refusée (${displayUrl(next)}) depuis ${where}`, res.status);
      }
      current = next.toString();
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const text = res.statusText || STATUS_CODES[res.status] || '';
      throw new HttpError(`HTTP ${res.status}${text ? ' ' + text : ''} from ${where}`, res.status);
    }
    let raw: string;
    try {
      raw = await readLimited(res, opts.maxBytes, where);
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(`Lecture de la réponse interrompue (${where}) : ${causeCode(e)}`, res.status);
    }
    try {
      return { body: JSON.parse(raw) as unknown, url: current, status: res.status };
    } catch {
      throw new HttpError(`Réponse non JSON de ${where}`, res.status);
    }
  }
}

/** Value at a dotted path ('' = the value itself). */
export function atPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let v: unknown = value;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}
