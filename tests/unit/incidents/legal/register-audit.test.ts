import { afterEach, describe, expect, it } from 'vitest';
import type { RegisterEntry } from '../../../../main/api/ops/legal';
import type { Page } from '../../../../main/api/contract';
import { REGISTER_READ_WINDOW_MS } from '../../../../main/api/handlers/legal';
import { writeOperator } from '../../../../main/engine/settings';
import type { Db } from '../../../../main/store/db';
import { openVault } from '../../../../main/store/vault';
import { STRONG_PASSPHRASE, tempEngine } from '../../helpers';

let t: Awaited<ReturnType<typeof tempEngine>> | undefined;
afterEach(async () => t?.dispose());

/** Locks the engine and works on the vault directly (as another process would), then unlocks. */
async function offline<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (!t) throw new Error('no engine');
  await t.ok('vault.lock');
  const { db, key } = await openVault(t.dataDir, STRONG_PASSPHRASE);
  key.fill(0);
  try {
    return await fn(db);
  } finally {
    await db.close();
    await t.ok('vault.unlock', { passphrase: STRONG_PASSPHRASE });
  }
}

const registerRows = (db: Db) =>
  db.all<{ id: number; actor: string; action: string; details: string }>(
    "SELECT id, actor, action, details FROM audit_log WHERE action LIKE 'legal.register.%' ORDER BY id",
  );

describe('audit of the breach register (accountability without noise)', () => {
  it('audits the opening and every export; filter changes, paging and refreshes within 15 min are one consultation', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Camille Martin', role: 'dpo' } });
    await t.ok<Page<RegisterEntry>>('legal.register.list', {});
    for (const status of ['notified', 'not_notified', 'not_required', 'all'] as const) await t.ok('legal.register.list', { status });
    await t.ok('legal.register.list', { offset: 50 });
    await t.ok('legal.register.export', {});
    await t.ok('legal.register.export', {});
    let rows = await offline(registerRows);
    expect(rows.map((r) => [r.action, r.actor])).toEqual([
      ['legal.register.list', 'Camille Martin'],
      ['legal.register.export', 'Camille Martin'],
      ['legal.register.export', 'Camille Martin'],
    ]);
    expect(JSON.parse(rows[0].details)).toEqual({ status: 'all', total: 0 });

    // The window passes (the opening row moved 16 min back): the next read is a new consultation.
    await offline((db) => db.run('UPDATE audit_log SET ts = ts - ? WHERE id = ?', [REGISTER_READ_WINDOW_MS + 60_000, rows[0].id]));
    await t.ok('legal.register.list', { status: 'notified' });
    await t.ok('legal.register.list', {});
    rows = await offline(registerRows);
    expect(rows.filter((r) => r.action === 'legal.register.list')).toHaveLength(2);
    expect(JSON.parse(rows[rows.length - 1].details)).toEqual({ status: 'notified', total: 0 });
  });

  it('another operator reading in the same window is audited on their own', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Camille Martin', role: 'dpo' } });
    await t.ok('legal.register.list', {});
    await offline((db) => writeOperator(db, { name: 'Léa Roux', role: 'rssi' }));
    await t.ok('legal.register.list', {});
    await t.ok('legal.register.list', { status: 'notified' });
    expect((await offline(registerRows)).map((r) => r.actor)).toEqual(['Camille Martin', 'Léa Roux']);
  });
});
