/**
 * JSON-lines parser: depth/size guards, ECS-shaped and generic lines (written
 * here), patient identifier fields, arrays, CloudTrail/FHIR/Windows routing.
 */
import { describe, expect, it } from 'vitest';
import { jsonParser } from '../../../../main/ingest/parsers/json';
import { flatten, jsonDepthExceeded, kebab, safeJsonParse } from '../../../../main/ingest/parsers/json-safe';
import { parseTimestamp } from '../../../../main/ingest/parsers/json-time';
import { eventsOf, only, storedText, testContext, testPseudonymise } from './json-test-context';

const ctx = testContext();
const parse = (v: unknown) => only(jsonParser.parse(typeof v === 'string' ? v : JSON.stringify(v), ctx));

describe('guards', () => {
  it('100k nested brackets are refused as too-deep, quickly, without recursion', () => {
    for (const open of ['[', '{"a":']) {
      const text = open.repeat(100_000);
      const t0 = performance.now();
      const r = jsonParser.parse(text, ctx);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(r).toMatchObject({ ok: false, code: 'too-deep' });
      expect(!r.ok && r.reason).toMatch(/64 levels at character \d+/);
    }
  });

  it('depth counts only outside strings; exactly maxDepth is accepted', () => {
    expect(jsonDepthExceeded(`{"a":"${'['.repeat(500)}"}`, 64)).toBeNull();
    expect(jsonDepthExceeded(`{"a":"\\"${'{'.repeat(500)}"}`, 64)).toBeNull();
    const ok = '['.repeat(64) + ']'.repeat(64);
    expect(jsonDepthExceeded(ok, 64)).toBeNull();
    expect(jsonDepthExceeded('[' + ok + ']', 64)).toBe(64);
  });

  it('size, empty, invalid JSON and non-object records have codes and reasons', () => {
    const small = testContext({ limits: { maxRecordBytes: 10, maxDepth: 64 } });
    expect(jsonParser.parse('{"message":"a long line"}', small)).toMatchObject({ ok: false, code: 'too-long' });
    expect(safeJsonParse('  ', ctx)).toMatchObject({ ok: false, code: 'empty' });
    const bad = jsonParser.parse('{"a":1,}', ctx);
    expect(bad).toMatchObject({ ok: false, code: 'unparseable' });
    expect(!bad.ok && bad.reason).toMatch(/Invalid JSON/);
    expect(jsonParser.parse('42', ctx)).toMatchObject({ ok: false, code: 'unparseable' });
    expect(jsonParser.parse('null', ctx)).toMatchObject({ ok: false, code: 'unparseable' });
    expect(jsonParser.parse('[]', ctx)).toMatchObject({ ok: false, code: 'empty' });
    expect(jsonParser.parse('[{"message":"a"},3]', ctx)).toMatchObject({ ok: false, code: 'unparseable' });
  });

  it('a __proto__ key stays data and pollutes nothing', () => {
    const e = parse('{"message":"x","__proto__":{"polluted":true},"a":{"__proto__":{"b":1}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(e.attributes)).toBe(Object.prototype);
    expect(Object.keys(e.attributes ?? {})).toEqual(['__proto__.polluted', 'a.__proto__.b']);
  });

  it('values that are Object.prototype names never hit a lookup table', () => {
    const e = parse({ level: 'constructor', 'event.outcome': 'toString', 'event.action': '__proto__', message: 'x' });
    expect(e).toMatchObject({ 'event.severity': 'info', 'event.outcome': 'unknown', 'event.action': 'proto' });
    const w = parse({ EventID: 4624, Channel: 'constructor', SourceName: '__proto__' });
    expect(w).toMatchObject({ 'event.action': 'windows-event-4624', 'event.category': 'host' });
  });

  it('sniffs objects and arrays', () => {
    expect(jsonParser.sniff('{"a":1}')).toBeGreaterThan(0.8);
    expect(jsonParser.sniff('<13>Jan  1 x')).toBe(0);
  });
});

describe('ECS-shaped lines', () => {
  it('nested ECS maps straight through; unknown fields go to attributes', () => {
    const e = parse({
      '@timestamp': '2024-04-02T07:30:12.345Z',
      event: { dataset: 'sri.auth', category: ['authentication'], action: 'user-login', outcome: 'failure', severity: 3 },
      service: { name: 'SRI' },
      host: { name: 'sri-idp-01' },
      process: { name: 'keycloak' },
      user: { id: '810001234567', name: 'jdupont', roles: ['médecin'] },
      source: { ip: '203.0.113.9', port: 51514 },
      destination: { ip: '10.0.0.5' },
      message: 'Login failed: invalid credentials',
      organization: { id: '750712184' },
    });
    expect(e).toMatchObject({
      '@timestamp': '2024-04-02T07:30:12.345Z',
      'event.dataset': 'sri.auth',
      'service.name': 'SRI',
      'host.name': 'sri-idp-01',
      'process.name': 'keycloak',
      'event.category': 'authentication',
      'event.action': 'user-login',
      'event.outcome': 'failure',
      'event.severity': 'medium',
      'user.id': '810001234567',
      'user.name': 'jdupont',
      'user.roles': ['médecin'],
      'source.ip': '203.0.113.9',
      'destination.ip': '10.0.0.5',
      message: 'Login failed: invalid credentials',
    });
    expect(e.attributes).toEqual({ 'source.port': 51514, 'organization.id': '750712184' });
  });

  it('dotted keys work the same; health.* fields are read', () => {
    const e = parse({
      '@timestamp': '2024-04-02T09:30:12+02:00',
      'event.dataset': 'portail.audit',
      'service.name': 'Portail-Coordination',
      'event.category': 'database',
      'event.action': 'Patient Record Read',
      'event.outcome': 'success',
      'user.name': 'ide.martin',
      'health.patient.id': '1840975108123',
      'health.patient.system': 'INS-NIR',
      'health.object': 'DocumentReference/48213',
      'health.purpose_of_use': 'etreat',
      message: 'Consultation du dossier 1840975108123',
    });
    const p = testPseudonymise('1840975108123', 'INS-NIR');
    expect(e).toMatchObject({
      '@timestamp': '2024-04-02T07:30:12.000Z',
      'event.action': 'patient-record-read',
      'health.patient.pseudonym': p,
      'health.object': 'DocumentReference/48213',
      'health.purpose_of_use': 'ETREAT',
      'health.break_glass': true,
      message: `Consultation du dossier ${p}`,
    });
    expect(storedText(e)).not.toContain('1840975108123');
    expect(e['event.original']).toContain(`"health.patient.id":"${p}"`);
  });

  it('source hints win over the record, whose values stay in attributes', () => {
    const line = JSON.stringify({ 'service.name': 'keycloak', 'event.dataset': 'kc.events', message: 'x' });
    const e = only(jsonParser.parse(line, testContext({ service: 'SRI', dataset: 'sri.auth' })));
    expect(e).toMatchObject({ 'service.name': 'SRI', 'event.dataset': 'sri.auth' });
    expect(e.attributes).toMatchObject({ 'service.name': 'keycloak', 'event.dataset': 'kc.events' });
  });

  it('defaults: reception time, json.log dataset, process/log, unknown outcome, info', () => {
    const e = parse({ foo: 'bar' });
    expect(e).toMatchObject({
      '@timestamp': ctx.receivedAt.toISOString(),
      'event.dataset': 'json.log',
      'service.name': 'JSON',
      'event.category': 'process',
      'event.action': 'log',
      'event.outcome': 'unknown',
      'event.severity': 'info',
      message: 'log',
    });
  });
});

describe('generic application JSON', () => {
  it('reads common aliases (time, level, msg, username, client_ip, hostname, status)', () => {
    const e = parse({ time: 1712043012, level: 'ERROR', msg: 'Access denied\nstack…', username: 'bob', client_ip: '198.51.100.4', hostname: 'ror-api-2', status: 403, action: 'directory_search' });
    expect(e).toMatchObject({
      '@timestamp': '2024-04-02T07:30:12.000Z',
      'event.severity': 'medium',
      message: 'Access denied',
      'user.name': 'bob',
      'source.ip': '198.51.100.4',
      'host.name': 'ror-api-2',
      'event.outcome': 'failure',
      'event.action': 'directory-search',
    });
  });

  it('patient identifier fields of any common name are pseudonymised and scrubbed', () => {
    const e = parse({ ts: '2024-04-02T07:30:12Z', patient_id: 'IPP998877', patient_name: 'DURAND Alice', msg: 'read IPP998877 (DURAND Alice)', ins: '284097510812345' });
    const p = testPseudonymise('IPP998877');
    expect(e['health.patient.pseudonym']).toBe(p);
    expect(e.message).toBe(`read ${p} (${p})`);
    expect(storedText(e)).not.toMatch(/IPP998877|DURAND|284097510812345/);
  });

  it('when pseudonymisation fails the record is quarantined, never stored with the identifier', () => {
    const broken = testContext({ pseudonymise: () => { throw new Error('vault locked'); } });
    const r = jsonParser.parse('{"patient_id":"IPP998877","message":"x"}', broken);
    expect(r).toMatchObject({ ok: false, code: 'unparseable' });
    expect(!r.ok && r.reason).toMatch(/vault locked/);
    expect(!r.ok && r.reason).not.toContain('IPP998877');
  });

  it('a top-level array gives one event per object', () => {
    const events = eventsOf(jsonParser.parse('[{"message":"a"},{"message":"b"}]', ctx));
    expect(events.map((e) => e.message)).toEqual(['a', 'b']);
    expect(events[1]['event.original']).toBe('{"message":"b"}');
  });

  it('an unreadable timestamp is quarantined', () => {
    expect(jsonParser.parse('{"@timestamp":"31/02/2024","message":"x"}', ctx)).toMatchObject({ ok: false, code: 'invalid-timestamp' });
    expect(jsonParser.parse('{"@timestamp":"2024-02-30T00:00:00Z"}', ctx)).toMatchObject({ ok: false, code: 'invalid-timestamp' });
    expect(jsonParser.parse('{"@timestamp":"1850-01-01T00:00:00Z"}', ctx)).toMatchObject({ ok: false, code: 'invalid-timestamp' });
  });
});

describe('helpers', () => {
  it('timestamps: ISO variants, epochs, RFC 2822, zones', () => {
    const iso = (v: unknown, zone = 'Europe/Paris') => {
      const r = parseTimestamp(v, zone);
      return r?.ok ? r.iso : r?.code;
    };
    expect(iso('2024-01-15T10:00:00.123456789+0530')).toBe('2024-01-15T04:30:00.123Z');
    expect(iso('2024-01-15 10:00:00')).toBe('2024-01-15T09:00:00.000Z');
    expect(iso('2024-07-15 10:00:00')).toBe('2024-07-15T08:00:00.000Z');
    expect(iso('2024-07-15 10:00:00', 'UTC')).toBe('2024-07-15T10:00:00.000Z');
    expect(iso('2016-12-31T23:59:60Z')).toBe('2016-12-31T23:59:59.000Z');
    expect(iso(1712043012123)).toBe('2024-04-02T07:30:12.123Z');
    expect(iso('1712043012')).toBe('2024-04-02T07:30:12.000Z');
    expect(iso('Tue, 02 Apr 2024 07:30:12 GMT')).toBe('2024-04-02T07:30:12.000Z');
    expect(iso('2024-13-01T00:00:00Z')).toBe('invalid-timestamp');
    expect(iso('soon')).toBe('invalid-timestamp');
    expect(iso({})).toBe('invalid-timestamp');
    expect(parseTimestamp('', 'UTC')).toBeUndefined();
  });

  it('flatten and kebab', () => {
    expect([...flatten({ a: { b: 1, c: { d: [1] } }, 'e.f': 2, g: {} })]).toEqual([
      ['a.b', 1],
      ['a.c.d', [1]],
      ['e.f', 2],
      ['g', {}],
    ]);
    expect(kebab('DescribeInstanceTypes')).toBe('describe-instance-types');
    expect(kebab('User Login')).toBe('user-login');
    expect(kebab('HTTPRequest_sent')).toBe('http-request-sent');
  });
});
