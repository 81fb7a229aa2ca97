import { homedir } from 'node:os';
import { join } from 'node:path';

/** Product name: also Electron's `productName`, so both hosts share the same user-data folder. */
export const PRODUCT_NAME = 'Vigie';

/** Electron's `app.getPath('appData')` equivalent, computed without Electron. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

/** Where the vault lives unless told otherwise: `<appData>/Vigie/vault` (same as the Electron shell). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIGIE_DATA_DIR ?? join(appDataDir(env), PRODUCT_NAME, 'vault');
}

export function logDirFor(dataDir: string): string {
  return join(dataDir, 'logs');
}
