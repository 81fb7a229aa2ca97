/**
 * Parse context for the JSON / FHIR / ATNA parser tests: the registry's
 * `createParseContext` (real `embedded` wiring) with a deterministic test
 * pseudonymiser (no vault key), Paris time and 16 MiB documents.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { createParseContext } from '../../../../main/ingest/registry';
import { validateEvent } from '../../../../main/events/columns';
import { QUARANTINE_CODES, type ParseContext, type ParseResult } from '../../../../main/ingest/types';
import type { NormalizedEvent } from '../../../../main/events/types';
import { sharedFixtures } from '../../../support/shared-fixtures';

export const SHARED_FIXTURES = sharedFixtures();
export const ATNA_FIXTURES = resolve(__dirname, '../../../fixtures/atna');

export function testPseudonymise(id: string, sys?: string): string {
  return 'P-' + createHash('sha256').update(`${sys ?? ''}|${id}`).digest('hex').slice(0, 16).toUpperCase();
}

export function testContext(partial: Partial<ParseContext> = {}): ParseContext {
  return createParseContext({
    timezone: 'Europe/Paris',
    receivedAt: new Date('2024-06-01T12:00:00Z'),
    pseudonymise: testPseudonymise,
    ...partial,
    limits: { maxRecordBytes: 16 * 1024 * 1024, maxDepth: 64, ...partial.limits },
  });
}

/** The events of a successful result (fails the test with the reason otherwise). */
export function eventsOf(r: ParseResult): NormalizedEvent[] {
  if (!r.ok) throw new Error(`expected events, got ${r.code}: ${r.reason}`);
  return r.events;
}

export function only(r: ParseResult): NormalizedEvent {
  const events = eventsOf(r);
  if (events.length !== 1) throw new Error(`expected one event, got ${events.length}`);
  return events[0];
}

/** Everything an event would put in the vault, as one string (to check that no identifier leaks). */
export function storedText(e: NormalizedEvent): string {
  return JSON.stringify(e);
}

/** A well-formed result: events the writer accepts, or a known quarantine code with a reason. Throws otherwise. */
export function checkResult(r: ParseResult): boolean {
  if (!r.ok) return (QUARANTINE_CODES as readonly string[]).includes(r.code) && r.reason.length > 0;
  r.events.forEach((e, i) => {
    validateEvent(e, i);
    if (!Number.isFinite(Date.parse(String(e['@timestamp'])))) throw new Error(`bad @timestamp ${String(e['@timestamp'])}`);
    JSON.stringify(e.attributes ?? {});
  });
  return true;
}

/** Runs `fn` and fails when it takes longer than `maxMs` (hang guard for property tests). */
export function withinMs<T>(maxMs: number, what: string, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  const ms = performance.now() - t0;
  if (ms > maxMs) throw new Error(`${what} took ${ms.toFixed(0)} ms (limit ${maxMs})`);
  return r;
}
