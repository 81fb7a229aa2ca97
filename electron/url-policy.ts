/**
 * URL rules of the shell, kept free of `electron` imports so they can be unit
 * tested in plain Node: which URLs are "ours", which external links may be
 * opened in the OS browser, and how an app:// path maps to a file.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Privileged custom scheme serving the built renderer: app://vigie/index.html */
export const APP_SCHEME = 'app';
export const APP_HOST = 'vigie';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Official sites the UI may link to (ANSSI, CNIL, ANS, CERT Santé, the
 * incident reporting portal, Légifrance). A host matches itself and its
 * subdomains; https only, default port, no credentials.
 */
export const EXTERNAL_ALLOW_LIST: readonly string[] = [
  'cyber.gouv.fr',
  'ssi.gouv.fr',
  'cnil.fr',
  'esante.gouv.fr',
  'cert.sante.fr',
  'signalement.social-sante.gouv.fr',
  'legifrance.gouv.fr',
];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for app://vigie/… and, in development, for the dev server's origin. */
export function isAppUrl(url: string, devUrl?: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  return (u.protocol === 'http:' || u.protocol === 'https:') && isDevServerUrl(url, devUrl);
}

/** True for http(s)/ws(s) URLs on the dev server's origin (development only). */
export function isDevServerUrl(url: string, devUrl?: string): boolean {
  const u = parse(url);
  const dev = devUrl ? parse(devUrl) : null;
  if (!u || !dev) return false;
  const scheme = u.protocol.replace(/^ws/, 'http');
  return (scheme === 'http:' || scheme === 'https:') && scheme === dev.protocol && u.host === dev.host;
}

/** Schemes that would reach the network. */
export function isNetworkUrl(url: string): boolean {
  return /^(https?|wss?|ftp):/i.test(url);
}

export function isAllowedExternal(url: string): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.port !== '' || u.username !== '' || u.password !== '') return false;
  const host = u.hostname.toLowerCase();
  return EXTERNAL_ALLOW_LIST.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * Maps the path of an app:// URL to a file under `root`, or null when it
 * would leave `root` (traversal, encoded separators, NUL bytes) or is malformed.
 * A path ending in "/" serves its index.html.
 */
export function resolveAppPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const base = resolve(root);
  const target = resolve(base, `.${decoded}`);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return target;
}

/** An in-app route the shell may open in the window (`#/incidents/12/legal`): a hash path of plain segments only. */
export function isAppRoute(link: string): boolean {
  return /^#(\/[A-Za-z0-9_-]+){1,4}$/.test(link);
}
