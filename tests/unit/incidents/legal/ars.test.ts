import { describe, expect, it } from 'vitest';
import { getArs, qualifyIncident, updateArs } from '../../../../main/incidents/legal/ars';
import { buildArsDraft, TO_COMPLETE } from '../../../../main/incidents/legal/ars-draft';
import { ARS_CRITERIA } from '../../../../main/incidents/legal/criteria';
import { listLegalHistory } from '../../../../main/incidents/legal/history';
import { qualify } from '../../../../main/incidents/legal/qualify';
import { loadSnapshot } from '../../../../main/incidents/export/snapshot';
import { HOUR, insertIncident, legalVault, T0 } from './fixture';
import { pdfPageCount, pdfTextOf } from '../export/pdf-text';

describe('qualification (CSP art. D. 1111-16-2)', () => {
  it('every criterion cites its source; context questions are not criteria', () => {
    expect(ARS_CRITERIA.map((c) => c.id)).toEqual([
      'exceptional', 'careSafety', 'healthData', 'operations', 'healthSystem', 'otherStructures', 'malicious', 'personalData',
    ]);
    for (const c of ARS_CRITERIA) expect(c.source).toMatch(c.effect === 'context' ? /arrêté|RGPD/ : /D\. 1111-16-2/);
    expect(ARS_CRITERIA.filter((c) => c.effect === 'significatif').map((c) => c.id)).toEqual(['healthSystem', 'otherStructures']);
  });

  it('nothing → aucun (complete only when every decree question is answered)', () => {
    const none = { exceptional: false, careSafety: false, healthData: false, operations: false, healthSystem: false, otherStructures: false };
    expect(qualify(none)).toMatchObject({ level: 'aucun', toDeclare: false, complete: true, met: [] });
    expect(qualify({ careSafety: false })).toMatchObject({ level: 'aucun', complete: false });
  });

  it('one listed consequence is enough for grave; an exceptional situation alone too', () => {
    const r = qualify({ healthData: true, healthSystem: false, otherStructures: false });
    expect(r).toMatchObject({ level: 'grave', toDeclare: true, complete: true, met: ['healthData'] });
    expect(r.rationale.join(' ')).toMatch(/données de santé.*2e tiret/);
    expect(r.rationale.join(' ')).toMatch(/L\. 1111-8-2/);
    expect(qualify({ exceptional: true })).toMatchObject({ level: 'grave', complete: false });
  });

  it('significatif: grave with a territorial impact or likely to touch other structures (III)', () => {
    expect(qualify({ operations: true, otherStructures: true }).level).toBe('significatif');
    expect(qualify({ healthSystem: true }).level).toBe('significatif');
    expect(qualify({ healthSystem: true }).rationale.join(' ')).toMatch(/III/);
  });

  it('context answers add rationale but never change the level', () => {
    const r = qualify({ malicious: true, personalData: true, exceptional: false, careSafety: false, healthData: false, operations: false, healthSystem: false, otherStructures: false });
    expect(r.level).toBe('aucun');
    expect(r.rationale.join(' ')).toMatch(/malveillante/);
    expect(r.rationale.join(' ')).toMatch(/CNIL sous 72 h/);
  });
});

describe('ARS declaration record', () => {
  it('qualifies, records the declaration and keeps a history', async () => {
    const db = await legalVault();
    const id = await insertIncident(db, { finess: '260018734', structure: 'CH de Montélimar' });
    expect(await getArs(db, id)).toBeNull();

    const q = await qualifyIncident(db, id, { careSafety: true, operations: true, healthSystem: false, otherStructures: false, malicious: true }, 'rssi.dupont', T0 + HOUR);
    expect(q.qualification?.level).toBe('grave');
    expect(q.discoveredAt).toBe(new Date(T0).toISOString()); // defaults to the incident's creation
    expect(q.clock).toMatchObject({ status: 'pending', elapsedMs: HOUR, dueAt: null });

    // Discovery corrected (Paris 08:30 = 07:30 UTC), declaration made 3 h later.
    const d = await updateArs(db, { incidentId: id, discoveredAt: '2026-03-28T08:30:00+01:00', declaredAt: '2026-03-28T11:30:00+01:00', reference: 'SIG-2026-0042' }, 'rssi.dupont', T0 + 5 * HOUR);
    expect(d).toMatchObject({ declaredBy: 'rssi.dupont', reference: 'SIG-2026-0042' });
    expect(d.clock).toMatchObject({ status: 'done', elapsedMs: 3 * HOUR, doneAtParis: '28/03/2026 11:30 (UTC+1)' });

    await expect(updateArs(db, { incidentId: id, declaredAt: '2026-03-28T07:00:00+01:00' }, 'x', T0 + 6 * HOUR)).rejects.toThrow(/précéder la découverte/);
    await expect(updateArs(db, { incidentId: id, discoveredAt: '2027-01-01T00:00:00Z' }, 'x', T0 + 6 * HOUR)).rejects.toThrow(/futur/);

    const history = await listLegalHistory(db, id, 'ars');
    expect(history.map((h) => h.field)).toEqual([
      'created', 'answer.careSafety', 'answer.operations', 'answer.healthSystem', 'answer.otherStructures', 'answer.malicious',
      'qualification', 'discoveredAt', 'declaredAt', 'declaredBy', 'reference',
    ]);
    const incidentHistory = await db.all<{ field: string; to_value: string }>("SELECT field, to_value FROM incident_history WHERE field LIKE 'ars.%' ORDER BY id");
    expect(incidentHistory).toEqual([
      { field: 'ars.qualification', to_value: 'grave' },
      { field: 'ars.declared', to_value: '2026-03-28T10:30:00.000Z' },
    ]);
    // Same answers again: nothing written.
    const before = (await listLegalHistory(db, id)).length;
    await qualifyIncident(db, id, { careSafety: true }, 'rssi.dupont', T0 + 7 * HOUR);
    expect((await listLegalHistory(db, id)).length).toBe(before);
    await expect(db.run('DELETE FROM ars_declarations')).rejects.toThrow(/never deleted/);
  });

  it('"aucun" stops the clock; a missing incident is NOT_FOUND', async () => {
    const db = await legalVault();
    const id = await insertIncident(db);
    const r = await qualifyIncident(db, id, { exceptional: false, careSafety: false, healthData: false, operations: false, healthSystem: false, otherStructures: false }, 'a', T0 + 30 * HOUR);
    expect(r.clock.status).toBe('not_required');
    await expect(getArs(db, 999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('ARS draft (four blocks, text and PDF)', () => {
  it('pre-fills from the incident and the form, marks what is missing', async () => {
    const db = await legalVault();
    const id = await insertIncident(db, { finess: '260018734', structure: 'CH de Montélimar' });
    await db.run("INSERT INTO incident_services (incident_id, service) VALUES (?, 'PACS'), (?, 'MSSanté')", [id, id]);
    await qualifyIncident(db, id, { healthData: true, otherStructures: true, malicious: true, careSafety: false }, 'rssi.dupont', T0 + HOUR);
    await updateArs(db, { incidentId: id, form: { declarant: { name: 'Claire Dupont', role: 'RSSI' }, causes: 'Hameçonnage d’un compte VPN sans MFA.' } }, 'rssi.dupont', T0 + 2 * HOUR);
    const draft = await buildArsDraft(await loadSnapshot(db, id, T0 + 3 * HOUR), T0 + 3 * HOUR, 'rssi.dupont');

    expect(draft.blocks.map((b) => `${b.number}. ${b.title}`)).toEqual([
      '1. Structure et déclarant', '2. Description de l’incident', '3. Impacts', '4. Causes',
    ]);
    const field = (n: number, label: string) => draft.blocks[n - 1].fields.find((f) => f.label === label)?.value;
    expect(field(1, 'Structure')).toBe('CH de Montélimar');
    expect(field(1, 'N° FINESS')).toBe('260018734');
    expect(field(1, 'Déclarant (nom)')).toBe('Claire Dupont');
    expect(field(1, 'Courriel')).toBe(TO_COMPLETE);
    expect(field(2, 'Date et heure de découverte')).toBe('28/03/2026 10:00 (UTC+1)');
    expect(field(2, 'Qualification')).toMatch(/significatif/);
    expect(field(2, 'Systèmes touchés')).toBe('PACS, MSSanté');
    expect(field(3, 'Sur les données')).toMatch(/confidentialité ou à l’intégrité/);
    expect(field(3, 'Sur les personnes (patients, personnels)')).toMatch(/Pas de conséquence connue/);
    expect(field(4, 'Causes identifiées ou supposées')).toBe('Hameçonnage d’un compte VPN sans MFA.');

    expect(draft.text).toContain('1. STRUCTURE ET DÉCLARANT');
    expect(draft.text).toContain('4. CAUSES');
    expect(draft.text).toContain('signalement.social-sante.gouv.fr');
    expect(draft.filename).toBe(`signalement-ars-incident-${id}-2026-03-28.pdf`);

    const pdf = Buffer.from(draft.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(1);
    const text = pdfTextOf(pdf);
    expect(text).toContain('Structure et déclarant');
    expect(text).toContain('CH de Montélimar');
    expect(text).toContain('Hameçonnage d’un compte VPN sans MFA.');
    expect(text).toContain('TLP:AMBER');
  });
});
