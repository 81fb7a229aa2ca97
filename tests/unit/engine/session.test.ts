import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings, VaultStatus } from '../../../main/api/contract';
import type { KeyStore } from '../../../main/engine/types';
import { STRONG_PASSPHRASE, tempEngine } from '../helpers';

/** An in-memory KeyStore standing in for Electron safeStorage (the OS keystore is not reachable from Node). */
function memoryKeyStore(): KeyStore & { keys: Map<string, Buffer> } {
  const keys = new Map<string, Buffer>();
  return {
    keys,
    available: () => true,
    save: (id, key) => void keys.set(id, Buffer.from(key)),
    load: (id) => (keys.has(id) ? Buffer.from(keys.get(id)!) : null),
    forget: (id) => void keys.delete(id),
    has: (id) => keys.has(id),
  };
}

describe('vault session through the engine', () => {
  let t: Awaited<ReturnType<typeof tempEngine>>;
  afterEach(async () => t?.dispose());

  it('creates, locks, refuses a wrong passphrase, unlocks, and keeps settings', async () => {
    t = await tempEngine();
    const events: VaultStatus[] = [];
    t.engine.subscribe('vault.changed', (s) => events.push(s));
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Léa RSSI', role: 'rssi' } });
    await t.ok<Settings>('settings.update', { locale: 'en', idleLockMinutes: 5 });
    expect((await t.ok<VaultStatus>('vault.lock')).state).toBe('locked');
    const wrong = await t.call('vault.unlock', { passphrase: 'pas la bonne phrase du tout' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    const st = await t.ok<VaultStatus>('vault.unlock', { passphrase: STRONG_PASSPHRASE });
    expect(st).toMatchObject({ state: 'unlocked', operator: { name: 'Léa RSSI', role: 'rssi' } });
    expect(await t.ok<Settings>('settings.get')).toMatchObject({ locale: 'en', idleLockMinutes: 5 });
    expect(events.map((e) => e.state)).toEqual(['unlocked', 'locked', 'unlocked']);
  });

  it('refuses a weak passphrase at creation and creates nothing', async () => {
    t = await tempEngine();
    const weak = await t.call('vault.create', { passphrase: 'motdepasse1', operator: { name: 'A', role: 'admin' } });
    expect(weak).toMatchObject({ ok: false, error: { code: 'WEAK_PASSPHRASE' } });
    expect((await t.ok<VaultStatus>('vault.status')).state).toBe('absent');
  });

  it('remembers the key on this device only when asked, and unlocks with it', async () => {
    const keyStore = memoryKeyStore();
    t = await tempEngine({ keyStore });
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'TF', role: 'taskforce' }, remember: false });
    expect(keyStore.keys.size).toBe(0);
    await t.ok('vault.lock');
    expect(await t.call('vault.unlockRemembered')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await t.ok('vault.unlock', { passphrase: STRONG_PASSPHRASE, remember: true });
    expect(keyStore.keys.size).toBe(1);
    const locked = await t.ok<VaultStatus>('vault.lock');
    expect(locked).toMatchObject({ state: 'locked', remembered: true, rememberAvailable: true });
    expect((await t.ok<VaultStatus>('vault.unlockRemembered')).state).toBe('unlocked');
    expect((await t.ok<VaultStatus>('vault.forget')).remembered).toBe(false);
  });

  it('locks itself after the idle delay and on suspend', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'A', role: 'admin' } });
    t.engine.power('suspend');
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.ok<VaultStatus>('vault.status')).state).toBe('locked');
  });

  it('records who did what in the vault audit trail, and the log file never holds the passphrase', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Admin', role: 'admin' } });
    await t.call('vault.lock');
    await t.call('vault.unlock', { passphrase: 'mauvaise phrase de passe 123' });
    await t.ok('log.write', { level: 'warn', message: 'renderer says passphrase=hunter2-secret', context: { token: 'abc123' } });
    const { readdir } = await import('node:fs/promises');
    const logDir = join(t.dataDir, 'logs');
    await new Promise((r) => setTimeout(r, 300));
    const files = (await readdir(logDir)).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThan(0);
    const text = (await Promise.all(files.map((f) => readFile(join(logDir, f), 'utf8')))).join('\n');
    expect(text).toContain('vault created');
    expect(text).toContain('renderer says');
    expect(text).not.toContain(STRONG_PASSPHRASE);
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('mauvaise phrase');
  });
});
