/**
 * Electron main process: starts the engine in-process and gives it a
 * hardened window. Order matters: sandbox and the app:// scheme before
 * 'ready'; session guards, protocol, engine, IPC, then the window after it.
 */
import { join, resolve } from 'node:path';
import { app, dialog, Notification, safeStorage } from 'electron';
import { startEngine } from '../main/engine/engine';
import type { EngineApi } from '../main/engine/types';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerIpc } from './ipc';
import { createKeyStore } from './keystore';
import { createNotifier } from './notifier';
import { wirePowerEvents } from './power';
import { guardWebContents, hardenDefaultSession } from './security';
import { appWindows, createMainWindow, focusMainWindow, openInMainWindow } from './window';

// The dev server URL is only honoured in unpackaged builds: an environment
// variable must never be able to point the installed app at another page.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
// VIGIE_DATA_DIR (tests, custom location) holds the vault; the Chromium profile
// and the keystore blobs then live in its "electron" subfolder.
const dataDirOverride = process.env.VIGIE_DATA_DIR ? resolve(process.env.VIGIE_DATA_DIR) : undefined;

app.enableSandbox();
registerAppScheme();
app.setName('Vigie');
app.setPath('userData', dataDirOverride ? join(dataDirOverride, 'electron') : join(app.getPath('appData'), 'Vigie'));

/** Set as soon as the engine starts, so a quit during startup still stops it cleanly. */
let engine: Promise<EngineApi> | null = null;
let quitting: 'no' | 'stopping' | 'done' = 'no';

function openWindow(): void {
  createMainWindow({ preload: join(__dirname, '../preload/index.cjs'), devUrl, devTools: !app.isPackaged });
}

// A burst of alerts still waiting for its quiet period is shown before quitting.
const notifier = createNotifier(openInMainWindow, {
  isSupported: () => Notification.isSupported(),
  create: (options) => new Notification(options),
});

async function start(): Promise<void> {
  hardenDefaultSession(devUrl);
  handleAppProtocol(join(__dirname, '../renderer'));
  const userData = app.getPath('userData');
  engine = startEngine({
    dataDir: dataDirOverride ?? join(userData, 'vault'),
    mode: 'electron',
    keyStore: createKeyStore(join(userData, 'keystore'), safeStorage),
    notifier,
  });
  const api = await engine;
  registerIpc(api, { windows: appWindows, devUrl });
  wirePowerEvents(api);
  openWindow();
  app.on('activate', () => {
    if (appWindows().length === 0) openWindow();
  });
}

function fatal(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error('[vigie] startup failed:', message);
  dialog.showErrorBox('Vigie', `Vigie n'a pas pu démarrer.\nVigie could not start.\n\n${message}`);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  guardWebContents(devUrl);
  // Closing the last window ends the session on every platform: the vault is locked on quit.
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!engine || quitting === 'done') return;
    event.preventDefault();
    if (quitting === 'stopping') return;
    quitting = 'stopping';
    notifier.flush();
    engine
      .then((api) => api.stop())
      .catch((err: unknown) => console.error('[vigie] engine stop failed:', err instanceof Error ? err.message : err))
      .finally(() => {
        quitting = 'done';
        app.quit();
      });
  });
  app.whenReady().then(start).catch(fatal);
}
