/**
 * A real encrypted vault filled with the demo dataset's events (14 days) plus a few
 * events with hostile content, and the same events read back in plain JS, so
 * tests can compare search results with straightforward filtering.
 */
import { toEpochMs, type EventDbRow } from '../../../main/events/columns';
import { writeEvents } from '../../../main/events/writer';
import { generateDemo } from '../../../main/demo/generate';
import { Pseudonymiser } from '../../../main/privacy/pseudonym';
import type { Db } from '../../../main/store/db';
import { makeEvent, prng } from '../events/factory';
import { openTempVault } from '../events/vault-fixture';

/** `now` of the fixture: a Thursday afternoon. */
export const NOW = Date.parse('2026-11-19T15:20:00Z');
export const DAY = 86_400_000;

export interface SearchFixture {
  db: Db;
  events: EventDbRow[];
  dispose: () => Promise<void>;
}

/** Events whose content tries to break SQL, FTS5 or CSV. */
export const HOSTILE = [
  makeEvent(1, {
    '@timestamp': new Date(NOW - 3 * 3_600_000),
    'user.name': "o'brien",
    message: `=HYPERLINK("http://evil") "quoted", comma; newline\nsecond line`,
    'source.ip': '192.0.2.10',
  }),
  makeEvent(2, {
    '@timestamp': new Date(NOW - 5 * 3_600_000),
    'user.name': '@admin',
    'host.name': 'x" OR 1=1 --',
    message: 'NEAR(a b) AND OR NOT ^col: * "',
  }),
  makeEvent(3, { '@timestamp': new Date(NOW - 7 * 3_600_000), 'user.name': null, message: '+33 6 12 34 56 78 -rm 50% done_ok' }),
  makeEvent(4, { '@timestamp': new Date(NOW - 9 * 3_600_000), 'user.name': 'Dr.Mixed', 'service.name': 'Hôpital-App' }),
];

/** More than RARE_MATCHES events sharing the word « routine », so free text takes the per-slice path. */
export const ROUTINE_EVENTS = 2600;
function routine() {
  const rand = prng(7);
  return Array.from({ length: ROUTINE_EVENTS }, (_, i) =>
    makeEvent(1000 + i, {
      '@timestamp': new Date(NOW - Math.floor(rand() * 14 * DAY)),
      'service.name': 'ROR',
      'event.dataset': 'ror.audit',
      'event.severity': rand() < 0.9 ? 'info' : 'medium',
      'event.outcome': rand() < 0.95 ? 'success' : 'failure',
      'user.name': `svc.batch${i % 3}`,
      message: `Vérification routine n°${i} du référentiel`,
    }),
  );
}

export async function searchFixture(): Promise<SearchFixture> {
  const { db, dispose } = await openTempVault();
  // The demo's events (its alerts and incidents are not needed here) and the extra ones, in time order
  // like a live feed (ids then follow time), through the real writer.
  const demo = generateDemo({ days: 14, now: new Date(NOW) }, await Pseudonymiser.fromDb(db));
  const all = [...demo.events, ...routine(), ...HOSTILE].sort((a, b) => toEpochMs(a['@timestamp']) - toEpochMs(b['@timestamp']));
  for (let i = 0; i < all.length; i += 2000) await writeEvents(db, all.slice(i, i + 2000));
  const events = await db.all<EventDbRow>('SELECT * FROM events ORDER BY ts DESC, id DESC');
  return { db, events, dispose };
}

/** unicode61 with remove_diacritics: lower-case, accents removed, split on anything but letters and digits. */
export function tokens(text: string | null): string[] {
  if (!text) return [];
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** What the FTS index answers for a phrase (optionally with the last token as a prefix). */
export function ftsMatches(e: EventDbRow, phrase: string, prefix = false): boolean {
  const want = tokens(phrase);
  if (want.length === 0) return false;
  return [e.message, e.user_name, e.host, e.source_ip, e.action, e.object, e.patient].some((col) => {
    const have = tokens(col);
    for (let i = 0; i + want.length <= have.length; i++) {
      const ok = want.every((w, k) =>
        k === want.length - 1 && prefix ? have[i + k].startsWith(w) : have[i + k] === w,
      );
      if (ok) return true;
    }
    return false;
  });
}
