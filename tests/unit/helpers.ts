import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '../../main/api/contract';
import { startEngine } from '../../main/engine/engine';
import type { EngineApi, EngineHost } from '../../main/engine/types';

export const STRONG_PASSPHRASE = 'Cèdre-vigilant 7 lanternes sous la pluie';

/** A real engine over a fresh temp data folder (cheap KDF), stopped and removed by `dispose`. */
export async function tempEngine(host: Partial<EngineHost> = {}): Promise<{
  engine: EngineApi;
  dataDir: string;
  call: <T = unknown>(op: string, input?: unknown) => Promise<Envelope<T>>;
  ok: <T = unknown>(op: string, input?: unknown) => Promise<T>;
  dispose: () => Promise<void>;
}> {
  process.env.VIGIE_KDF_FAST = '1';
  const dataDir = host.dataDir ?? (await mkdtemp(join(tmpdir(), 'vigie-test-')));
  const engine = await startEngine({ mode: 'cli', ...host, dataDir });
  const call = async <T>(op: string, input: unknown = {}) =>
    (await engine.dispatch(op, input, { transport: 'cli' })) as Envelope<T>;
  const ok = async <T>(op: string, input: unknown = {}) => {
    const r = await call<T>(op, input);
    if (!r.ok) throw new Error(`${op} failed: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  return {
    engine,
    dataDir,
    call,
    ok,
    dispose: async () => {
      await engine.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
