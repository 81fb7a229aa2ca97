import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const afterPack = require('../../../resources/build/afterPack.cjs') as ((ctx: unknown) => Promise<void>) & {
  executablePath(ctx: unknown): string;
};

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A stand-in binary holding a fuse wire of `length` fuses, all at their Electron defaults. */
function fakeBinary(file: string, length = 9): void {
  const defaults = '11101001'.padEnd(length, '1').slice(0, length);
  writeFileSync(file, Buffer.concat([Buffer.from('ELF...'), Buffer.from(SENTINEL), Buffer.from([1, length]), Buffer.from(defaults), Buffer.from('...')]));
}
function wireOf(file: string): string {
  const buf = readFileSync(file);
  const at = buf.indexOf(SENTINEL) + SENTINEL.length;
  return buf.subarray(at + 2, at + 2 + buf[at + 1]).toString('latin1');
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const packager = { executableName: 'vigie', appInfo: { productFilename: 'Vigie' } };

describe('afterPack', () => {
  it('resolves the executable per platform', () => {
    expect(afterPack.executablePath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(join('/o', 'vigie'));
    expect(afterPack.executablePath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(join('/o', 'Vigie.exe'));
    expect(afterPack.executablePath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(join('/o', 'Vigie.app'));
    expect(() => afterPack.executablePath({ appOutDir: '/o', electronPlatformName: 'aix', packager })).toThrow(/unsupported/);
  });

  it('flips the security fuses and leaves unknown newer fuses alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-fuses-'));
    dirs.push(dir);
    fakeBinary(join(dir, 'vigie'));
    await afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager });
    // RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol, (9th untouched)
    expect(wireOf(join(dir, 'vigie'))).toBe('010011001');
  });

  it('fails loudly when the binary has no fuse wire', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-fuses-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'Vigie.exe'), 'not electron');
    await expect(afterPack({ appOutDir: dir, electronPlatformName: 'win32', arch: 1, packager })).rejects.toThrow(/sentinel/);
  });
});
