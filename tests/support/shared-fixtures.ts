/**
 * Where the shared real-data fixtures live (RFC syslog examples, CEF/access-log pairs, FHIR AuditEvent examples,
 * OTRF Windows datasets, LogHub logs, the SigmaHQ rule set). They are read in place, never copied into the product.
 *
 * Resolution order:
 *   1. `VIGIE_FIXTURES` (absolute path to the `fixtures` folder);
 *   2. the first `shared/fixtures` found walking up from this repository (the usual layout is `<work>/main` beside
 *      `<work>/shared`, but a clone may sit deeper);
 *   3. `/work/shared/fixtures` (this workplace's fixed location, for clones made elsewhere, e.g. /tmp).
 * If none exists the suites fail with one clear message rather than with scattered ENOENTs.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function locate(): string | undefined {
  const fromEnv = process.env.VIGIE_FIXTURES;
  if (fromEnv) return existsSync(fromEnv) ? resolve(fromEnv) : undefined;
  let dir = resolve(__dirname, '..', '..');
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return existsSync('/work/shared/fixtures') ? '/work/shared/fixtures' : undefined;
}

const found = locate();

/** Absolute path of the shared fixtures folder; throws a clear error if it cannot be found. */
export function sharedFixtures(...parts: string[]): string {
  if (!found) {
    throw new Error(
      'Shared fixtures not found: set VIGIE_FIXTURES to the fixtures folder, or place this repository beside shared/ ' +
        '(expected <parent>/shared/fixtures or /work/shared/fixtures).',
    );
  }
  return join(found, ...parts);
}

/** The fixtures root (same as `sharedFixtures()`). */
export const SHARED_FIXTURES_ROOT: string = found ?? '';
