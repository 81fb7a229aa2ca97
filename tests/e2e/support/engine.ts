import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Envelope, OpInput, OpName, OpOutput } from '../../../main/api/contract';

const VIGIE = resolve(__dirname, '../../../out/main/vigie.js');
const START_TIMEOUT_MS = 20_000;

export interface Engine {
  /** `http://127.0.0.1:<port>/#token=…`, as printed by `vigie serve --json`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Calls an operation over the bridge, as the UI does; throws on `{ ok: false }`. */
  call<N extends OpName>(op: N, input: OpInput<N>): Promise<OpOutput<N>>;
  /** What the engine wrote on stderr (attached to failing tests). */
  stderr(): string;
  stop(): Promise<void>;
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`vigie serve did not start in time.\n${stderr()}`)), START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolveLine(out.slice(0, nl));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vigie serve exited (${code}) before listening.\n${stderr()}`));
    });
  });
}

/** Starts `vigie serve` on a fresh data folder and a random loopback port. */
export async function startEngine(): Promise<Engine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'vigie-e2e-'));
  const child = spawn(process.execPath, [VIGIE, 'serve', '--data-dir', dataDir, '--port', '0', '--json'], {
    env: { ...process.env, VIGIE_KDF_FAST: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const stderr = () => err;

  let ready: { url: string; port: number; token: string };
  try {
    ready = JSON.parse(await firstLine(child, stderr)) as typeof ready;
  } catch (e) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
  const origin = `http://127.0.0.1:${ready.port}`;

  return {
    ...ready,
    origin,
    dataDir,
    stderr,
    async call(op, input) {
      const res = await fetch(`${origin}/api/call/${op}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ready.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const envelope = (await res.json()) as Envelope<never>;
      if (!envelope.ok) throw new Error(`${op} failed: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.data;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
