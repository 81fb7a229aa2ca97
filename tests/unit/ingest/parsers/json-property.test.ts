/**
 * Property tests (fast-check) of the JSON-lines parser: any string or JSON
 * value gives events that the writer accepts or a quarantine code, never an
 * exception, in bounded time; patient identifiers never survive.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonParser } from '../../../../main/ingest/parsers/json';
import type { ParseResult } from '../../../../main/ingest/types';
import { checkResult, storedText, testContext, withinMs } from './json-test-context';

const ctx = testContext();

const timed = (text: string): ParseResult => withinMs(1000, `JSON parse of ${text.length} characters`, () => jsonParser.parse(text, ctx));

const scalar = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const fieldNames = [
  '@timestamp', 'timestamp', 'time', 'ts', 'event.dataset', 'event.category', 'event.action', 'event.outcome', 'event.severity',
  'level', 'message', 'msg', 'user.name', 'user.id', 'user.roles', 'source.ip', 'client_ip', 'host.name', 'service.name',
  'health.patient.id', 'patient_id', 'health.purpose_of_use', 'health.break_glass', 'status', 'EventID', 'Channel',
  'TimeCreated', 'TargetUserName', 'IpAddress', 'Keywords', 'winlog.event_id', 'eventSource', 'eventName', 'awsRegion',
  'resourceType', '__proto__', 'constructor',
];
const shaped = fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })), {
  maxKeys: 12,
});

describe('JSON-lines parser properties', () => {
  it('any string: result or quarantine code, never a throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (s) => checkResult(timed(s))), { numRuns: 500 });
  });

  it('any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => checkResult(timed(JSON.stringify(v)))), { numRuns: 500 });
  });

  it('deep JSON values beyond the limit are too-deep', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 5000 }), fc.constantFrom('[', '{"k":'), (n, open) => {
        const r = timed(open.repeat(n) + '1');
        return !r.ok && r.code === 'too-deep';
      }),
      { numRuns: 50 },
    );
  });

  it('records shaped like ECS, Windows, CloudTrail or FHIR lines', () => {
    fc.assert(fc.property(shaped, (obj) => checkResult(timed(JSON.stringify(obj)))), { numRuns: 800 });
  });

  it('Windows-like records with arbitrary values', () => {
    const win = fc.record(
      {
        EventID: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.string({ maxLength: 6 }), fc.constantFrom(4624, 4625, 1102, 1, 3)),
        Channel: fc.oneof(fc.constantFrom('Security', 'security', 'Microsoft-Windows-Sysmon/Operational', 'System', ''), fc.string({ maxLength: 20 })),
        Hostname: fc.string({ maxLength: 20 }),
        TimeCreated: fc.oneof(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 25 })),
        Keywords: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 20 })),
        IpAddress: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 10 })),
        Level: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.string({ maxLength: 3 })),
        EventData: fc.dictionary(fc.string({ maxLength: 10 }), scalar, { maxKeys: 5 }),
      },
      { requiredKeys: ['EventID', 'Channel'] },
    );
    fc.assert(fc.property(win, (obj) => checkResult(timed(JSON.stringify(obj)))), { numRuns: 500 });
  });

  it('patient identifiers never survive in what is stored', () => {
    const id = fc.stringMatching(/^ipp-[a-z0-9]{4,16}$/);
    fc.assert(
      fc.property(id, fc.constantFrom('patient_id', 'health.patient.id', 'ipp', 'patient.id'), fc.string({ maxLength: 20 }), (pid, key, noise) => {
        const line = JSON.stringify({ [key]: pid, message: `${noise} ${pid} ${noise}`, extra: { note: `x${pid}x` } });
        const r = timed(line);
        if (!r.ok) return false;
        return r.events.every((e) => !storedText(e).includes(pid) && e['health.patient.pseudonym'] !== null);
      }),
      { numRuns: 300 },
    );
  });
});

it('checkResult rejects malformed results', () => {
  expect(checkResult({ ok: false, code: 'unparseable', reason: 'x' })).toBe(true);
  expect(checkResult({ ok: false, code: 'nope' as never, reason: 'x' })).toBe(false);
});
