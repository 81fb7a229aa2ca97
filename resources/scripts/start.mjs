#!/usr/bin/env node
// `npm start` (after `npm run build`): the desktop app when the Electron binary
// is installed, otherwise browser mode (`node out/main/vigie.js serve`).
// VIGIE_FORCE_BROWSER=1 forces browser mode. Extra arguments are passed on.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mainEntry = join(root, 'out', 'main', 'index.js');
const cliEntry = join(root, 'out', 'main', 'vigie.js');
const args = process.argv.slice(2);

/** Path of the Electron executable, or null (require('electron') throws when dist/ is missing). */
function electronBinary() {
  try {
    const path = createRequire(join(root, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Why the desktop app cannot run here ({ fr, en, hint? }), or null. */
function browserReason(binary) {
  if (process.env.VIGIE_FORCE_BROWSER === '1') return { fr: 'VIGIE_FORCE_BROWSER=1', en: 'VIGIE_FORCE_BROWSER=1' };
  if (!binary) {
    return {
      fr: 'binaire Electron absent',
      en: 'Electron binary absent',
      hint: 'Pour l\'application de bureau / for the desktop app: `node node_modules/electron/install.js` (réseau requis / needs network access).',
    };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { fr: "pas d'affichage graphique", en: 'no graphical display' };
  }
  return null;
}

function requireBuilt(file) {
  if (existsSync(file)) return;
  console.error(`[vigie] ${file} introuvable / not found: lancez / run \`npm run build\` d'abord / first.`);
  process.exit(1);
}

/** With a "main" field the app is launched as a package (name, version); otherwise its entry file. */
function electronAppArg() {
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).main ? root : mainEntry;
  } catch {
    return mainEntry;
  }
}

function run(command, commandArgs) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => () => {
    // In an interactive terminal Ctrl+C already reached the child (same process group).
    if (signal === 'SIGINT' && process.stdin.isTTY) return;
    if (child.exitCode === null) child.kill(signal);
  };
  const signals = process.platform === 'win32' ? ['SIGINT'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handlers = signals.map((s) => [s, forward(s)]);
  handlers.forEach(([s, h]) => process.on(s, h));
  child.on('error', (err) => {
    console.error(`[vigie] ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    handlers.forEach(([s, h]) => process.off(s, h));
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

const binary = electronBinary();
const reason = browserReason(binary);
if (reason === null) {
  requireBuilt(mainEntry);
  run(binary, [electronAppArg(), ...args]);
} else {
  requireBuilt(cliEntry);
  console.log(`[vigie] ${reason.fr} : démarrage en mode navigateur…`);
  console.log(`[vigie] ${reason.en}: starting browser mode…`);
  if (reason.hint) console.log(`[vigie] ${reason.hint}`);
  run(process.execPath, [cliEntry, 'serve', ...args]);
}
