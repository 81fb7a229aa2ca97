/** Locates the Electron binary for the desktop tests, or explains why it cannot. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const MAIN_ENTRY = join(ROOT, 'out', 'main', 'index.js');

export type ElectronLookup = { ok: true; path: string } | { ok: false; reason: string };

export function findElectron(): ElectronLookup {
  const pkgDir = join(ROOT, 'node_modules', 'electron');
  let path: unknown;
  try {
    // Throws "Electron failed to install correctly" when dist/ was never downloaded.
    path = createRequire(join(ROOT, 'package.json'))('electron');
  } catch {
    path = null;
  }
  if (typeof path === 'string' && existsSync(path)) return { ok: true, path };
  return {
    ok: false,
    reason:
      `Electron binary not installed at ${join(pkgDir, 'dist')}; ` +
      'run `node node_modules/electron/install.js` where the network allows, then `npx electron-vite build`.',
  };
}
