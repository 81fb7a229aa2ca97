import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvParser, parseCsvDocument } from '../../../../main/ingest/parsers/csv';
import { splitCsvRecords } from '../../../../main/ingest/parsers/csv-split';
import { validateCsvMapping } from '../../../../main/ingest/parsers/csv-map';
import { DEFAULT_LIMITS, type CsvMapping, type ParseContext } from '../../../../main/ingest/types';
import { Pseudonymiser, PSEUDONYM_PATTERN } from '../../../../main/privacy/pseudonym';

const pseudo = Pseudonymiser.fromKey(Buffer.alloc(32, 7));

function context(csv?: CsvMapping): ParseContext {
  return {
    timezone: 'Europe/Paris',
    receivedAt: new Date('2024-06-01T00:00:00Z'),
    pseudonymise: (id, sys) => pseudo.pseudonymise(id, sys),
    limits: DEFAULT_LIMITS,
    embedded: () => ({ ok: false, code: 'unknown-format', reason: 'none' }),
    csv,
  };
}

/** A portal audit export, the way a French hospital application writes it. */
const PORTAL: CsvMapping = {
  name: 'Portail-Coordination',
  delimiter: ';',
  header: true,
  timestampFormat: 'dd/MM/yyyy HH:mm:ss',
  columns: {
    '@timestamp': 'Date',
    'user.name': 'Utilisateur',
    'user.roles': 'Profil',
    'event.action': 'Action',
    'event.outcome': 'Résultat',
    'health.patient.id': 'INS',
    'health.purpose_of_use': 'Motif',
    'source.ip': 'IP',
    message: 'Commentaire',
  },
  constants: { 'event.category': 'database', 'health.patient.system': 'INS-NIR', 'organization.id': '750712184' },
};

const HEADER = 'Date;Utilisateur;Profil;Action;Résultat;INS;Motif;IP;Commentaire';

describe('CSV with a saved mapping', () => {
  it('maps columns, reads the timestamp in the source zone and pseudonymises the patient', () => {
    const text = `${HEADER}\n15/07/2024 14:03:00;jdupont;médecin;patient-record-read;succès;1840975108123;ETREAT;10.2.3.4;Urgence, dossier 1840975108123\n`;
    const doc = parseCsvDocument(text, PORTAL, context());
    expect(doc.header?.[0]).toBe('Date');
    expect(doc.results).toHaveLength(1);
    const r = doc.results[0];
    expect(r.position).toBe('line 2');
    if (!r.result.ok) throw new Error(r.result.reason);
    const e = r.result.events[0];
    expect(new Date(e['@timestamp']).toISOString()).toBe('2024-07-15T12:03:00.000Z');
    expect(e['user.name']).toBe('jdupont');
    expect(e['user.roles']).toEqual(['médecin']);
    expect(e['event.action']).toBe('patient-record-read');
    expect(e['event.outcome']).toBe('success');
    expect(e['event.category']).toBe('database');
    expect(e['health.purpose_of_use']).toBe('ETREAT');
    expect(e['health.break_glass']).toBe(true);
    expect(e['source.ip']).toBe('10.2.3.4');
    const p = pseudo.pseudonymise('1840975108123', 'INS-NIR');
    expect(e['health.patient.pseudonym']).toBe(p);
    expect(e['health.patient.pseudonym']).toMatch(PSEUDONYM_PATTERN);
    // The identifier is gone everywhere, replaced by its pseudonym.
    const all = JSON.stringify(e);
    expect(all).not.toContain('1840975108123');
    expect(e['event.original']).toBe(`15/07/2024 14:03:00;jdupont;médecin;patient-record-read;succès;${p};ETREAT;10.2.3.4;Urgence, dossier ${p}`);
    expect(e.message).toBe(`Urgence, dossier ${p}`);
    expect(e.attributes).toMatchObject({ 'organization.id': '750712184', 'health.patient.system': 'INS-NIR' });
    // The raw record stays available for quarantine (raw bytes), not in the event.
    expect(r.raw).toContain('1840975108123');
  });

  it('replaces a short identifier only where it is a whole cell (never inside dates or counters)', () => {
    const mapping: CsvMapping = {
      name: 'ipp',
      header: false,
      columns: { '@timestamp': 0, 'health.patient.id': 1, message: 2, 'http.response.body.bytes': 3 },
    };
    const text = '2024-07-15T14:42:00Z,42,"dossier 42 lu",420\n2024-07-15T14:42:01Z, "42" ,42,1\n';
    const doc = parseCsvDocument(text, mapping, context());
    const p = pseudo.pseudonymise('42');
    const [a, b] = doc.results.map((r) => (r.result.ok ? r.result.events[0] : null));
    expect(a?.['event.original']).toBe(`2024-07-15T14:42:00Z,${p},"dossier 42 lu",420`);
    expect(a?.attributes?.['http.response.body.bytes']).toBe('420');
    expect(b?.['event.original']).toBe(`2024-07-15T14:42:01Z, "${p}" ,${p},1`);
    expect(b?.message).toBe(p);
  });

  it('reads quoted fields with delimiters, escaped quotes and embedded newlines, with line positions', () => {
    const mapping: CsvMapping = { name: 'pacs', header: true, columns: { '@timestamp': 'ts', message: 'msg', 'user.name': 'who' } };
    const text = [
      'ts,who,msg',
      '2024-01-02T03:04:05Z,alice,"a, b"',
      '2024-01-02T03:04:06Z,"bob ""the builder""","line one',
      'line two"',
      '2024-01-02 03:04:07,carol,plain',
      '',
    ].join('\r\n');
    const doc = parseCsvDocument(text, mapping, context());
    expect(doc.results.map((r) => r.position)).toEqual(['line 2', 'lines 3-4', 'line 5']);
    const events = doc.results.map((r) => (r.result.ok ? r.result.events[0] : null));
    expect(events[0]?.message).toBe('a, b');
    expect(events[1]?.['user.name']).toBe('bob "the builder"');
    expect(events[1]?.message).toBe('line one\r\nline two');
    expect(events[1]?.['event.original']).toBe('2024-01-02T03:04:06Z,"bob ""the builder""","line one\r\nline two"');
    expect(new Date(events[2]?.['@timestamp'] ?? 0).toISOString()).toBe('2024-01-02T02:04:07.000Z'); // SQL, Paris
    expect(events[0]?.['event.dataset']).toBe('csv.pacs');
    expect(events[0]?.['service.name']).toBe('pacs');
  });

  it('quarantines a record with a missing column as missing-field, and goes on', () => {
    const text = `${HEADER}\n15/07/2024 14:03:00;jdupont;médecin\n16/07/2024 09:00:00;amartin;infirmier;patient-record-read;échec;;TREAT;10.0.0.1;\n`;
    const doc = parseCsvDocument(text, PORTAL, context());
    expect(doc.results).toHaveLength(2);
    const [bad, good] = doc.results;
    expect(bad.result).toMatchObject({ ok: false, code: 'missing-field' });
    if (!bad.result.ok) expect(bad.result.reason).toMatch(/record 1 \(line 2\): 3 field\(s\), column #3/);
    expect(good.result.ok).toBe(true);
    if (good.result.ok) {
      expect(good.result.events[0]['event.outcome']).toBe('failure');
      expect(good.result.events[0]['health.patient.pseudonym']).toBeNull();
      expect(good.result.events[0]['health.break_glass']).toBeUndefined();
    }
  });

  it('fails every record with missing-field when a mapped column is not in the header', () => {
    const text = 'Date;Utilisateur\n15/07/2024 14:03:00;x\n15/07/2024 14:04:00;y\n';
    const doc = parseCsvDocument(text, PORTAL, context());
    expect(doc.results.map((r) => (r.result.ok ? 'ok' : r.result.code))).toEqual(['missing-field', 'missing-field']);
    if (!doc.results[0].result.ok) expect(doc.results[0].result.reason).toMatch(/"Profil" \(for user\.roles\) is not in the header/);
  });

  it('reports bad timestamps as invalid-timestamp without quoting the cell', () => {
    const text = `${HEADER}\n2024-07-15 14:03;jdupont;médecin;read;ok;;;10.0.0.1;x\n`;
    const r = parseCsvDocument(text, PORTAL, context()).results[0].result;
    expect(r).toMatchObject({ ok: false, code: 'invalid-timestamp' });
    if (!r.ok) expect(r.reason).toContain('dd/MM/yyyy HH:mm:ss');
  });

  it('contains an unclosed quote to its own line and keeps the following records', () => {
    const mapping: CsvMapping = { name: 'x', header: false, columns: { '@timestamp': 0, message: 1 } };
    const text = '2024-01-01T00:00:00Z,ok\n2024-01-01T00:00:01Z,"never closed\n2024-01-01T00:00:02Z,after\n';
    const doc = parseCsvDocument(text, mapping, context());
    expect(doc.results.map((r) => [r.position, r.result.ok ? 'ok' : r.result.code])).toEqual([
      ['line 1', 'ok'],
      ['line 2', 'unparseable'],
      ['line 3', 'ok'],
    ]);
  });

  it('uses 0-based indexes without a header, and constants for absent fields', () => {
    const mapping: CsvMapping = {
      name: 'ror',
      header: false,
      delimiter: '\t',
      columns: { '@timestamp': 0, 'user.id': 2, 'event.severity': 1 },
      constants: { 'service.name': 'ROR', 'event.action': 'directory-read' },
    };
    const r = csvParser.parse('1721052180\thigh\t810001234567\n', context(mapping));
    if (!r.ok) throw new Error(r.reason);
    expect(r.events[0]).toMatchObject({
      'user.id': '810001234567',
      'event.severity': 'high',
      'service.name': 'ROR',
      'event.action': 'directory-read',
    });
    expect(new Date(r.events[0]['@timestamp']).toISOString()).toBe('2024-07-15T14:03:00.000Z');
  });

  it('explains that a mapping is needed, and rejects unusable mappings', () => {
    const r = csvParser.parse('a,b,c\n1,2,3', context());
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.reason).toMatch(/mapping/);
    expect(csvParser.sniff('a,b,c')).toBe(0);
    expect(validateCsvMapping({ name: 'x', header: false, columns: { 'user.name': 0 } })).toMatch(/@timestamp/);
    expect(validateCsvMapping({ name: 'x', header: false, columns: { '@timestamp': 'Date' } })).toMatch(/no header/);
    expect(validateCsvMapping({ name: 'x', header: true, columns: { '@timestamp': 0, 'health.patient.pseudonym': 1 } })).toMatch(
      /health\.patient\.id/,
    );
    expect(validateCsvMapping({ name: 'x', header: true, delimiter: '"', columns: { '@timestamp': 0 } })).toMatch(/delimiter/);
    expect(validateCsvMapping(PORTAL)).toBeNull();
    const doc = parseCsvDocument('a\n1\n', { name: 'bad', header: false, columns: {} }, context());
    expect(doc.results.every((x) => !x.result.ok && x.result.code === 'missing-field')).toBe(true);
  });

  it('returns empty for a header-only text through the Parser interface', () => {
    expect(csvParser.parse(`${HEADER}\n`, context(PORTAL))).toMatchObject({ ok: false, code: 'empty' });
  });
});

describe('CSV — properties', () => {
  const mapping: CsvMapping = { name: 'p', header: true, columns: { '@timestamp': 'ts', message: 'm', 'health.patient.id': 'pid' } };
  const cell = fc.string({ maxLength: 30 });
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

  it('round-trips any quoted cells (commas, quotes, newlines) and never leaks the patient identifier', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, fc.stringMatching(/^[0-9]{13}$/)), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const text = ['ts,m,pid', ...rows.map(([m, pid]) => `2024-01-01T00:00:00Z,${quote(m)},${pid}`)].join('\n');
          const doc = parseCsvDocument(text, mapping, context());
          expect(doc.results).toHaveLength(rows.length);
          doc.results.forEach((r, i) => {
            if (!r.result.ok) throw new Error(r.result.reason);
            const e = r.result.events[0];
            const [m, pid] = rows[i];
            if (!m.includes(pid)) expect(e.message).toBe(m.trim() === '' ? 'p : csv-record' : m.trim());
            expect(JSON.stringify(e)).not.toContain(pid);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary text: every non-blank record is an event or a reason', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const doc = parseCsvDocument(text, mapping, context());
        for (const r of doc.results) {
          if (!r.result.ok) expect(r.result.reason.length).toBeGreaterThan(0);
        }
        const chunks = [...splitCsvRecords(text, ',', 1 << 20)];
        return chunks.length >= doc.results.length;
      }),
      { numRuns: 500 },
    );
  });

  it('is linear on hostile quoting', () => {
    const t0 = performance.now();
    parseCsvDocument(`ts,m,pid\n${'"'.repeat(200_000)}\n${'a,"'.repeat(50_000)}`, mapping, context());
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
