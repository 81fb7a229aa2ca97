import { describe, expect, it } from 'vitest';
import type { CorrelationMatch, Hit } from '../../../main/detect/sigma/types';
import { detector, ev, load } from './helpers';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const at = (min: number, attrs: Record<string, unknown>) => ev(attrs, { '@timestamp': new Date(T0 + min * 60_000) });
const corr = (hits: Hit[]) => hits.filter((h): h is CorrelationMatch => 'group' in h);

const base = `
title: failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
status: test
level: low
logsource: { product: test }
detection:
  selection: { EventID: 4625 }
  condition: selection
---
title: successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
status: test
level: low
logsource: { product: test }
detection:
  selection: { EventID: 4624 }
  condition: selection
`;

const countRule = (condition: string, extra = '') => `
title: many failed logins
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: many_failed
level: high
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [User]
  timespan: 10m
  condition: ${condition}
${extra}
---${base}`;

describe('event_count', () => {
  it('fires when the count is reached in the window, per group, then restarts', () => {
    const d = detector(countRule('{ gte: 3 }'));
    const out: CorrelationMatch[] = [];
    const feed = (min: number, user: string, id = 4625) => out.push(...corr(d.process(at(min, { EventID: id, User: user }))));
    feed(0, 'alice');
    feed(1, 'bob');
    feed(2, 'alice');
    expect(out).toHaveLength(0);
    feed(3, 'alice');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ group: { User: 'alice' }, value: 3 });
    expect(out[0].evidence).toHaveLength(3);
    expect(out[0].rule.title).toBe('many failed logins');
    feed(4, 'alice'); // the group restarted: 1 of 3
    feed(5, 'bob'); // bob: 2
    expect(out).toHaveLength(1);
  });

  it('uses a sliding window: events further apart than the timespan do not add up', () => {
    const d = detector(countRule('{ gte: 3 }'));
    const hits = [0, 6, 12, 18].flatMap((m) => corr(d.process(at(m, { EventID: 4625, User: 'carol' }))));
    expect(hits).toHaveLength(0);
    expect(corr(d.process(at(20, { EventID: 4625, User: 'carol' })))).toHaveLength(1); // 12, 18, 20
  });

  it('evaluates non-monotone conditions (lt) when the window closes', () => {
    const d = detector(countRule('{ lt: 2 }'));
    d.process(at(0, { EventID: 4625, User: 'dave' }));
    d.process(at(1, { EventID: 4625, User: 'erin' }));
    d.process(at(2, { EventID: 4625, User: 'erin' }));
    const closed = corr(d.process(at(11, { EventID: 4624, User: 'x' }))); // passes dave's window end (10:00)
    expect(closed.map((c) => c.group.User)).toEqual(['dave']);
    const rest = corr(d.flush());
    expect(rest).toHaveLength(0); // erin had 2
  });

  it('supports ranges (gt + lte) and reports only the correlation by default', () => {
    const d = detector(countRule('{ gt: 1, lte: 2 }'));
    const hits = [0, 1].flatMap((m) => d.process(at(m, { EventID: 4625, User: 'f' })));
    expect(hits).toHaveLength(0); // base matches are consumed by the correlation
    expect(corr(d.flush())).toHaveLength(1);
  });

  it('generate: true also reports the referenced rules', () => {
    const d = detector(countRule('{ gte: 2 }', 'generate: true'));
    expect(d.process(at(0, { EventID: 4625, User: 'g' })).map((h) => h.rule.title)).toEqual(['failed login']);
  });
});

describe('value_count, value_sum, value_avg', () => {
  const rules = (type: string, field: string, cond: string) => `
title: mass access
id: 0e95725d-7320-415d-80f7-004da920fc12
level: high
correlation:
  type: ${type}
  rules: [access]
  group-by: [user.name]
  timespan: 1h
  condition: { field: ${field}, ${cond} }
---
title: patient record read
id: 5638f7c0-ac70-491d-8465-2a65075e0d86
name: access
logsource: { product: vigie, category: patient_access }
detection:
  sel: { event.action: patient-record-read }
  condition: sel
`;
  const read = (min: number, user: string, patient: string, bytes = 0) =>
    ev({ bytes }, { '@timestamp': new Date(T0 + min * 60_000), 'event.action': 'patient-record-read', 'user.name': user, 'health.patient.pseudonym': patient });

  it('value_count counts distinct values per group', () => {
    const d = detector(rules('value_count', 'health.patient.pseudonym', 'gte: 3'));
    const out = [
      read(0, 'u1', 'P-1'),
      read(1, 'u1', 'P-1'),
      read(2, 'u1', 'P-2'),
      read(3, 'u2', 'P-3'),
      read(4, 'u1', 'P-2'),
      read(5, 'u1', 'P-3'),
    ].flatMap((e) => corr(d.process(e)));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ group: { 'user.name': 'u1' }, value: 3 });
    expect(out[0].time).toBe(T0 + 5 * 60_000);
  });

  it('value_sum and value_avg aggregate a numeric field', () => {
    const sum = detector(rules('value_sum', 'bytes', 'gt: 100'));
    expect([read(0, 'u', 'P', 60), read(1, 'u', 'P', 50)].flatMap((e) => corr(sum.process(e)))).toHaveLength(1);
    const avg = detector(rules('value_avg', 'bytes', 'gt: 100'));
    [read(0, 'u', 'P', 60), read(1, 'u', 'P', 200)].forEach((e) => avg.process(e));
    expect(corr(avg.flush())[0]).toMatchObject({ value: 130 });
  });
});

describe('temporal and temporal_ordered', () => {
  const temporal = (type: string, span = '5m') => `
title: recon then login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
level: high
correlation:
  type: ${type}
  rules: [failed_login, successful_login]
  group-by: [Computer]
  timespan: ${span}
---${base}`;

  it('temporal: all rules within the timespan, any order', () => {
    const d = detector(temporal('temporal'));
    expect(corr(d.process(at(0, { EventID: 4624, Computer: 'H1' })))).toHaveLength(0);
    expect(corr(d.process(at(1, { EventID: 4625, Computer: 'H2' })))).toHaveLength(0); // other group
    expect(corr(d.process(at(2, { EventID: 4625, Computer: 'H1' })))).toHaveLength(1);
    expect(corr(d.process(at(20, { EventID: 4625, Computer: 'H2' })))).toHaveLength(0); // 19 min after H2's success? none
  });

  it('temporal_ordered: only in the written order, within the timespan', () => {
    const d = detector(temporal('temporal_ordered'));
    expect(corr(d.process(at(0, { EventID: 4624, Computer: 'H1' })))).toHaveLength(0); // success first
    expect(corr(d.process(at(1, { EventID: 4625, Computer: 'H1' })))).toHaveLength(0); // then failure: wrong order
    expect(corr(d.process(at(3, { EventID: 4624, Computer: 'H1' })))).toHaveLength(1); // failure (1) → success (3)
    expect(corr(d.process(at(10, { EventID: 4625, Computer: 'H3' })))).toHaveLength(0);
    expect(corr(d.process(at(16, { EventID: 4624, Computer: 'H3' })))).toHaveLength(0); // 6 min > 5m
  });
});

describe('aliases and chains', () => {
  it('aliases map a group-by name to different fields per rule (spec example)', () => {
    const d = detector(`
title: error then connection back
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
level: medium
correlation:
  type: temporal
  rules: [internal_error, new_network_connection]
  group-by: [internal_ip, remote_ip]
  timespan: 10s
  aliases:
    internal_ip: { internal_error: destination.ip, new_network_connection: source.ip }
    remote_ip: { internal_error: source.ip, new_network_connection: destination.ip }
---
title: internal error
id: df0841c0-9846-4e9f-ad8a-7df91571771b
name: internal_error
logsource: { product: test }
detection: { sel: { http.response.status_code: 500 }, condition: sel }
---
title: new connection
id: 0e95725d-7320-415d-80f7-004da920fc11
name: new_network_connection
logsource: { product: test }
detection: { sel: { kind: connection }, condition: sel }
`);
    const t = (s: number) => new Date(T0 + s * 1000);
    d.process(ev({ 'http.response.status_code': 500 }, { '@timestamp': t(0), 'source.ip': '1.1.1.1', 'destination.ip': '10.0.0.5' }));
    const wrong = corr(d.process(ev({ kind: 'connection' }, { '@timestamp': t(2), 'source.ip': '10.0.0.9', 'destination.ip': '1.1.1.1' })));
    expect(wrong).toHaveLength(0);
    const hit = corr(d.process(ev({ kind: 'connection' }, { '@timestamp': t(3), 'source.ip': '10.0.0.5', 'destination.ip': '1.1.1.1' })));
    expect(hit).toHaveLength(1);
    expect(hit[0].group).toEqual({ internal_ip: '10.0.0.5', remote_ip: '1.1.1.1' });
  });

  it('a correlation of a correlation: failed logins followed by a success (spec example)', () => {
    const d = detector(`
title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
level: high
correlation:
  type: temporal_ordered
  rules: [many_failed, successful_login]
  group-by: [User]
  timespan: 10m
---${countRule('{ gte: 3 }').replace('level: high\n', '')}`);
    const out: CorrelationMatch[] = [];
    for (const [m, id] of [[0, 4625], [1, 4625], [2, 4625], [3, 4624]] as const) out.push(...corr(d.process(at(m, { EventID: id, User: 'zoe' }))));
    expect(out.map((c) => c.rule.title)).toEqual(['Correlation - Multiple Failed Logins Followed by Successful Login']);
    expect(out[0].evidence).toHaveLength(4); // three failures (through the inner correlation) and the success
    expect(out[0].group).toEqual({ User: 'zoe' });
  });
});

describe('correlation loading', () => {
  it('rejects unresolved references, cycles, value_percentile and ordered conditions', () => {
    const l = load([
      `title: dangling\nid: 11111111-1111-4111-8111-111111111111\nlevel: low\ncorrelation: { type: event_count, rules: [nope], group-by: [U], timespan: 1h, condition: { gte: 2 } }`,
      `title: c1\nid: 22222222-2222-4222-8222-222222222222\nname: c1\nlevel: low\ncorrelation: { type: event_count, rules: [c2], group-by: [U], timespan: 1h, condition: { gte: 2 } }\n---\ntitle: c2\nid: 33333333-3333-4333-8333-333333333333\nname: c2\nlevel: low\ncorrelation: { type: event_count, rules: [c1], group-by: [U], timespan: 1h, condition: { gte: 2 } }`,
      `title: pct\nid: 44444444-4444-4444-8444-444444444444\nlevel: low\ncorrelation: { type: value_percentile, rules: [failed_login], group-by: [U], timespan: 1h, condition: { field: x, lte: 1 } }\n---${base}`,
      `title: ord\nid: 55555555-5555-4555-8555-555555555555\nlevel: low\ncorrelation: { type: temporal_ordered, rules: [failed_login, successful_login], group-by: [U], timespan: 1h, condition: { gte: 1 } }\n---${base.replace(/id: ([0-9a-f-]+)/g, (_, x: string) => `id: ${x.slice(0, -1)}0`).replace(/name: (\w+)/g, 'name: $1_2').replace('failed_login_2', 'failed_login').replace('successful_login_2', 'successful_login')}`,
    ]);
    const byTitle = Object.fromEntries(l.rejected.map((r) => [r.title, r]));
    expect(byTitle.dangling).toMatchObject({ code: 'reference-unresolved', reason: expect.stringContaining('"nope"') });
    expect(byTitle.c1?.code).toBe('reference-unresolved');
    expect(byTitle.c2?.code).toBe('reference-unresolved');
    expect(byTitle.pct?.code).toBe('correlation-unsupported');
    expect(byTitle.ord?.code).toBe('correlation-unsupported');
  });

  it('keeps state bounded (maxGroups) and drops expired groups', () => {
    const d = detector(countRule('{ gte: 100 }'), { maxGroups: 10 });
    for (let i = 0; i < 50; i++) d.process(at(0, { EventID: 4625, User: `user${i}` }));
    expect(d.correlations.groupCount).toBeLessThanOrEqual(10);
    expect(d.correlations.dropped).toBe(40);
    d.process(at(30, { EventID: 4624, User: 'later' })); // 30 min later: every window expired
    expect(d.correlations.groupCount).toBe(0);
  });
});
