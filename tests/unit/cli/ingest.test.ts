import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path, { resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readPassphrase, runIngestCli, type IngestIo } from '../../../main/cli/ingest';
import { createVault, openVault } from '../../../main/store/vault';

// `vigie ingest`: in process for the details, once as a real child process (tsx) for the wiring.
const ROOT = resolve(__dirname, '../../..');
const TSX = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');
const ENTRY = resolve(ROOT, 'main/cli/vigie.ts');
const PASS = 'Rivière-Lune-Chaton-42-Brume';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function setup(): Promise<{ vault: string; file: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'vigie-cli-ingest-'));
  dirs.push(root);
  const vault = path.join(root, 'vault');
  const v = await createVault(vault, PASS, { kdf: { memoryKiB: 1024, iterations: 1, parallelism: 1 }, skipStrengthCheck: true });
  v.key.fill(0);
  await v.db.close();
  const file = path.join(root, 'sri.log');
  await writeFile(
    file,
    '<86>1 2026-01-05T08:00:00Z sri-idp-01 keycloak 12 LOGIN - User alice logged in\n' +
      'pas une ligne de journal\n' +
      '<86>1 2026-01-05T08:00:01Z sri-idp-01 keycloak 12 LOGIN - User bob logged in\n',
  );
  return { vault, file };
}

function io(env: NodeJS.ProcessEnv, stdin: IngestIo['stdin'] = new PassThrough()): IngestIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, cb) => (f(c.toString()), cb()) });
  return {
    stdin,
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    env,
    out: () => out,
    err: () => err,
  };
}

describe('vigie ingest', () => {
  it('imports with VIGIE_PASSPHRASE and prints in = stored + quarantined + duplicates per file', async () => {
    const { vault, file } = await setup();
    const t = io({ VIGIE_PASSPHRASE: PASS });
    expect(await runIngestCli([file], { dataDir: vault, format: 'auto' }, t)).toBe(0);
    expect(t.out()).toBe(`${file}: done — in 3 = stored 2 + quarantined 1 + duplicates 0\n`);
    const again = io({ VIGIE_PASSPHRASE: PASS });
    expect(await runIngestCli([file], { dataDir: vault, format: 'auto' }, again)).toBe(0);
    expect(again.out()).toMatch(/in 3 = stored 0 \+ quarantined 0 \+ duplicates 3/);
    const { db, key } = await openVault(vault, PASS);
    key.fill(0);
    expect(await db.get('SELECT count(*) AS n FROM events')).toEqual({ n: 2 });
    await db.close();
  });

  it('refuses to prompt when stdin is not a terminal and no VIGIE_PASSPHRASE is set (exit 2)', async () => {
    const { vault, file } = await setup();
    const t = io({});
    expect(await runIngestCli([file], { dataDir: vault, format: 'auto' }, t)).toBe(2);
    expect(t.err()).toMatch(/VIGIE_PASSPHRASE/);
  });

  it('exit 1 on a wrong passphrase, a missing file, or a bad option (2)', async () => {
    const { vault, file } = await setup();
    const wrong = io({ VIGIE_PASSPHRASE: 'pas la bonne phrase' });
    expect(await runIngestCli([file], { dataDir: vault, format: 'auto' }, wrong)).toBe(1);
    expect(wrong.err()).toMatch(/Phrase de passe incorrecte/);
    const missing = io({ VIGIE_PASSPHRASE: PASS });
    expect(await runIngestCli([file + '.absent'], { dataDir: vault, format: 'auto' }, missing)).toBe(1);
    expect(missing.err()).toMatch(/Introuvable/);
    const tz = io({ VIGIE_PASSPHRASE: PASS });
    expect(await runIngestCli([file], { dataDir: vault, format: 'auto', timezone: 'Nowhere/City' }, tz)).toBe(2);
  });

  it('reads the passphrase from a terminal without echo', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, modes: [] as boolean[] });
    const tty = Object.assign(stdin, { setRawMode: (on: boolean) => stdin.modes.push(on) });
    const t = io({}, tty);
    const pending = readPassphrase(t);
    tty.write('secrèt\u007fe');
    tty.write('t 42\r');
    expect(await pending).toBe('secrèet 42'); // DEL erased the "t"
    expect(stdin.modes).toEqual([true, false]);
    expect(t.err()).not.toMatch(/secr/);
  });

  it('runs as a child process (tsx) with VIGIE_PASSPHRASE', async () => {
    const { vault, file } = await setup();
    const r = await new Promise<{ code: number | null; out: string; err: string }>((done, reject) => {
      const child = spawn(process.execPath, [TSX, ENTRY, 'ingest', '--data-dir', vault, '--format', 'syslog', file], {
        cwd: ROOT,
        env: { ...process.env, VIGIE_PASSPHRASE: PASS },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => done({ code, out, err }));
    });
    expect(r.err).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sri\.log: done — in 3 = stored 2 \+ quarantined 1 \+ duplicates 0/);
  });
});
