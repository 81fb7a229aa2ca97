/**
 * The demo dataset: a deterministic, realistic fortnight (by default) of a
 * regional e-health hub, with a few security stories injected, then the
 * alerts and the incident an analyst would have opened about them.
 */
import type { DemoLoadResult } from '../api/contract';
import { VigieError } from '../api/errors';
import { toEpochMs } from '../events/columns';
import type { NormalizedEvent } from '../events/types';
import { writeEvents } from '../events/writer';
import { Pseudonymiser } from '../privacy/pseudonym';
import type { Db } from '../store/db';
import { backgroundEvents } from './background';
import type { DemoCtx } from './common';
import { createDemoAlerts } from './demo-alerts';
import { makePatients, makeUsers, type DemoPatient } from './people';
import { Rng } from './rng';
import { buildScenarios, SCENARIO_KEYS, type Scenarios } from './scenarios';
import { DAY, utcDayStart } from './time';

export const DEFAULT_SEED = 2026;
const PATIENTS = 520;
const WRITE_BATCH = 2000;

export interface DemoOptions {
  seed?: number;
  /** Days covered, ending at `now` (1–90). */
  days: number;
  now: Date;
}

export interface DemoDataset {
  /** All events, oldest first, none after `now`. */
  events: NormalizedEvent[];
  scenarios: Scenarios;
  /** The fake patients, with their raw identifiers: in memory only, for tests to prove they never reach the vault. */
  patients: DemoPatient[];
}

/**
 * Builds the dataset. Pure given the seed, the UTC day of `now` and the
 * pseudonymiser: the window is whole UTC days ending with the day of `now`
 * (events after `now` dropped), so loading twice the same day yields the same
 * events and fingerprints. A day's background traffic does not depend on the
 * window either (a load on the next day only adds that day); the scenarios
 * are anchored to the day of `now`.
 */
export function generateDemo(opts: DemoOptions, pseudonymiser: Pseudonymiser): DemoDataset {
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 90) throw new VigieError('VALIDATION', 'days must be 1–90');
  const now = opts.now.getTime();
  const dayStart = utcDayStart(now);
  const start = dayStart - (opts.days - 1) * DAY;
  const cast = { users: makeUsers(Rng.derive(seed, 'users')), patients: makePatients(Rng.derive(seed, 'patients'), PATIENTS, pseudonymiser) };
  const background = backgroundEvents(cast, seed, start, dayStart + DAY);
  const scenarioCtx: DemoCtx = { ...cast, rng: Rng.derive(seed, `scenarios:${dayStart}`) };
  const scenarios = buildScenarios(scenarioCtx, { dayStart, start, now });
  const all = background.filter((e) => {
    const t = toEpochMs(e['@timestamp']);
    return t >= start && t <= now;
  });
  for (const key of SCENARIO_KEYS) all.push(...scenarios.events[key]);
  const ingest = Rng.derive(seed, 'ingest');
  const events = all
    .map((e) => ({ e, t: toEpochMs(e['@timestamp']) }))
    .sort((a, b) => a.t - b.t)
    .map(({ e, t }) => ({ ...e, 'event.ingested': new Date(Math.min(t + ingest.int(1500, 30000), now)) }));
  return { events, scenarios, patients: cast.patients };
}

export interface LoadDemoOptions extends Partial<DemoOptions> {
  onProgress?: (p: { step: string; done: number; total: number }) => void;
}

/**
 * Loads the demo into the vault: events through `writeEvents` (duplicates
 * skipped), then the alerts and the incident unless a previous load made
 * them. Idempotent: a second load the same day adds nothing.
 * Progress steps (i18n keys): demo.progress.generate, demo.progress.events, demo.progress.alerts.
 */
export async function loadDemo(db: Db, opts: LoadDemoOptions = {}): Promise<DemoLoadResult> {
  const progress = opts.onProgress ?? (() => undefined);
  const now = opts.now ?? new Date();
  progress({ step: 'demo.progress.generate', done: 0, total: 1 });
  const pseudonymiser = await Pseudonymiser.fromDb(db);
  const data = generateDemo({ seed: opts.seed, days: opts.days ?? 14, now }, pseudonymiser);
  const total = data.events.length;
  progress({ step: 'demo.progress.generate', done: 1, total: 1 });

  let stored = 0;
  progress({ step: 'demo.progress.events', done: 0, total });
  for (let i = 0; i < total; i += WRITE_BATCH) {
    const batch = data.events.slice(i, i + WRITE_BATCH);
    stored += (await writeEvents(db, batch)).stored;
    progress({ step: 'demo.progress.events', done: Math.min(i + WRITE_BATCH, total), total });
  }

  progress({ step: 'demo.progress.alerts', done: 0, total: 1 });
  const created = await createDemoAlerts(db, data.scenarios, now.getTime());
  progress({ step: 'demo.progress.alerts', done: 1, total: 1 });

  const services = [...new Set(data.events.map((e) => e['service.name']))].sort();
  return { events: stored, alerts: created.alerts, incidents: created.incidents, services };
}
