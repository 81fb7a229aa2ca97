import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDbRow } from '../../../main/events/columns';
import { searchEvents } from '../../../main/search/search';
import { DAY, ftsMatches, NOW, searchFixture, type SearchFixture } from './fixture';

/**
 * Results on a real vault compared with plain JS filtering of the same
 * events. Every case runs over the whole fixture window and over a window
 * that does not start or end on the hour.
 */
let f: SearchFixture;
beforeAll(async () => {
  f = await searchFixture();
}, 120_000);
afterAll(async () => f.dispose());

/** A budget no test machine exceeds: totals are exact. */
const EXACT = { now: NOW, countBudgetMs: 60_000 };
const FROM = new Date(NOW - 15 * DAY).toISOString();
const TO = new Date(NOW + 60_000).toISOString();
const ODD_FROM = NOW - 6 * DAY - 17 * 60_000 - 4321;
const ODD_TO = NOW - 1 * DAY + 23 * 60_000 + 1234;

/** Every id the search returns, following the cursor page after page. */
async function allIds(query: string, from = FROM, to = TO, limit = 500): Promise<{ ids: number[]; total: number; exact: boolean }> {
  const ids: number[] = [];
  let cursor: string | undefined;
  let first: { total: number; totalExact: boolean } | undefined;
  for (let page = 0; page < 100; page++) {
    const r = await searchEvents(f.db, { query, from, to, limit, cursor }, EXACT);
    first ??= r;
    ids.push(...r.items.map((i) => i.id));
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  return { ids, total: first!.total, exact: first!.totalExact };
}

function expected(pred: (e: EventDbRow) => boolean, from = Date.parse(FROM), to = Date.parse(TO)): number[] {
  return f.events.filter((e) => e.ts >= from && e.ts < to && pred(e)).map((e) => e.id);
}

const lower = (s: string | null) => (s ?? '').toLowerCase();
const someUser = () => f.events.find((e) => e.user_name && e.service === 'Portail-Coordination')!.user_name!;
const somePatient = () => f.events.find((e) => e.patient)!.patient!;

const CASES: [string, () => string, (e: EventDbRow) => boolean][] = [
  ['service exact, case-insensitive', () => 'service:pacs', (e) => e.service === 'PACS'],
  ['ECS name, AND, implicit AND', () => 'service.name:SRI AND event.outcome:failure', (e) => e.service === 'SRI' && e.outcome === 'failure'],
  ['user by alias', () => `user:${someUser()}`, (e) => e.user_name === someUser()],
  ['user in another case (index spelling lookup)', () => `user:${someUser().toUpperCase()}`, (e) => e.user_name === someUser()],
  ['mixed-case stored user typed in lower case', () => 'user.name:dr.mixed OR user:nobody', (e) => e.user_name === 'Dr.Mixed'],
  ['service with non-ASCII letters', () => 'service:hôpital-app', (e) => e.service === 'Hôpital-App'],
  ['NOT keeps events without the field', () => `-user:${someUser()}`, (e) => e.user_name !== someUser()],
  ['OR, parentheses, negation', () => '(service:PACS OR service:ROR) !outcome:success', (e) => ['PACS', 'ROR'].includes(e.service) && e.outcome !== 'success'],
  ['severity range by name', () => 'severity:>=medium', (e) => e.severity >= 2],
  ['severity inclusive/exclusive range', () => 'event.severity:{info TO high]', (e) => e.severity > 0 && e.severity <= 3],
  ['numeric range, open end, and comparison', () => 'id:[100 TO 400} OR id:{2000 TO *] OR id:<5', (e) => (e.id >= 100 && e.id < 400) || e.id > 2000 || e.id < 5],
  ['break-glass', () => 'break_glass:true', (e) => e.break_glass === 1],
  ['pseudonym as free text finds every event of the patient', () => somePatient(), (e) => e.patient === somePatient() || ftsMatches(e, somePatient())],
  ['patient pseudonym typed in lower case', () => `patient:${somePatient().toLowerCase()}`, (e) => e.patient === somePatient()],
  ['exists', () => '_exists_:health.patient.pseudonym AND NOT _exists_:user.name', (e) => e.patient !== null && e.user_name === null],
  ['field:* means exists', () => 'health.object:*', (e) => e.object !== null],
  ['wildcards', () => 'host:pacs*', (e) => lower(e.host).startsWith('pacs')],
  ['? wildcard', () => 'action:user-log?ut', (e) => /^user-log.ut$/.test(e.action)],
  ['CIDR', () => 'ip:10.38.0.0/16', (e) => (e.source_ip ?? '').startsWith('10.38.')],
  ['roles list', () => 'role:infirmier', (e) => (e.user_role ?? '').split(',').includes('infirmier')],
  ['JSON attribute', () => 'attributes.organization.name:"CHU Grenoble Alpes"', (e) => JSON.parse(e.attrs ?? '{}')['organization.name'] === 'CHU Grenoble Alpes'],
  ['JSON attribute wildcard', () => 'attributes.organization.id:38*', (e) => String(JSON.parse(e.attrs ?? '{}')['organization.id'] ?? '').startsWith('38')],
  ['free text word (accents folded)', () => 'echec', (e) => ftsMatches(e, 'echec')],
  ['free text phrase', () => '"connexion réussie"', (e) => ftsMatches(e, 'connexion réussie')],
  ['free text prefix', () => 'déconn*', (e) => ftsMatches(e, 'deconn', true)],
  ['free text AND NOT', () => 'connexion -psc', (e) => ftsMatches(e, 'connexion') && !ftsMatches(e, 'psc')],
  ['free text OR field', () => 'bounce OR outcome:unknown', (e) => ftsMatches(e, 'bounce') || e.outcome === 'unknown'],
  ['free text finds user names and addresses', () => '"10.38" OR o', (e) => ftsMatches(e, '10 38') || ftsMatches(e, 'o')],
  ['message field', () => 'message:étude -service:PACS', (e) => ftsMatches({ ...e, user_name: null, host: null, source_ip: null, action: '', object: null, patient: null }, 'etude') && e.service !== 'PACS'],
  ['action and object through the FTS pre-selection', () => 'action:patient-record-export OR object:DocumentReference*', (e) => e.action === 'patient-record-export' || lower(e.object).startsWith('documentreference')],
  ['action exact, case-insensitive', () => 'action:Patient-Record-Export', (e) => e.action === 'patient-record-export'],
  ['event.original substring', () => 'event.original:"LOGIN_ERROR"', (e) => e.original.toLowerCase().includes('login_error')],
  ['time inside the query', () => `@timestamp:[${new Date(NOW - 2 * DAY).toISOString()} TO now-1d}`, (e) => e.ts >= NOW - 2 * DAY && e.ts < NOW - DAY],
  ['injection attempt in a value', () => `user.name:"x' OR 1=1 --"`, () => false],
  ['quote in a value', () => `user:"o'brien"`, (e) => e.user_name === "o'brien"],
  ['FTS operators typed as text', () => '"NEAR(a b) AND OR NOT ^col: *"', (e) => ftsMatches(e, 'NEAR a b AND OR NOT col')],
  ['FTS syntax characters in free text', () => '^col\\: NEAR', (e) => ftsMatches(e, 'col') && ftsMatches(e, 'near')],
  ['LIKE characters are literal', () => '"50% done_ok"', (e) => ftsMatches(e, '50 done ok')],
  ['leading wildcard falls back to LIKE', () => '*brien', (e) => [e.message, e.user_name, e.host, e.source_ip, e.action, e.object, e.patient].some((c) => lower(c).includes('brien'))],
  ['common free text (per-slice FTS path)', () => 'routine', (e) => ftsMatches(e, 'routine')],
  ['common free text with a field', () => 'routine outcome:failure', (e) => ftsMatches(e, 'routine') && e.outcome === 'failure'],
  ['common free text OR rare', () => 'routine OR opposition', (e) => ftsMatches(e, 'routine') || ftsMatches(e, 'opposition')],
  ['everything', () => '', () => true],
];

describe('search results equal plain JS filtering', () => {
  for (const [name, query, pred] of CASES) {
    it(name, async () => {
      const q = query();
      const want = expected(pred);
      const got = await allIds(q);
      expect(got.ids).toEqual(want);
      expect(got.total).toBe(Math.min(want.length, 10_000));
      expect(got.exact).toBe(true);
      const odd = await allIds(q, new Date(ODD_FROM).toISOString(), new Date(ODD_TO).toISOString(), 97);
      expect(odd.ids).toEqual(expected(pred, ODD_FROM, ODD_TO));
    });
  }

  it('sorts oldest first on request, and offset pages agree with cursor pages', async () => {
    const want = expected((e) => e.service === 'MSSante').reverse();
    const asc = await searchEvents(f.db, { query: 'service:MSSante', from: FROM, to: TO, limit: 50, sort: 'asc' }, EXACT);
    expect(asc.items.map((i) => i.id)).toEqual(want.slice(0, 50));
    const page3 = await searchEvents(f.db, { query: 'service:MSSante', from: FROM, to: TO, limit: 50, offset: 100, sort: 'asc' }, EXACT);
    expect(page3.items.map((i) => i.id)).toEqual(want.slice(100, 150));
    expect(page3.total).toBe(want.length);
  });

  it('returns contract EventRows and resolves relative ranges', async () => {
    const r = await searchEvents(f.db, { query: 'break_glass:true', from: 'now-14d', to: 'now', limit: 1 }, EXACT);
    expect(r.from).toBe(new Date(NOW - 14 * DAY).toISOString());
    expect(r.to).toBe(new Date(NOW).toISOString());
    expect(r.items[0]).toMatchObject({ 'health.break_glass': true, 'health.purpose_of_use': 'ETREAT' });
    expect(typeof r.tookMs).toBe('number');
  });

  it('caps the total at 10,000 and says so', async () => {
    // Rebuild a copy of the events many times over is costly; instead read the cap through a big OR-free query.
    const r = await searchEvents(f.db, { query: '', from: FROM, to: TO, limit: 10 }, EXACT);
    expect(r.total).toBe(Math.min(f.events.length, 10_000));
    expect(r.totalExact).toBe(f.events.length <= 10_000);
  });

  it('a count that runs out of time gives a lower bound ("more than"), never a wrong page', async () => {
    const want = expected((e) => (e.user_role ?? '').includes('infirmier'));
    const r = await searchEvents(f.db, { query: 'role:infirmier', from: FROM, to: TO, limit: 10 }, { now: NOW, countBudgetMs: 0 });
    expect(r.items.map((i) => i.id)).toEqual(want.slice(0, 10));
    expect(r.totalExact).toBe(false);
    expect(r.total).toBeGreaterThanOrEqual(11);
    expect(r.total).toBeLessThan(want.length);
  });

  it('rejects malformed queries with the position, and bad ranges', async () => {
    await expect(searchEvents(f.db, { query: 'user:(alice OR', from: FROM, to: TO, limit: 10 }, EXACT)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { position: 14, expected: ['term'] },
    });
    await expect(searchEvents(f.db, { query: 'colour:red', from: FROM, to: TO, limit: 10 }, EXACT)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { position: 0, expected: ['field'] },
    });
    await expect(searchEvents(f.db, { query: '', from: 'now', to: 'now-1d', limit: 10 }, EXACT)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(searchEvents(f.db, { query: '', from: 'hier', to: 'now', limit: 10 }, EXACT)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(searchEvents(f.db, { query: '', from: FROM, to: TO, limit: 10, cursor: 'x' }, EXACT)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(searchEvents(f.db, { query: '', from: FROM, to: TO, limit: 10, timeZone: 'Mars/Olympus' }, EXACT)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: 'timeZone' },
    });
  });
});
