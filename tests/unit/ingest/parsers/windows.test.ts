/**
 * Flattened Windows event JSON, on the OTRF Security-Datasets lines
 * (../shared/fixtures/otrf-security-datasets @ d9d40ef1, MIT): every JSON
 * line of data/** parses, EventID/Channel and EventData fields are kept in
 * attributes under their original names, well-known IDs are classified.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonParser } from '../../../../main/ingest/parsers/json';
import { windowsDataset } from '../../../../main/ingest/parsers/windows-codes';
import type { NormalizedEvent } from '../../../../main/events/types';
import { SHARED_FIXTURES, only, testContext } from './json-test-context';

const ctx = testContext();
const OTRF = join(SHARED_FIXTURES, 'otrf-security-datasets', 'data');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? jsonFiles(p) : name.endsWith('.json') ? [p] : [];
  });
}

interface Parsed {
  file: string;
  line: string;
  raw: Record<string, unknown>;
  event: NormalizedEvent;
}

const parsed: Parsed[] = [];
const failures: string[] = [];
for (const file of jsonFiles(OTRF)) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const r = jsonParser.parse(line, ctx);
    if (!r.ok) failures.push(`${file}: ${r.code} ${r.reason}`);
    else parsed.push({ file, line, raw: JSON.parse(line), event: r.events[0] });
  }
}
const windows = parsed.filter((p) => p.file.includes('/windows/'));

describe('OTRF Security-Datasets JSON lines', () => {
  it('every line of every JSON dataset parses (Windows and AWS CloudTrail)', () => {
    expect(failures).toEqual([]);
    expect(parsed.length).toBeGreaterThan(12_000);
    const manifest = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'otrf-security-datasets', 'MANIFEST.json'), 'utf8')) as {
      file: string;
      events: number | null;
    }[];
    for (const m of manifest.filter((x) => x.file.endsWith('.json') && x.events !== null)) {
      expect(parsed.filter((p) => p.file.endsWith(m.file)).length, m.file).toBe(m.events);
    }
  });

  it('keeps EventID, Channel and every original field in attributes, under their original names', () => {
    const wrong: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && wrong.length < 20) wrong.push(what);
    };
    for (const { line, raw, event } of windows) {
      const a = event.attributes ?? {};
      check(a.EventID === Number(raw.EventID) && a.Channel === raw.Channel && a['event.code'] === String(raw.EventID), `ids ${line.slice(0, 80)}`);
      for (const k of Object.keys(raw)) check(JSON.stringify(a[k]) === JSON.stringify(raw[k]), `field ${k}`);
      check(event['event.original'] === line.replace(/\r$/, ''), 'original');
      check(event['event.dataset'] === windowsDataset(String(raw.Channel)), `dataset ${String(raw.Channel)}`);
      check(event['host.name'] === raw.Hostname, `host ${String(raw.Hostname)}`);
    }
    expect(wrong).toEqual([]);
    expect(windows.length).toBeGreaterThan(12_000);
  });

  it('classifies 4624 as a successful authentication with the target user and source IP', () => {
    const logons = windows.filter((p) => p.raw.EventID === 4624);
    expect(logons.length).toBeGreaterThan(20);
    for (const { raw, event } of logons) {
      expect(event).toMatchObject({ 'event.category': 'authentication', 'event.action': 'user-login', 'event.outcome': 'success' });
      expect(event['user.name']).toBe(raw.TargetUserName);
      if (raw.IpAddress !== '-') expect(event['source.ip']).toBe(raw.IpAddress);
    }
    const wec = logons.find((p) => p.raw.TargetUserName === 'WEC$' && p.raw.IpAddress === '172.18.38.6');
    expect(wec?.event).toMatchObject({ 'event.dataset': 'windows.security', 'host.name': 'MORDORDC.theshire.local', 'user.id': 'S-1-5-21-3669966080-2286457517-972388166-1111' });
    expect(wec?.event['@timestamp']).toBe('2020-08-05T06:09:51.733Z');
  });

  it('classifies Sysmon, process creation, log clearing and logoffs', () => {
    const by = (id: number, channel: RegExp) => windows.filter((p) => p.raw.EventID === id && channel.test(String(p.raw.Channel)));
    for (const { event } of by(1, /Sysmon/)) expect(event).toMatchObject({ 'event.category': 'process', 'event.action': 'process-start' });
    for (const { event } of by(3, /Sysmon/)) expect(event['event.action']).toBe('network-connection');
    for (const { event } of by(11, /Sysmon/)) expect(event['event.action']).toBe('file-create');
    for (const { event } of by(4688, /security/i)) expect(event['event.action']).toBe('process-start');
    for (const { event } of by(4634, /security/i)) expect(event).toMatchObject({ 'event.category': 'session', 'event.action': 'user-logout' });
    const cleared = by(1102, /security/i);
    expect(cleared.length).toBeGreaterThan(0);
    for (const { event } of cleared) expect(event).toMatchObject({ 'event.action': 'audit-log-clear', 'event.severity': 'high' });
    const sysmon1 = by(1, /Sysmon/)[0];
    expect(sysmon1.event.attributes?.CommandLine).toBe(sysmon1.raw.CommandLine);
    expect(sysmon1.event.attributes?.Image).toBe(sysmon1.raw.Image);
  });

  it('maps CloudTrail records', () => {
    const aws = parsed.filter((p) => p.file.includes('/aws/'));
    expect(aws.length).toBe(103);
    for (const { event } of aws) expect(event['event.dataset']).toBe('aws.cloudtrail');
    expect(aws[0].event).toMatchObject({ 'event.action': 'describe-instance-types', 'user.name': 'pedro', 'source.ip': '1.2.3.4' });
  });
});

describe('Windows events written for the tests', () => {
  const failed = {
    EventID: 4625,
    Channel: 'Security',
    Hostname: 'SRV-DPI-01.chu.local',
    TimeCreated: '2024-02-03 04:05:06.789',
    TargetUserName: 'jdupont',
    TargetDomainName: 'CHU',
    IpAddress: '::ffff:10.20.30.40',
    LogonType: '3',
    Status: '0xc000006d',
    Keywords: '0x8010000000000000',
    Message: 'An account failed to log on.\r\n\r\nSubject: …',
  };

  it('4625: failed logon, low severity, IPv4-mapped address unwrapped, TimeCreated read as UTC', () => {
    const e = only(jsonParser.parse(JSON.stringify(failed), ctx));
    expect(e).toMatchObject({
      '@timestamp': '2024-02-03T04:05:06.789Z',
      'event.category': 'authentication',
      'event.action': 'user-login',
      'event.outcome': 'failure',
      'event.severity': 'low',
      'user.name': 'jdupont',
      'source.ip': '10.20.30.40',
      'event.dataset': 'windows.security',
      'service.name': 'Windows',
      message: 'An account failed to log on. [EventID 4625] utilisateur jdupont depuis 10.20.30.40',
    });
    expect(e.attributes).toMatchObject({ LogonType: '3', TargetDomainName: 'CHU', EventID: 4625, Channel: 'Security' });
  });

  it('user created / deleted / added to a group; unknown IDs get a generic action and the audit outcome', () => {
    const base = { Channel: 'Security', Hostname: 'DC1', '@timestamp': '2024-02-03T04:05:06Z', SubjectUserName: 'admin', TargetUserName: 'newuser' };
    const act = (EventID: number, extra = {}) => only(jsonParser.parse(JSON.stringify({ ...base, EventID, ...extra }), ctx));
    expect(act(4720)).toMatchObject({ 'event.category': 'iam', 'event.action': 'user-create', 'user.name': 'newuser' });
    expect(act(4726)['event.action']).toBe('user-delete');
    expect(act(4732)).toMatchObject({ 'event.action': 'group-member-add', 'user.name': 'admin' });
    expect(act(4648)['event.action']).toBe('explicit-credentials-logon');
    expect(act(4672)['event.action']).toBe('special-privileges-assigned');
    expect(act(4999, { EventType: 'AUDIT_FAILURE' })).toMatchObject({ 'event.category': 'host', 'event.action': 'windows-event-4999', 'event.outcome': 'failure' });
    expect(act(4999, { Keywords: -9214364837600034816 })['event.outcome']).toBe('success');
    expect(act(4768, { Status: '0x0' })['event.outcome']).toBe('success');
    expect(act(4768, { Status: '0x6' })['event.outcome']).toBe('failure');
  });

  it('EventTime without offset is read in the source time zone; no time at all → reception time', () => {
    const local = only(jsonParser.parse(JSON.stringify({ EventID: 4624, Channel: 'Security', EventTime: '2024-07-01 10:00:00' }), ctx));
    expect(local['@timestamp']).toBe('2024-07-01T08:00:00.000Z');
    const none = only(jsonParser.parse(JSON.stringify({ EventID: 4624, Channel: 'Security' }), ctx));
    expect(none['@timestamp']).toBe(ctx.receivedAt.toISOString());
    expect(jsonParser.parse(JSON.stringify({ EventID: 4624, Channel: 'Security', TimeCreated: 'not a date' }), ctx)).toMatchObject({
      ok: false,
      code: 'invalid-timestamp',
    });
  });

  it('nested EventData is hoisted; Winlogbeat records are read too', () => {
    const nested = { EventID: '4688', Channel: 'Security', Computer: 'WS1', EventData: { NewProcessName: 'C:\\x.exe', CommandLine: 'x.exe /q', SubjectUserName: 'bob' } };
    const e = only(jsonParser.parse(JSON.stringify(nested), ctx));
    expect(e).toMatchObject({ 'event.action': 'process-start', 'user.name': 'bob', 'host.name': 'WS1' });
    expect(e.attributes).toMatchObject({ CommandLine: 'x.exe /q', EventID: 4688 });
    const beat = {
      '@timestamp': '2024-03-01T10:00:00.000Z',
      winlog: { event_id: 4625, channel: 'Security', computer_name: 'DC2', provider_name: 'Microsoft-Windows-Security-Auditing', event_data: { TargetUserName: 'eve', IpAddress: '192.0.2.7' } },
    };
    const w = only(jsonParser.parse(JSON.stringify(beat), ctx));
    expect(w).toMatchObject({ 'event.outcome': 'failure', 'user.name': 'eve', 'source.ip': '192.0.2.7', 'host.name': 'DC2' });
    expect(w.attributes).toMatchObject({ EventID: 4625, Channel: 'Security', TargetUserName: 'eve' });
  });

  it('dataset names from channels', () => {
    expect(windowsDataset('Security')).toBe('windows.security');
    expect(windowsDataset('Microsoft-Windows-Sysmon/Operational')).toBe('windows.sysmon_operational');
    expect(windowsDataset('Windows PowerShell')).toBe('windows.powershell');
    expect(windowsDataset('Microsoft-Windows-PowerShell/Operational')).toBe('windows.powershell_operational');
  });
});
