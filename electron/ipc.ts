/**
 * The IPC transport: one `vigie:invoke` handler delegating to the engine's
 * dispatcher (which validates inputs, roles and the vault state), and engine
 * events forwarded to the windows on `vigie:event`. Registered once.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import { EVENT_NAMES, type Envelope } from '../main/api/contract';
import type { EngineApi } from '../main/engine/types';
import { checkOpName, EVENT_CHANNEL, FORBIDDEN_SENDER, INVOKE_CHANNEL, isTrustedSender } from './ipc-guard';
import { isAppUrl } from './url-policy';

export interface IpcOptions {
  /** Live windows of the shell: the only accepted senders and event receivers. */
  windows: () => BrowserWindow[];
  devUrl?: string;
}

let registered = false;

export function registerIpc(engine: EngineApi, opts: IpcOptions): () => void {
  if (registered) throw new Error('IPC handlers are already registered');
  registered = true;

  ipcMain.handle(INVOKE_CHANNEL, async (event, op: unknown, input: unknown): Promise<Envelope<unknown>> => {
    const ids = new Set(opts.windows().map((w) => w.webContents.id));
    if (!isTrustedSender(event, ids, opts.devUrl)) {
      console.warn(`[vigie] IPC call refused from an untrusted frame (${typeof op === 'string' ? op.slice(0, 100) : '?'})`);
      return FORBIDDEN_SENDER;
    }
    const invalid = checkOpName(op);
    if (invalid) return invalid;
    try {
      return await engine.dispatch(op as string, input, { transport: 'ipc' });
    } catch {
      // dispatch never throws by contract; keep the envelope shape regardless.
      return { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } };
    }
  });

  const unsubscribers = EVENT_NAMES.map((name) =>
    engine.subscribe(name, (payload) => {
      for (const win of opts.windows()) {
        const wc = win.webContents;
        if (wc.isDestroyed() || !isAppUrl(wc.getURL(), opts.devUrl)) continue;
        wc.send(EVENT_CHANNEL, name, payload);
      }
    }),
  );

  return () => {
    unsubscribers.forEach((off) => off());
    ipcMain.removeHandler(INVOKE_CHANNEL);
    registered = false;
  };
}
