/** `vigie …` as a real child process: the CLI entry run by tsx from the sources, stdin given whole. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
const TSX = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');
const ENTRY = resolve(ROOT, 'main/cli/vigie.ts');

export interface VigieRun {
  code: number | null;
  /** Non-empty output lines. */
  stdout: string[];
  stderr: string[];
}

export function runVigie(args: string[], stdin?: Buffer): Promise<VigieRun> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [TSX, ENTRY, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout: out.split('\n').filter(Boolean), stderr: err.split('\n').filter(Boolean) }));
    child.stdin.on('error', () => undefined); // the child may stop reading early
    child.stdin.end(stdin ?? Buffer.alloc(0));
  });
}

/** The JSON lines of an output. */
export const jsonLines = (lines: string[]) => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
