/**
 * Fuzz/property test of EVERY parser called with its own format (not through
 * auto-detection): on any string, and on mutations of a valid record of its
 * format, it never throws and always gives events or a known quarantine code
 * with a reason. Hangs are caught by the test runner's timeout, not by timing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createParseContext, parseRecord } from '../../../../main/ingest/registry';
import { FORMATS, QUARANTINE_CODES, type CsvMapping, type Format } from '../../../../main/ingest/types';
import { Pseudonymiser } from '../../../../main/privacy/pseudonym';

const pseudo = Pseudonymiser.fromKey(Buffer.alloc(32, 5));
const csv: CsvMapping = {
  name: 'dpi',
  delimiter: ';',
  header: true,
  columns: { '@timestamp': 'Date', 'user.name': 'Agent', 'health.patient.id': 'Patient' },
  timestampFormat: 'dd/MM/yyyy HH:mm:ss',
};
const ctx = createParseContext({ pseudonymise: (id, sys) => pseudo.pseudonymise(id, sys), receivedAt: new Date('2024-06-01T12:00:00Z'), csv });

/** One valid record per format (the mutations start from it). */
const VALID: Record<Format, string> = {
  syslog: '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event',
  cef: 'CEF:0|Security|threatmanager|1.0|100|worm stopped|10|src=10.0.0.1 dst=2.1.2.2 suser=a\\=b msg=line\\nbreak',
  leef: 'LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^usrName=joe',
  json: '{"@timestamp":"2024-01-02T03:04:05Z","event":{"action":"login","outcome":"success"},"user":{"name":"alice"},"EventID":4624}',
  fhir: '{"resourceType":"AuditEvent","type":{"code":"rest"},"action":"R","recorded":"2024-01-02T03:04:05Z","outcome":"0","agent":[{"who":{"display":"dr"},"requestor":true}],"source":{"observer":{"display":"x"}},"entity":[{"what":{"reference":"Patient/123456"}}]}',
  atna: '<AuditMessage><EventIdentification EventActionCode="R" EventDateTime="2024-01-02T03:04:05Z" EventOutcomeIndicator="0"><EventID csd-code="110110" codeSystemName="DCM" originalText="Patient Record"/></EventIdentification><ActiveParticipant UserID="dr.martin" UserIsRequestor="true"/><AuditSourceIdentification AuditSourceID="pacs"/><ParticipantObjectIdentification ParticipantObjectID="IPP998877" ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"><ParticipantObjectIDTypeCode csd-code="2" codeSystemName="RFC-3881" originalText="Patient Number"/></ParticipantObjectIdentification></AuditMessage>',
  access: '10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /dossier/1 HTTP/1.1" 200 2326 "-" "Mozilla/5.0"',
  csv: 'Date;Agent;Patient\n05/01/2026 10:00:00;dr.martin;IPP123456',
};

function sane(format: Format, record: string): boolean {
  const r = parseRecord(record, format, ctx);
  if (r.ok) return r.events.length > 0 && r.events.every((e) => typeof e['event.original'] === 'string');
  return QUARANTINE_CODES.includes(r.code) && r.reason.length > 0;
}

describe('every parser, with its own format: no crash, events or a quarantine reason', () => {
  it('the valid records parse (the mutations start from real successes)', () => {
    for (const f of FORMATS) expect(parseRecord(VALID[f], f, ctx), f).toMatchObject({ ok: true });
  });

  for (const format of FORMATS) {
    it(`${format}: any string, and mutations of a valid record`, () => {
      fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => sane(format, s)), { numRuns: 200 });
      const valid = VALID[format];
      fc.assert(
        fc.property(fc.nat(), fc.nat(), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('"', '\\', '|', '=', '<', '>', '{', '}', ']', '\n', '\u0000', '&lt;', '<!DOCTYPE x>')), (a, b, insert) => {
          const i = a % (valid.length + 1);
          const j = Math.min(valid.length, i + (b % 40));
          return sane(format, valid.slice(0, i) + insert + valid.slice(j));
        }),
        { numRuns: 300 },
      );
    });
  }
});
