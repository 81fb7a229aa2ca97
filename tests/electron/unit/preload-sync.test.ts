import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../../main/api/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL, MAX_OP_LENGTH } from '../../../electron/ipc-guard';

// The preload is a self-contained bundle, so it repeats a few constants; keep them equal.
const source = readFileSync(join(__dirname, '../../../electron/preload.ts'), 'utf8');

function literal(name: string): string {
  const m = new RegExp(`const ${name}(?:: [^=]+)? = ([^;]+);`).exec(source);
  if (!m) throw new Error(`${name} not found in preload.ts`);
  return m[1].trim();
}

describe('preload constants', () => {
  it('match the contract and the main-process guard', () => {
    expect(JSON.parse(literal('EVENT_NAMES').replace(/'/g, '"').replace(/,\s*]/, ']'))).toEqual([...EVENT_NAMES]);
    expect(literal('INVOKE_CHANNEL')).toBe(`'${INVOKE_CHANNEL}'`);
    expect(literal('EVENT_CHANNEL')).toBe(`'${EVENT_CHANNEL}'`);
    expect(Number(literal('MAX_OP_LENGTH'))).toBe(MAX_OP_LENGTH);
  });
  it('imports nothing at runtime but electron', () => {
    const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*from '([^']+)';/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron']);
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});
