import { api } from './api/client';

/**
 * Renderer errors travel to the engine's log through `log.write` so they end
 * up next to the engine's own logs. Rate limited and loop-safe: a failing
 * log.write is never reported again.
 */
const WINDOW_MS = 60_000;
const MAX_PER_WINDOW = 20;
let windowStart = 0;
let sent = 0;

function describe(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) return { message: `${error.name}: ${error.message}`, stack: error.stack };
  return { message: typeof error === 'string' ? error : JSON.stringify(error) ?? String(error) };
}

export function reportError(source: string, error: unknown, extra: Record<string, unknown> = {}): void {
  const now = Date.now();
  if (now - windowStart > WINDOW_MS) {
    windowStart = now;
    sent = 0;
  }
  if (++sent > MAX_PER_WINDOW) return;
  const { message, stack } = describe(error);
  const context: Record<string, unknown> = { source, route: window.location.hash, ...extra };
  if (stack) context.stack = stack.slice(0, 4000);
  api
    .call('log.write', { level: 'error', message: `[renderer] ${message}`.slice(0, 4000), context })
    .catch(() => undefined);
}

export function installErrorForwarding(): void {
  window.addEventListener('error', (e) => {
    reportError('window.onerror', e.error ?? e.message, { file: e.filename, line: e.lineno, column: e.colno });
  });
  window.addEventListener('unhandledrejection', (e) => {
    reportError('unhandledrejection', e.reason);
  });
}
