import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './headers';
import { contentTypeOf } from './mime';

/** Serves the built renderer, confined to its folder; unknown paths fall back to index.html (hash routing). */
export async function serveStatic(
  root: string | undefined,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!root) return plain(res, 503, 'Interface non construite : lancez `npm run build`.');
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return plain(res, 400, 'Chemin invalide.');
  }
  if (decoded.includes('\0')) return plain(res, 400, 'Chemin invalide.');
  let file = resolve(join(base, decoded === '/' ? 'index.html' : decoded));
  if (file !== base && !file.startsWith(base + sep)) return plain(res, 403, 'Accès refusé.');
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (extname(decoded) !== '') return plain(res, 404, 'Introuvable.');
    file = join(base, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) return plain(res, 503, 'Interface non construite : lancez `npm run build`.');
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeOf(extname(file)) ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
