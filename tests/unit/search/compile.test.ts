import { describe, expect, it } from 'vitest';
import { compileQuery, spellingKey, type CompiledQuery } from '../../../main/search/compile';
import { QuerySyntaxError } from '../../../main/search/errors';
import { parseQuery } from '../../../main/search/parser';
import { parseTime } from '../../../main/search/time';
import { cidrPatterns, ftsTerm, likePattern } from '../../../main/search/values';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const c = (q: string, timeZone = 'UTC'): CompiledQuery => compileQuery(parseQuery(q), { now: NOW, timeZone });

function compileError(q: string): QuerySyntaxError {
  try {
    c(q);
  } catch (e) {
    if (e instanceof QuerySyntaxError) return e;
    throw e;
  }
  throw new Error(`expected an error for ${q}`);
}

describe('parameterised SQL', () => {
  it('never puts user text into the SQL: values are bound parameters', () => {
    const attacks = [
      `user.name:"x' OR 1=1 --"`,
      `host:"a\\"); DROP TABLE events; --"`,
      `attributes.organization.id:"'; DELETE FROM events; --"`,
      `service:x'y OR service:*' OR '1'='1*`,
      `ip:"1.2.3.4' UNION SELECT * FROM settings --"`,
    ];
    for (const q of attacks) {
      const r = c(q);
      const sql = r.where.replaceAll("ESCAPE '\\'", '');
      for (const bad of ["'", 'DROP', 'DELETE', 'UNION', '1=1', 'settings']) expect(sql).not.toContain(bad);
      expect(r.params.length).toBeGreaterThan(0);
    }
    expect(c(`user.name:"x' OR 1=1 --"`)).toMatchObject({
      where: 'user_name = ? COLLATE NOCASE',
      params: ["x' OR 1=1 --"],
      // The FTS pre-selection: a quoted string, a column filter, nothing else.
      fts: `user_name : "x' OR 1=1 --"`,
    });
  });

  it('free text becomes quoted FTS5 strings: operators typed by the user are searched for, not run', () => {
    expect(c('connexion réussie').fts).toBe('("connexion") AND ("réussie")');
    expect(c('"a" OR NEAR(b c) x*').fts).toBe('("a") OR (("NEAR") AND (("b") AND ("c")) AND ("x" *))');
    expect(c('"say \\"hi\\" ^col: NOT *"').fts).toBe('"say ""hi"" ^col: NOT *"');
    expect(c('message:"échec" -ok').fts).toBe('(message : "échec") NOT ("ok")');
    expect(ftsTerm([{ kind: 'lit', text: 'dr.mar' }, { kind: 'star' }])).toBe('"dr.mar" *');
    // Nothing an FTS index can look up, or a wildcard it cannot do: LIKE over the indexed columns instead.
    expect(ftsTerm([{ kind: 'star' }, { kind: 'lit', text: 'mar' }])).toBeNull();
    expect(ftsTerm([{ kind: 'lit', text: '--' }])).toBeNull();
    const like = c('*artin');
    expect(like.fts).toBeNull();
    expect(like.where).toMatch(/^\(message LIKE \? ESCAPE '\\' OR user_name LIKE/);
    expect(like.params).toEqual(Array(7).fill('%%artin%'));
  });

  it('free text under OR with a field condition stays a subquery on the FTS index', () => {
    const r = c('pacs OR user:bob');
    expect(r.fts).toBeNull();
    expect(r.where).toBe('(id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?) OR user_name = ? COLLATE NOCASE)');
    expect(r.params).toEqual(['"pacs"', 'bob']);
  });

  it('values of user.name, event.action and health.object are pre-selected through the FTS index, decided by SQL', () => {
    expect(c('user:Dr.Martin connexion')).toMatchObject({
      fts: '(user_name : "Dr.Martin") AND ("connexion")',
      where: 'user_name = ? COLLATE NOCASE',
      params: ['Dr.Martin'],
    });
    expect(c('action:patient-record-export object:DocumentReference*').fts).toBe(
      '(action : "patient-record-export") AND (object : "DocumentReference" *)',
    );
    // Hosts are few and dense, addresses have their own index, pseudonyms too: no pre-selection.
    expect(c('host:pacs* ip:10.38.4.12 patient:P-ABCDEFGHIJKLMNOP').fts).toBeNull();
    expect(c('action:*export').fts).toBeNull();
    expect(c('user:alice OR user:bob').fts).toBeNull();
    expect(c('-user:alice').fts).toBeNull();
  });

  it('exact user/service values use the spellings found in the vault (binary index, case-insensitive)', () => {
    const spellings = new Map([
      [spellingKey('user_name', 'DR.MARTIN'), ['dr.martin']],
      [spellingKey('user_name', 'bob'), ['bob', 'Bob']],
      [spellingKey('user_name', 'nobody'), []],
    ]);
    const r = compileQuery(parseQuery('user:DR.MARTIN (user:bob OR -user:nobody)'), { now: NOW, spellings });
    expect(r.where).toBe('user_name = ? AND (user_name IN (?, ?) OR ((0) IS NOT 1))');
    expect(r.params).toEqual(['dr.martin', 'bob', 'Bob']);
    expect(r.fts).toBeNull();
  });

  it('NOT is NULL-safe (events without the field are kept)', () => {
    expect(c('NOT user:bob').where).toBe('((user_name = ? COLLATE NOCASE) IS NOT 1)');
  });

  it('wildcards in values become escaped LIKE patterns', () => {
    expect(likePattern([{ kind: 'lit', text: '50%_a\\' }, { kind: 'star' }, { kind: 'qmark' }])).toBe('50\\%\\_a\\\\%_');
    expect(c('host:pacs-?1*')).toMatchObject({ where: "host LIKE ? ESCAPE '\\'", params: ['pacs-_1%'] });
  });

  it('typed fields: severity names (English/French), booleans, integers, pseudonyms upper-cased', () => {
    expect(c('severity:élevée')).toMatchObject({ where: 'severity = ?', params: [3] });
    expect(c('event.severity:>=medium')).toMatchObject({ where: 'severity >= ?', params: [2] });
    expect(c('severity:[low TO high}')).toMatchObject({ where: '(severity >= ? AND severity < ?)', params: [1, 3] });
    expect(c('break_glass:oui')).toMatchObject({ where: 'break_glass = ?', params: [1] });
    expect(c('id:42')).toMatchObject({ where: 'id = ?', params: [42] });
    expect(c('patient:p-abcdefghijklmnop')).toMatchObject({ where: 'patient = ?', params: ['P-ABCDEFGHIJKLMNOP'] });
    expect(c('role:Médecin').params).toEqual([',médecin,']);
  });

  it('source.ip accepts IPv4 CIDR blocks', () => {
    // Ranges on the binary (source_ip, ts) index.
    expect(c('ip:10.38.0.0/16')).toMatchObject({ where: '(source_ip >= ? AND source_ip < ?)', params: ['10.38.', '10.38/'] });
    expect(c('ip:10.38.4.12')).toMatchObject({ where: 'source_ip = ?', params: ['10.38.4.12'] });
    expect(c('destination.ip:FE80\\:\\:*')).toMatchObject({
      where: "(dest_ip >= ? AND dest_ip < ? AND dest_ip LIKE ? ESCAPE '\\')",
      params: ['fe80::', 'fe80:;', 'fe80::%'],
    });
    expect(c('ip:*.12')).toMatchObject({ where: "(source_ip LIKE ? ESCAPE '\\')", params: ['%.12'] });
    expect(cidrPatterns('10.38.16.0/20')?.prefixes).toHaveLength(16);
    expect(cidrPatterns('10.38.16.0/20')?.prefixes[15]).toBe('10.38.31.');
    expect(cidrPatterns('10.0.0.9/30')).toEqual({ exact: ['10.0.0.8', '10.0.0.9', '10.0.0.10', '10.0.0.11'], prefixes: [] });
    expect(cidrPatterns('10.0.0.1/33')).toBeUndefined();
  });

  it('attributes.<key> reads the JSON attributes with the path bound as a parameter', () => {
    expect(c('attributes.organization.id:260018731')).toMatchObject({
      where: 'CAST(json_extract(attrs, ?) AS TEXT) = ? COLLATE NOCASE',
      params: ['$."organization.id"', '260018731'],
    });
    expect(c('attributes.export.records:>100')).toMatchObject({
      where: "(json_type(attrs, ?) IN ('integer', 'real') AND json_extract(attrs, ?) > ?)",
      params: ['$."export.records"', '$."export.records"', 100],
    });
    expect(c('_exists_:attributes.dicom.study')).toMatchObject({ where: 'json_type(attrs, ?) IS NOT NULL' });
  });

  it('top-level @timestamp conditions become the window (Elasticsearch rounding of date bounds)', () => {
    const day = (iso: string) => Date.parse(iso);
    expect(c('@timestamp:[2026-11-01 TO 2026-11-02]').window).toEqual({ from: day('2026-11-01T00:00Z'), to: day('2026-11-03T00:00Z') });
    expect(c('@timestamp:{2026-11-01 TO 2026-11-02}').window).toEqual({ from: day('2026-11-02T00:00Z'), to: day('2026-11-02T00:00Z') });
    expect(c('@timestamp:[2026-11-01 TO 2026-11-02]', 'Europe/Paris').window.from).toBe(day('2026-10-31T23:00Z'));
    expect(c('@timestamp:>=now-15m').window).toEqual({ from: NOW - 15 * 60_000, to: Infinity });
    expect(c('timestamp:2026-11-05 user:x')).toMatchObject({
      window: { from: day('2026-11-05T00:00Z'), to: day('2026-11-06T00:00Z') },
      where: 'user_name = ? COLLATE NOCASE',
    });
    // Not at the top level: an ordinary condition.
    expect(c('user:x OR @timestamp:<now-1d').where).toBe('(user_name = ? COLLATE NOCASE OR ts < ?)');
  });

  it('knows when the rollup can answer (service/severity/outcome only)', () => {
    expect(c('service:PACS severity:>=high -outcome:success category:authentication').rollup).toBe(true);
    expect(c('').rollup).toBe(true);
    expect(c('service:PACS user:x').rollup).toBe(false);
    expect(c('service:PACS pacs').rollup).toBe(false);
  });
});

describe('semantic errors carry positions too', () => {
  it.each([
    ['colour:red', 0, ['field'], /champ inconnu « colour »/],
    ['user:x OR nope:1', 10, ['field'], /champ inconnu « nope »/],
    ['severity:urgent', 9, ['severity'], /sévérité attendue/],
    ['id:abc', 3, ['number'], /nombre entier attendu/],
    ['break_glass:peut-être', 12, ['boolean'], /booléen attendu/],
    ['@timestamp:[hier TO now]', 12, ['date'], /date attendue/],
    ['id:4*', 3, ['number'], /jokers/],
    ['message:[a TO b]', 9, ['value'], /pas d’intervalle/],
    ['_exists_:us*', 9, ['field'], /nom de champ attendu/],
  ] as const)('%s', (q, position, expected, message) => {
    const e = compileError(q);
    expect(e.position).toBe(position);
    expect(e.expected).toEqual(expected);
    expect(e.message).toMatch(message);
  });
});

describe('time values', () => {
  it('absolute at any precision, in the given zone or with an offset', () => {
    expect(parseTime('2026-11-01', NOW, 'UTC')).toEqual({ start: Date.parse('2026-11-01T00:00Z'), end: Date.parse('2026-11-02T00:00Z') });
    expect(parseTime('2026-11', NOW, 'UTC')?.end).toBe(Date.parse('2026-12-01T00:00Z'));
    expect(parseTime('2026-11-01T08:30', NOW, 'Europe/Paris')?.start).toBe(Date.parse('2026-11-01T07:30Z'));
    expect(parseTime('2026-11-01T08:30:15.5+02:00', NOW)?.start).toBe(Date.parse('2026-11-01T06:30:15.500Z'));
    expect(parseTime('2026-11-01T08:30Z', NOW)?.start).toBe(Date.parse('2026-11-01T08:30Z'));
    expect(parseTime('1793487600000', NOW)?.start).toBe(1793487600000);
    expect(parseTime('2026-13-01', NOW)).toBeUndefined();
    expect(parseTime('yesterday', NOW)).toBeUndefined();
  });

  it('date math relative to now, with rounding', () => {
    expect(parseTime('now', NOW)?.start).toBe(NOW);
    expect(parseTime('now-15m', NOW)?.start).toBe(NOW - 15 * 60_000);
    expect(parseTime('now-7d+2h', NOW)?.start).toBe(NOW - 7 * 86_400_000 + 2 * 3_600_000);
    expect(parseTime('now-1d/d', NOW, 'UTC')).toEqual({ start: Date.parse('2026-11-19T00:00Z'), end: Date.parse('2026-11-20T00:00Z') });
    expect(parseTime('now/d', NOW, 'Europe/Paris')?.start).toBe(Date.parse('2026-11-19T23:00Z'));
    expect(parseTime('now-1M', NOW, 'UTC')?.start).toBe(Date.parse('2026-10-20T10:00Z'));
  });
});
