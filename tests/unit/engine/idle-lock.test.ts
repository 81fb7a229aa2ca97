import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/engine/bus';
import { VaultSession } from '../../../main/engine/session';
import { updateSettings } from '../../../main/engine/settings';
import { STRONG_PASSPHRASE } from '../helpers';

describe('idle lock', () => {
  let dir: string;
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('locks after the configured idle minutes, counts activity, and can be disabled', async () => {
    process.env.VIGIE_KDF_FAST = '1';
    dir = await mkdtemp(join(tmpdir(), 'vigie-idle-'));
    let now = Date.parse('2026-11-23T09:00:00Z');
    const bus = new EventBus();
    const locks: string[] = [];
    bus.subscribe('vault.changed', (s) => locks.push(s.state));
    const session = new VaultSession({ dataDir: dir, bus, fastKdf: true, now: () => now });
    await session.create(STRONG_PASSPHRASE, { name: 'RSSI', role: 'rssi' }, false);
    session.settings = await updateSettings(session.db(), { idleLockMinutes: 10 });

    now += 9 * 60_000;
    expect(await session.checkIdle()).toBe(false);
    session.touch();
    now += 9 * 60_000;
    expect(await session.checkIdle()).toBe(false);
    now += 2 * 60_000;
    expect(await session.checkIdle()).toBe(true);
    expect(session.unlocked).toBe(false);
    expect(locks).toEqual(['unlocked', 'locked']);

    await session.unlock(STRONG_PASSPHRASE, false);
    session.settings = await updateSettings(session.db(), { idleLockMinutes: 0 });
    now += 24 * 60 * 60_000;
    expect(await session.checkIdle()).toBe(false);
    expect(session.unlocked).toBe(true);
    await session.lock();
  });
});
