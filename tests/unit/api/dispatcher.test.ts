import { afterEach, describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../../main/api/contract';
import { STRONG_PASSPHRASE, tempEngine } from '../helpers';

// The dispatcher as both transports see it: the real engine, a real encrypted vault in a temp folder.
describe('dispatcher over the contract', () => {
  let t: Awaited<ReturnType<typeof tempEngine>>;
  afterEach(async () => t?.dispose());

  it('rejects unknown operations and invalid input before any handler runs', async () => {
    t = await tempEngine();
    const unknown = await t.call('vault.explode');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    const bad = await t.call('vault.create', { passphrase: 42, operator: { name: '', role: 'king' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('VALIDATION');
    const paths = (bad.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['passphrase', 'operator.name', 'operator.role']));
    const extra = await t.call('vault.lock', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.ok<VaultStatus>('vault.status')).state).toBe('absent');
  });

  it('refuses every non-public operation while locked, then serves it once unlocked', async () => {
    t = await tempEngine();
    expect(await t.call('dashboard.summary', { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    const created = await t.ok<VaultStatus>('vault.create', {
      passphrase: STRONG_PASSPHRASE,
      operator: { name: 'Camille Martin', role: 'dpo' },
    });
    expect(created).toMatchObject({ state: 'unlocked', operator: { name: 'Camille Martin', role: 'dpo' } });
    const summary = await t.call('dashboard.summary', { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' });
    expect(summary.ok).toBe(true);
  });

  it('enforces roles: a DPO may not load the demo dataset nor run jobs', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Camille Martin', role: 'dpo' } });
    expect(await t.call('demo.load', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call('jobs.runNow', { name: 'vault-checkpoint' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('returns handler errors as envelopes with their code, never as exceptions', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Admin', role: 'admin' } });
    const missing = await t.call('events.get', { id: 999999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const exists = await t.call('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'X', role: 'admin' } });
    expect(exists).toMatchObject({ ok: false, error: { code: 'VAULT_EXISTS' } });
  });
});
