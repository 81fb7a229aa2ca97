import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The e2e tests drive the built app: fail fast with a clear message when it is missing. */
export default function globalSetup(): void {
  const root = resolve(__dirname, '../../..');
  const missing = ['out/main/vigie.js', 'out/renderer/index.html'].filter((f) => !existsSync(resolve(root, f)));
  if (missing.length > 0) {
    throw new Error(`Build missing (${missing.join(', ')}): run \`npx electron-vite build\` before the e2e tests.`);
  }
}
