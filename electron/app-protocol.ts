/**
 * The app:// protocol serving the built renderer (out/renderer) to the window.
 * Chosen over file:// so the UI has a real, narrow origin (app://vigie), the
 * file:// extra privileges fuse can stay off, and every response carries the
 * CSP and security headers. Paths cannot leave the renderer folder.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import { contentTypeOf } from '../main/bridge/mime';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './csp';
import { APP_HOST, APP_SCHEME, resolveAppPath } from './url-policy';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
  ]);
}

function reply(status: number, body: Uint8Array | string | null, type = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, ...SECURITY_HEADERS },
  });
}

/** Serves files of `rendererRoot` on app://vigie/. Call once, after 'ready'. */
export function handleAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return reply(405, 'Method Not Allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return reply(400, 'Bad Request');
    }
    if (url.host !== APP_HOST) return reply(404, 'Not Found');
    const file = resolveAppPath(rendererRoot, url.pathname);
    if (!file) return reply(403, 'Forbidden');
    const type = contentTypeOf(extname(file));
    if (!type) return reply(404, 'Not Found');
    try {
      const data = await readFile(file);
      return reply(200, new Uint8Array(data), type);
    } catch {
      return reply(404, 'Not Found');
    }
  });
}
