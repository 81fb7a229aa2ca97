#!/usr/bin/env node
// postinstall: fetch the Electron binary if the network allows it.
// The root package.json sets "allowScripts": {"electron": false} because
// electron's own install script fails the whole `npm install` when it cannot
// download. This script runs it instead, time-boxed, and never fails the
// install: without the binary, `npm start` falls back to browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TIMEOUT_MS = (Number(process.env.VIGIE_ELECTRON_DOWNLOAD_TIMEOUT) || 120) * 1000;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronDir = join(root, 'node_modules', 'electron');

function binaryPresent() {
  try {
    const rel = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    return rel !== '' && existsSync(join(electronDir, 'dist', rel));
  } catch {
    return false;
  }
}

function notice(reason) {
  console.log(
    `\n[vigie] Electron binary not installed (${reason}). This does not break the install: ` +
      '`npm start` will run Vigie in browser mode (a local web server opened in your browser). ' +
      'To get the desktop app later, run `node node_modules/electron/install.js` where the network allows ' +
      '(ELECTRON_MIRROR / ELECTRON_CUSTOM_DIR are honoured). ' +
      "/ Binaire Electron absent : `npm start` lancera Vigie en mode navigateur.\n",
  );
}

function main() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return notice('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
  if (process.env.CI) return notice('CI is set');
  if (!existsSync(join(electronDir, 'install.js'))) return; // electron (a devDependency) not installed
  if (binaryPresent()) return;

  console.log(`[vigie] Downloading the Electron binary (time limit ${TIMEOUT_MS / 1000} s)…`);
  let child;
  try {
    child = spawn(process.execPath, ['install.js'], { cwd: electronDir, stdio: ['ignore', 'inherit', 'pipe'] });
  } catch (err) {
    return notice(err instanceof Error ? err.message : String(err));
  }
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, TIMEOUT_MS);
  child.on('error', (err) => {
    clearTimeout(timer);
    notice(err.message);
  });
  child.on('close', (code, signal) => {
    clearTimeout(timer);
    if (code === 0 && binaryPresent()) {
      console.log('[vigie] Electron binary installed.');
      return;
    }
    // First non-stack line of the error, e.g. "RequestError: getaddrinfo ENOTFOUND github.com".
    const cause = stderr.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('at '));
    notice(signal ? `download timed out after ${TIMEOUT_MS / 1000} s` : cause || `install.js exited with code ${code}`);
  });
}

try {
  main();
} catch (err) {
  notice(err instanceof Error ? err.message : String(err));
}
process.on('exit', () => {
  process.exitCode = 0;
});
