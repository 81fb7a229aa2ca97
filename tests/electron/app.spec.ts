/**
 * Desktop shell end to end: launches the built app (out/) with a throw-away
 * vault folder and checks the security posture and the IPC bridge.
 * Skipped, with the reason printed, when the Electron binary is absent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectron, MAIN_ENTRY, ROOT } from './electron-binary';

const binary = findElectron();
test.skip(!binary.ok, binary.ok ? '' : binary.reason);
test.describe.configure({ mode: 'serial' });

// The renderer globals used below (this project type-checks tests without the DOM lib).
interface RendererGlobals {
  vigie: {
    mode: string;
    invoke(op: unknown, input?: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }>;
    on(event: string, listener: (payload: { state: string }) => void): () => void;
  };
  seen: { kept: string[]; dropped: string[] };
  require?: unknown;
  process?: unknown;
  __inlineRan?: boolean;
  eval(code: string): unknown;
  open(url: string, target: string): unknown;
  location: { href: string };
  document: { createElement(tag: 'script'): { textContent: string | null }; head: { appendChild(node: unknown): unknown } };
  Notification: { requestPermission(): Promise<string> };
}

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  if (!binary.ok) return;
  if (!existsSync(MAIN_ENTRY)) throw new Error(`${MAIN_ENTRY} missing: run \`npx electron-vite build\` first`);
  dataDir = mkdtempSync(join(tmpdir(), 'vigie-electron-'));
  const env: Record<string, string> = { ...(process.env as Record<string, string>), VIGIE_DATA_DIR: dataDir, VIGIE_KDF_FAST: '1' };
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  app = await electron.launch({
    executablePath: binary.path,
    // Chromium refuses to start as root with its OS sandbox (containers); the renderer stays sandbox: true.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN_ENTRY],
    cwd: ROOT,
    env,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the window is isolated, sandboxed, without Node, and serves app://vigie', async () => {
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const wc = BrowserWindow.getAllWindows()[0].webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
    const p = wc.getLastWebPreferences();
    return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity, webviewTag: p.webviewTag };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  expect(page.url()).toMatch(/^app:\/\/vigie\//);
});

test('the renderer sees only the bridge', async () => {
  const seen = await page.evaluate(() => {
    const w = globalThis as unknown as RendererGlobals;
    return { require: typeof w.require, process: typeof w.process, keys: Object.keys(w.vigie).sort(), mode: w.vigie.mode };
  });
  expect(seen).toEqual({ require: 'undefined', process: 'undefined', keys: ['invoke', 'mode', 'on'], mode: 'electron' });
});

test('the CSP forbids eval and inline scripts', async () => {
  const result = await page.evaluate(() => {
    const w = globalThis as unknown as RendererGlobals;
    let evalBlocked = false;
    try {
      w.eval('1');
    } catch {
      evalBlocked = true;
    }
    const s = w.document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    w.document.head.appendChild(s);
    return { evalBlocked, inlineRan: w.__inlineRan === true };
  });
  expect(result).toEqual({ evalBlocked: true, inlineRan: false });
});

test('a vault is created through window.vigie and events reach exactly the live listeners', async () => {
  const status = await page.evaluate(() => (globalThis as unknown as RendererGlobals).vigie.invoke('vault.status', {}));
  expect(status).toMatchObject({ ok: true, data: { state: 'absent' } });

  await page.evaluate(() => {
    const w = globalThis as unknown as RendererGlobals;
    w.seen = { kept: [], dropped: [] };
    w.vigie.on('vault.changed', (p) => w.seen.kept.push(p.state));
    const off = w.vigie.on('vault.changed', (p) => w.seen.dropped.push(p.state));
    off();
  });
  const created = await page.evaluate(() =>
    (globalThis as unknown as RendererGlobals).vigie.invoke('vault.create', {
      passphrase: 'Phare-de-Cordouan-1611-veille-nocturne!',
      operator: { name: 'Test Opérateur', role: 'admin' },
    }),
  );
  expect(created).toMatchObject({ ok: true, data: { state: 'unlocked', operator: { role: 'admin' } } });
  const seen = () => page.evaluate(() => (globalThis as unknown as RendererGlobals).seen);
  await expect.poll(async () => (await seen()).kept).toContain('unlocked');
  const locked = await page.evaluate(() => (globalThis as unknown as RendererGlobals).vigie.invoke('vault.lock', {}));
  expect(locked).toMatchObject({ ok: true, data: { state: 'locked' } });
  await expect.poll(async () => (await seen()).kept).toContain('locked');
  expect((await seen()).dropped).toEqual([]);
});

test('malformed calls are refused with an error envelope', async () => {
  const r = await page.evaluate(async () => {
    const { vigie } = globalThis as unknown as RendererGlobals;
    let badEvent = 'accepted';
    try {
      vigie.on('not-an-event', () => undefined);
    } catch {
      badEvent = 'refused';
    }
    return {
      unknown: await vigie.invoke('no.such.op', {}),
      notString: await vigie.invoke(42, {}),
      tooLong: await vigie.invoke('x'.repeat(101), {}),
      badEvent,
    };
  });
  expect(r.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  expect(r.notString).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(r.tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(r.badEvent).toBe('refused');
});

test('navigation away, window.open and permission requests are refused', async () => {
  const before = page.url();
  const opened = await page.evaluate(() => {
    const w = globalThis as unknown as RendererGlobals;
    const popup = w.open('https://example.com/', '_blank');
    w.location.href = 'https://example.com/';
    return popup === null;
  });
  expect(opened).toBe(true);
  await page.waitForTimeout(1000);
  expect(page.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
  const permission = await page.evaluate(() => (globalThis as unknown as RendererGlobals).Notification.requestPermission());
  expect(permission).toBe('denied');
});

test('the app:// protocol refuses paths outside the renderer folder', async () => {
  const statuses = await app.evaluate(async ({ net }) => {
    const get = async (u: string) => (await net.fetch(u)).status;
    return { index: await get('app://vigie/index.html'), traversal: await get('app://vigie/%2e%2e/main/index.js') };
  });
  expect(statuses).toEqual({ index: 200, traversal: 403 });
});
