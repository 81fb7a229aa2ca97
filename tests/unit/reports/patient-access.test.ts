import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, loadDemo } from '../../../main/demo/generate';
import { INS_SYSTEM } from '../../../main/demo/people';
import type { Scenarios } from '../../../main/demo/scenarios';
import type { NormalizedEvent } from '../../../main/events/types';
import { writeEvents } from '../../../main/events/writer';
import { Pseudonymiser } from '../../../main/privacy/pseudonym';
import { patientAccessReport, reportWindow } from '../../../main/reports/patient-access';
import { patientAccessPdf } from '../../../main/reports/patient-access-pdf';
import type { Db } from '../../../main/store/db';
import { makeEvent } from '../events/factory';
import { openTempVault } from '../events/vault-fixture';
import { pdfStreams, pdfText } from './pdf-text';

const NOW = new Date('2026-03-18T15:20:00Z');
let db: Db;
let dispose: () => Promise<void>;
let scenarios: Scenarios;
let patients: { identifier: string; pseudonym: string }[];
const ctx = { now: NOW.getTime(), operator: 'Camille Martin (DPO)' };

beforeAll(async () => {
  ({ db, dispose } = await openTempVault());
  await loadDemo(db, { seed: 2026, days: 14, now: NOW });
  const data = generateDemo({ seed: 2026, days: 14, now: NOW }, await Pseudonymiser.fromDb(db));
  scenarios = data.scenarios;
  patients = data.patients;
}, 120_000);
afterAll(async () => dispose());

const idsOf = async (pseudonym: string, from: number, to: number) =>
  (await db.all<{ id: number }>('SELECT id FROM events WHERE patient = ? AND ts >= ? AND ts < ? ORDER BY ts, id', [pseudonym, from, to])).map((r) => r.id);

describe('patientAccessReport', () => {
  it('covers 6 rolling months (Paris calendar) ending now', () => {
    const w = reportWindow(6, undefined, NOW.getTime());
    // 18/03/2026 16:20 Paris (UTC+1) minus 6 months = 18/09/2025 16:20 Paris (UTC+2).
    expect(new Date(w.from).toISOString()).toBe('2025-09-18T14:20:00.000Z');
    expect(w.to).toBe(NOW.getTime());
  });

  it('returns exactly the accesses of that pseudonym in the window, oldest first', async () => {
    const urgent = scenarios.events.breakGlass[0]['health.patient.pseudonym']!;
    const { from, to } = reportWindow(6, undefined, NOW.getTime());
    // One access just inside the window and one just before it.
    const edge = (ts: number, n: number): NormalizedEvent =>
      makeEvent(n, { '@timestamp': new Date(ts), 'health.patient.pseudonym': urgent, 'service.name': 'PACS', 'event.action': 'study-retrieve' });
    await writeEvents(db, [edge(from, 9001), edge(from - 1, 9002)]);

    const r = await patientAccessReport(db, { patient: urgent, months: 6 }, ctx);
    expect(r.pseudonym).toBe(urgent);
    expect(r.rows.map((x) => x.id)).toEqual(await idsOf(urgent, from, to));
    expect(r.rows[0].at).toBe(new Date(from).toISOString());
    expect(r.rows.length).toBeGreaterThanOrEqual(3);
    expect(r.truncated).toBe(false);
    const bg = r.rows.filter((x) => x.breakGlass);
    expect(bg.length).toBeGreaterThanOrEqual(2);
    expect(bg.every((x) => x.purpose === 'ETREAT' && x.user === scenarios.actors.emergency.login)).toBe(true);
    expect(r.summary).toMatchObject({ total: r.rows.length, breakGlass: bg.length });
    expect(r.summary.byService.reduce((s, b) => s + b.count, 0)).toBe(r.rows.length);
    expect(r.summary.night).toBe(r.rows.filter((x) => x.night).length);
    expect(r.rows[1]).toMatchObject({ service: expect.any(String), action: expect.any(String), outcome: expect.any(String) });
    expect(r).toMatchObject({ months: 6, operator: ctx.operator, generatedAt: NOW.toISOString() });

    // A shorter window leaves the old access out.
    const recent = await patientAccessReport(db, { patient: urgent, months: 1 }, ctx);
    expect(recent.rows.map((x) => x.id)).toEqual(await idsOf(urgent, reportWindow(1, undefined, NOW.getTime()).from, to));
    expect(recent.rows.length).toBe(r.rows.length - 1);
  });

  it('pseudonymises an identifier + system with the vault key', async () => {
    const reader = scenarios.events.nightReading[0]['health.patient.pseudonym']!;
    const patient = patients.find((p) => p.pseudonym === reader)!;
    const byId = await patientAccessReport(db, { patient: { identifier: ` ${patient.identifier} `, system: INS_SYSTEM }, months: 6 }, ctx);
    const byPseudonym = await patientAccessReport(db, { patient: reader, months: 6 }, ctx);
    expect(byId.pseudonym).toBe(reader);
    expect(byId.rows).toEqual(byPseudonym.rows);
    expect(byId.rows.some((x) => x.user === scenarios.actors.nightReader.login && x.night)).toBe(true);
    expect(JSON.stringify(byId)).not.toContain(patient.identifier);
    // Another system is another pseudonym (no accesses).
    const other = await patientAccessReport(db, { patient: { identifier: patient.identifier, system: 'IPP' }, months: 6 }, ctx);
    expect(other.pseudonym).not.toBe(reader);
    expect(other.rows).toEqual([]);
  });
});

describe('patientAccessPdf', () => {
  it('is a valid French PDF with the pseudonym, the period, break-glass highlighted and page numbers', async () => {
    const urgent = scenarios.events.breakGlass[0]['health.patient.pseudonym']!;
    const report = await patientAccessReport(db, { patient: urgent, months: 6 }, ctx);
    const out = await patientAccessPdf(report);
    const pdf = Buffer.from(out.base64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(out).toMatchObject({ mime: 'application/pdf', pseudonym: urgent, rows: report.rows.length, pages: 1 });
    expect(out.filename).toBe(`acces-dossier-${urgent}-2026-03-18.pdf`);
    const { text } = pdfText(pdf);
    for (const s of ['Rapport des accès au dossier', urgent, 'Période', '18/09/2025 16:20', '18/03/2026 16:20', 'Camille Martin (DPO)',
      'Bris de glace', 'OUI', 'Urgence (bris de glace)', scenarios.actors.emergency.login, 'Page 1 / 1']) {
      expect(text).toContain(s);
    }
    // Break-glass rows are filled with the highlight colour (#fde2e1).
    expect(pdfStreams(pdf).join('\n')).toMatch(/0\.99\d* 0\.88\d* 0\.88\d* (rg|scn)/);
  });

  it('paginates long reports and says when there is nothing', async () => {
    const p = Pseudonymiser.fromKey(Buffer.alloc(32, 3)).pseudonymise('1 84 09 75 108 123', INS_SYSTEM);
    const events = Array.from({ length: 120 }, (_, i) =>
      makeEvent(20_000 + i, { '@timestamp': new Date(NOW.getTime() - (i + 1) * 3_600_000), 'health.patient.pseudonym': p, 'event.action': 'patient-record-read' }));
    await writeEvents(db, events);
    const out = await patientAccessPdf(await patientAccessReport(db, { patient: p, months: 6 }, ctx));
    expect(out.rows).toBe(120);
    expect(out.pages).toBeGreaterThanOrEqual(3);
    const { text } = pdfText(Buffer.from(out.base64, 'base64'));
    expect(text).toContain(`Page ${out.pages} / ${out.pages}`);
    expect(text).toContain('Consultation du dossier');

    const none = await patientAccessPdf(await patientAccessReport(db, { patient: 'P-AAAAAAAAAAAAAAAA', months: 6 }, ctx));
    expect(none).toMatchObject({ rows: 0, pages: 1 });
    expect(pdfText(Buffer.from(none.base64, 'base64')).text).toContain('Aucun accès enregistré sur la période.');
  });
});
