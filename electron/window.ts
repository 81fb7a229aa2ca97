/**
 * The main window. The renderer runs isolated (contextIsolation), sandboxed,
 * without Node, and only sees the `window.vigie` bridge of the preload.
 * Built UI: app://vigie/index.html (see app-protocol.ts). Development: the
 * Vite dev server URL given by electron-vite in ELECTRON_RENDERER_URL.
 */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, isAppRoute } from './url-policy';

export interface WindowOptions {
  /** Absolute path of out/preload/index.cjs. */
  preload: string;
  /** Dev server URL (development only). */
  devUrl?: string;
  /** DevTools are only available in unpackaged builds. */
  devTools: boolean;
}

const windows = new Set<BrowserWindow>();

/** Live windows created by the shell (the only legitimate IPC senders). */
export function appWindows(): BrowserWindow[] {
  return [...windows].filter((w) => !w.isDestroyed());
}

export function focusMainWindow(): void {
  const w = appWindows()[0];
  if (!w) return;
  if (w.isMinimized()) w.restore();
  w.show();
  w.focus();
}

/**
 * Brings the window forward on an in-app route (a notification's link). The route is checked (`isAppRoute`:
 * a hash path of plain segments) and only the page's hash changes: no navigation, no reload.
 */
export function openInMainWindow(link?: string): void {
  focusMainWindow();
  const w = appWindows()[0];
  if (!w || !link || !isAppRoute(link)) return;
  void w.webContents.executeJavaScript(`location.hash = ${JSON.stringify(link)}`).catch(() => undefined);
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Vigie',
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#101418',
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: opts.devTools,
    },
  });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  win.once('ready-to-show', () => win.show());
  win.loadURL(opts.devUrl ?? APP_ENTRY_URL).catch((err: unknown) => {
    console.error('[vigie] UI failed to load:', err instanceof Error ? err.message : String(err));
  });
  return win;
}
