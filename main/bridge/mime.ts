/** Content types of the built renderer's files, shared by the HTTP bridge and Electron's app:// protocol. */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** The content type for a file extension (with its dot, any case), or undefined when the renderer has no such file. */
export function contentTypeOf(ext: string): string | undefined {
  return TYPES[ext.toLowerCase()];
}
