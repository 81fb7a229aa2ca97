/**
 * ParseContext for the syslog / CEF / LEEF / framing tests: the registry's
 * `createParseContext` (real `embedded` wiring) with a test pseudonymiser
 * `P-` + first 16 hex of sha256, upper-cased, and a fixed reception time.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toEpochMs, validateEvent } from '../../../../main/events/columns';
import type { NormalizedEvent } from '../../../../main/events/types';
import { createParseContext } from '../../../../main/ingest/registry';
import type { ParseContext, ParseResult } from '../../../../main/ingest/types';
import { sharedFixtures } from '../../../support/shared-fixtures';

export const FIXTURES = sharedFixtures();

export const testPseudonym = (id: string): string => 'P-' + createHash('sha256').update(id).digest('hex').slice(0, 16).toUpperCase();

export function testContext(over: Partial<ParseContext> = {}): ParseContext {
  return createParseContext({
    timezone: 'Europe/Paris',
    receivedAt: new Date('2024-06-15T12:00:00Z'),
    pseudonymise: (id) => testPseudonym(id),
    ...over,
  });
}

/** Every event must pass the writer's validation and carry a readable timestamp. */
export function assertStorable(result: ParseResult): NormalizedEvent[] {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.reason}`);
  result.events.forEach((e, i) => {
    validateEvent(e, i);
    toEpochMs(e['@timestamp']);
  });
  return result.events;
}

/** The failure of a result that must have failed. */
export function failureOf(result: ParseResult): { code: string; reason: string } {
  if (result.ok) throw new Error(`expected a failure, got ${result.events.length} event(s)`);
  return result;
}

export function readFixture(rel: string): string {
  return readFileSync(resolve(FIXTURES, rel), 'utf8');
}

/** Non-empty lines of a fixture (CRLF tolerated). */
export function fixtureLines(rel: string): string[] {
  return readFixture(rel)
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '');
}
