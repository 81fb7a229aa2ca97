import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchCount, SearchFields, SearchResult } from '../../../main/api/ops/search';
import { STRONG_PASSPHRASE, tempEngine } from '../helpers';

/** Through the real engine and dispatcher: contract schemas, roles, error envelopes. */
describe('search operations over the API', () => {
  let t: Awaited<ReturnType<typeof tempEngine>>;
  beforeEach(async () => {
    t = await tempEngine();
  });
  afterEach(async () => t.dispose());

  it('answer once unlocked, for a read-only DPO too; syntax errors travel with position and expected', async () => {
    expect((await t.call('search.query', { query: 'x', from: 'now-1h' })).ok).toBe(false);
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'DPO', role: 'dpo' } });
    const r = await t.ok<SearchResult>('search.query', { query: 'service:SRI', from: 'now-24h' });
    expect(r).toMatchObject({ total: 0, totalExact: true, items: [], nextCursor: null });
    const c = await t.ok<SearchCount>('search.count', { query: '', from: 'now-2d', groupBy: '@timestamp' });
    expect(c).toMatchObject({ total: 0, bucket: 'hour' });
    expect(c.groups.length).toBeGreaterThanOrEqual(48);

    const bad = await t.call('search.query', { query: 'user:(alice OR bob', from: 'now-24h' });
    expect(bad).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/position 19/), details: { position: 18, expected: [')', 'operator'] } },
    });
    const badRange = await t.call('search.query', { query: '', from: 'yesterday' });
    expect(badRange).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const tooBig = await t.call('search.query', { query: '', from: 'now-1h', limit: 501 });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const fields = await t.ok<SearchFields>('search.fields');
    expect(fields.canonical).toContain('health.patient.pseudonym');
    expect(fields.aliases).toMatchObject({ user: 'user.name', ip: 'source.ip', patient: 'health.patient.pseudonym' });
    expect(fields.groupable).toContain('event.severity');

    const exp = await t.ok<{ rows: number; filename: string }>('search.export', { query: '', from: 'now-1h', format: 'json' });
    expect(exp.rows).toBe(0);
    const list = await t.ok<{ total: number; items: { actor: string }[] }>('search.exports.list', {});
    expect(list).toMatchObject({ total: 1, items: [{ actor: 'DPO' }] });
  });
});
