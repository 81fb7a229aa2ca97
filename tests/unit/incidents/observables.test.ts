import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../../main/demo/generate';
import { ATTACKER_IP } from '../../../main/demo/scenarios';
import { getIncidentDetail } from '../../../main/incidents/detail';
import { addObservable, detectObservableType, listObservables, validateObservable } from '../../../main/incidents/observables';
import { createIncident } from '../../../main/incidents/queries';
import { findSightings, likeContains, runSightings, sightingsByLike } from '../../../main/incidents/sightings';
import { history, insertEvent, useVault } from './fixture';

const v = useVault();
const incident = () => createIncident(v.db, { title: 'Compromission SRI', severity: 'high', category: 'account-compromise' }, 'Alice');

describe('observable validation', () => {
  it.each([
    ['ip', '185.220.101.47', '185.220.101.47'],
    ['ip', '::ffff:10.1.2.3', '10.1.2.3'],
    ['ip', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['domain', 'Évil-Santé.Example.COM.', 'xn--vil-sant-90ai.example.com'],
    ['url', 'https://Evil.example.com/login?next=/dpi', 'https://evil.example.com/login?next=/dpi'],
    ['email', 'Facturation@Evil.Example.com', 'Facturation@evil.example.com'],
    ['hash', 'D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['account', ' admin.sri ', 'admin.sri'],
  ] as const)('%s %s → %s', (type, input, expected) => {
    expect(validateObservable(type, input).value).toBe(expected);
  });

  it('recognises hash algorithms by length', () => {
    expect(validateObservable('hash', 'a'.repeat(32)).hashType).toBe('md5');
    expect(validateObservable('hash', 'a'.repeat(40)).hashType).toBe('sha1');
    expect(validateObservable('hash', 'a'.repeat(64)).hashType).toBe('sha256');
  });

  it.each([
    ['ip', '256.1.1.1'],
    ['ip', '0x7f.1'],
    ['ip', '10.1.2'],
    ['domain', 'localhost'],
    ['domain', 'exa mple.com'],
    ['domain', '-bad.example.com'],
    ['url', 'javascript:alert(1)'],
    ['url', 'evil.example.com/path'],
    ['email', 'pas-un-courriel'],
    ['email', 'a..b@example.com'],
    ['hash', 'a'.repeat(33)],
    ['hash', 'z'.repeat(32)],
    ['account', 'a\u0000b'],
  ] as const)('refuses %s %j', (type, input) => {
    expect(() => validateObservable(type, input)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('detects the type of a bare value (a dotted login reads as a domain: give the type then)', () => {
    expect(detectObservableType('dr.martin')).toBe('domain');
    expect(['10.0.0.1', 'https://x.example.org/', 'a@b.example.org', 'a'.repeat(64), 'example.org', 'CHU\\jdupont'].map(detectObservableType)).toEqual([
      'ip', 'url', 'email', 'hash', 'domain', 'account',
    ]);
  });

  it('stores each observable once per incident, with its TLP, and records it', async () => {
    const inc = await incident();
    const a = await addObservable(v.db, inc.id, { value: '185.220.101.47', tlp: 'GREEN' }, 'Alice');
    const b = await addObservable(v.db, inc.id, { value: ' 185.220.101.47 ', type: 'ip', tlp: 'RED' }, 'Bruno');
    expect(b).toEqual(a);
    expect(a).toMatchObject({ type: 'ip', tlp: 'GREEN', addedBy: 'Alice', sightings: null });
    await expect(addObservable(v.db, inc.id, { value: 'x', type: 'ip' }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await listObservables(v.db, inc.id)).toHaveLength(1);
    expect((await history(v.db, inc.id)).filter((r) => r.field === 'observable').map((r) => r.to_value)).toEqual(['ip:185.220.101.47 (TLP:GREEN)']);
  });
});

describe('sightings', () => {
  it('finds the demo brute-force address in the stored events and links them', async () => {
    await loadDemo(v.db, { seed: 2026, days: 3, now: new Date('2026-03-12T10:00:00Z') });
    const expected = (await v.db.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE source_ip = ? OR dest_ip = ?', [ATTACKER_IP, ATTACKER_IP]))!.n;
    expect(expected).toBeGreaterThanOrEqual(42);
    const inc = await incident();
    const o = await addObservable(v.db, inc.id, { value: ATTACKER_IP }, 'Alice');
    const r = await runSightings(v.db, o.id, 'Alice');
    expect(r).toEqual({ observableId: o.id, total: expected, linked: expected, truncated: false, method: 'ip' });
    const d = await getIncidentDetail(v.db, inc.id);
    expect(d.eventCount).toBe(expected);
    expect(d.events.every((e) => e.sourceIp === ATTACKER_IP && e.origin === 'sighting' && e.observableId === o.id)).toBe(true);
    expect(d.observables[0]).toMatchObject({ sightings: expected });
    // Again: same count, nothing new linked.
    expect(await runSightings(v.db, o.id, 'Bruno')).toMatchObject({ total: expected, linked: 0 });
    expect((await history(v.db, inc.id)).filter((h) => h.field === 'sightings')).toHaveLength(2);
  });

  it('matches accounts on user.name and user.id, other observables in the text and the raw event', async () => {
    const hit1 = await insertEvent(v.db, { user: 'admin.sri', message: 'connexion' });
    const hit2 = await insertEvent(v.db, { userId: 'admin.sri', message: 'connexion' });
    await insertEvent(v.db, { user: 'admin.sri2', message: 'admin.sri mentionné' });
    const msg = await insertEvent(v.db, { message: 'Lien cliqué vers https://evil.example.com/login depuis la messagerie' });
    const raw = await insertEvent(v.db, { message: 'pièce jointe', original: '{"sha256":"' + 'ab'.repeat(32) + '"}' });
    await insertEvent(v.db, { message: 'evil.example.org est un autre domaine' });
    const inc = await incident();
    const account = await addObservable(v.db, inc.id, { value: 'admin.sri', type: 'account' }, 'a');
    expect((await findSightings(v.db, account)).ids.sort()).toEqual([hit1, hit2].sort());
    expect(await findSightings(v.db, { type: 'domain', value: 'evil.example.com' })).toMatchObject({ ids: [msg], method: 'fulltext' });
    expect(await findSightings(v.db, { type: 'hash', value: 'ab'.repeat(32) })).toMatchObject({ ids: [raw] });
    const url = await addObservable(v.db, inc.id, { value: 'https://evil.example.com/login' }, 'a');
    expect(await runSightings(v.db, url.id, 'a')).toMatchObject({ total: 1, linked: 1, method: 'fulltext' });
  });

  it('without the full-text index, falls back to LIKE with %, _ and \\ taken literally', async () => {
    const a = await insertEvent(v.db, { message: 'remise de 100% sur evil_domain.example.com' });
    await insertEvent(v.db, { message: 'remise de 1000 sur evilXdomain.example.com' });
    expect(likeContains('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
    expect((await sightingsByLike(v.db, '100% sur evil_domain')).ids).toEqual([a]);
    expect((await sightingsByLike(v.db, 'EVIL_DOMAIN')).ids).toEqual([a]);
  });
});
