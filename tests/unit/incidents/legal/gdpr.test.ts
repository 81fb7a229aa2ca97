import { describe, expect, it } from 'vitest';
import { getBreach, updateBreach } from '../../../../main/incidents/legal/gdpr';
import { listLegalHistory } from '../../../../main/incidents/legal/history';
import { exportRegisterCsv, listRegister } from '../../../../main/incidents/legal/register';
import { HOUR, insertIncident, legalVault, T0 } from './fixture';

const AWARE = '2026-03-28T10:00:00+01:00'; // = T0
const FULL = {
  nature: 'Exfiltration du serveur de comptes rendus d’imagerie',
  breachTypes: ['confidentiality' as const],
  subjectCategories: ['patients'],
  subjectsApprox: 1200,
  recordCategories: ['comptes rendus d’imagerie', 'identité'],
  recordsApprox: 3400,
  dpoContact: 'dpo@ch-vienne.example, 04 00 00 00 00',
  consequences: 'Atteinte au secret médical, risque d’hameçonnage ciblé.',
  measures: 'Serveur isolé, comptes réinitialisés, plainte déposée.',
};

describe('GDPR breach (Art. 33 / 34)', () => {
  it('the history of a new breach starts from nothing: every first value has an empty "from"', async () => {
    const db = await legalVault();
    const id = await insertIncident(db);
    await updateBreach(db, { incidentId: id, awareAt: AWARE, occurredAt: '2026-03-27T22:00:00+01:00', risk: 'high', nature: 'Vol de dossiers', subjectCategories: ['patients'] }, 'dpo', T0 + HOUR);
    const history = await listLegalHistory(db, id, 'gdpr');
    expect(history.map((h) => h.field)).toEqual(['created', 'awareAt', 'occurredAt', 'nature', 'subjectCategories', 'risk']);
    for (const h of history) expect(h.from, h.field).toBeNull();
    expect(history.find((h) => h.field === 'awareAt')?.to).toBe('2026-03-28T09:00:00.000Z');
    // A later change of an already set value keeps its previous value as "from".
    await updateBreach(db, { incidentId: id, awareAt: '2026-03-28T09:30:00+01:00', risk: 'risk' }, 'dpo', T0 + 2 * HOUR);
    const later = (await listLegalHistory(db, id, 'gdpr')).slice(6);
    expect(later.map((h) => [h.field, h.from, h.to])).toEqual([
      ['awareAt', '2026-03-28T09:00:00.000Z', '2026-03-28T08:30:00.000Z'],
      ['risk', 'high', 'risk'],
    ]);
  });

  it('creation needs the awareness time; the 72 h clock starts there', async () => {
    const db = await legalVault();
    const id = await insertIncident(db, { category: 'patient-data-leak' });
    await expect(updateBreach(db, { incidentId: id, nature: 'x' }, 'dpo', T0 + HOUR)).rejects.toMatchObject({ code: 'VALIDATION' });
    const b = await updateBreach(db, { incidentId: id, awareAt: AWARE, risk: 'high' }, 'rssi.dupont', T0 + HOUR);
    expect(b.ref).toBe('VIOL-2026-001');
    expect(b.clock).toMatchObject({ status: 'pending', dueAt: '2026-03-31T09:00:00.000Z', dueAtParis: '31/03/2026 11:00 (UTC+2)', remainingMs: 71 * HOUR });
    expect(b.missing).toHaveLength(8);
    const full = await updateBreach(db, { incidentId: id, ...FULL }, 'rssi.dupont', T0 + 2 * HOUR);
    expect(full.missing).toEqual([]);
    expect(full.subjectsApprox).toBe(1200);
    expect(full.recordCategories).toEqual(['comptes rendus d’imagerie', 'identité']);
    await expect(updateBreach(db, { incidentId: id, awareAt: '2027-01-01T00:00:00Z' }, 'x', T0 + 3 * HOUR)).rejects.toThrow(/futur/);
  });

  it('a notification after 72 h requires the reasons for the delay', async () => {
    const db = await legalVault();
    const id = await insertIncident(db);
    await updateBreach(db, { incidentId: id, awareAt: AWARE, risk: 'risk', ...FULL }, 'rssi', T0 + HOUR);
    const late = '2026-03-31T11:00:01+02:00'; // one second after the deadline (DST in between)
    const err = await updateBreach(db, { incidentId: id, notifiedAt: late }, 'rssi', T0 + 80 * HOUR).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', details: { field: 'delayReasons' } });
    expect((err as Error).message).toMatch(/art\. 33\(1\)/);
    // Exactly at the deadline is in time.
    const onTime = await updateBreach(db, { incidentId: id, notifiedAt: '2026-03-31T11:00:00+02:00', cnilReference: 'CNIL-123' }, 'rssi', T0 + 80 * HOUR);
    expect(onTime).toMatchObject({ late: false, clock: { status: 'done' } });
    // Moving awareness earlier makes it late: refused without reasons, accepted with them.
    await expect(updateBreach(db, { incidentId: id, awareAt: '2026-03-28T09:00:00+01:00' }, 'rssi', T0 + 81 * HOUR)).rejects.toThrow(/motifs du retard/);
    const withReasons = await updateBreach(
      db,
      { incidentId: id, awareAt: '2026-03-28T09:00:00+01:00', delayReasons: 'Prestataire injoignable pendant le week-end.' },
      'rssi',
      T0 + 81 * HOUR,
    );
    expect(withReasons).toMatchObject({ late: true, clock: { status: 'done_late' } });
    // The database refuses it too.
    await expect(db.run("UPDATE breaches SET delay_reasons = '', updated_at = updated_at WHERE incident_id = ?", [id])).rejects.toThrow(/CHECK|history/);
  });

  it('Art. 34: communication needs means and content; high risk without communication needs an exemption', async () => {
    const db = await legalVault();
    const id = await insertIncident(db);
    await updateBreach(db, { incidentId: id, awareAt: AWARE, risk: 'high' }, 'dpo', T0 + HOUR);
    await expect(updateBreach(db, { incidentId: id, subjectsDecision: 'not_required' }, 'dpo', T0 + 2 * HOUR)).rejects.toThrow(/34\(3\)/);
    const exempt = await updateBreach(db, { incidentId: id, subjectsDecision: 'not_required', subjectsExemption: 'protected' }, 'dpo', T0 + 2 * HOUR);
    expect(exempt.subjectsExemption).toBe('protected');
    await expect(updateBreach(db, { incidentId: id, subjectsDecision: 'required', subjectsNotifiedAt: '2026-03-30T10:00:00+02:00' }, 'dpo', T0 + 50 * HOUR)).rejects.toThrow(/moyen/);
    const told = await updateBreach(
      db,
      { incidentId: id, subjectsDecision: 'required', subjectsNotifiedAt: '2026-03-30T10:00:00+02:00', subjectsMeans: 'Courrier', subjectsContent: 'Madame, Monsieur…' },
      'dpo',
      T0 + 50 * HOUR,
    );
    expect(told).toMatchObject({ subjectsDecision: 'required', subjectsExemption: null, subjectsMeans: 'Courrier' });
    expect(told.subjectsNotifiedAt).toBe('2026-03-30T08:00:00.000Z');
  });

  it('the register keeps every breach, notified or not; entries cannot be deleted; every update is in the history', async () => {
    const db = await legalVault();
    const a = await insertIncident(db, { title: 'Fuite PACS' });
    const b = await insertIncident(db, { title: 'Courriel mal adressé' });
    const c = await insertIncident(db, { title: 'Compte compromis' });
    await updateBreach(db, { incidentId: a, awareAt: AWARE, risk: 'risk', notifiedAt: '2026-03-29T12:00:00+02:00', ...FULL }, 'rssi', T0 + 30 * HOUR);
    await expect(updateBreach(db, { incidentId: b, awareAt: AWARE, risk: 'none' }, 'dpo', T0 + HOUR)).rejects.toThrow(/justifiez/);
    await updateBreach(db, { incidentId: b, awareAt: AWARE, risk: 'none', riskJustification: 'Destinataire interne soumis au secret, courriel supprimé.' }, 'dpo', T0 + HOUR);
    await updateBreach(db, { incidentId: c, awareAt: '2026-03-28T12:00:00+01:00' }, 'rssi', T0 + 4 * HOUR);

    const all = await listRegister(db, { limit: 50, offset: 0 }, T0 + 100 * HOUR);
    expect(all.total).toBe(3);
    expect(all.items.map((e) => e.ref).sort()).toEqual(['VIOL-2026-001', 'VIOL-2026-002', 'VIOL-2026-003']);
    const byTitle = Object.fromEntries(all.items.map((e) => [e.incidentTitle, e]));
    expect(byTitle['Courriel mal adressé']).toMatchObject({ notificationRequired: false, notifiedAt: null, clock: { status: 'not_required' } });
    expect(byTitle['Compte compromis']).toMatchObject({ notificationRequired: true, notifiedAt: null, late: true, clock: { status: 'overdue' } });
    expect((await listRegister(db, { limit: 50, offset: 0, status: 'not_required' })).items.map((e) => e.incidentTitle)).toEqual(['Courriel mal adressé']);
    expect((await listRegister(db, { limit: 50, offset: 0, status: 'not_notified' })).items.map((e) => e.incidentTitle)).toEqual(['Compte compromis']);
    expect((await listRegister(db, { limit: 50, offset: 0, status: 'notified' })).items.map((e) => e.incidentTitle)).toEqual(['Fuite PACS']);

    await expect(db.run('DELETE FROM breaches WHERE incident_id = ?', [b])).rejects.toThrow(/keeps every breach/);
    await expect(db.run("UPDATE breaches SET nature = 'effacée' WHERE incident_id = ?", [a])).rejects.toThrow(/history/);

    await updateBreach(db, { incidentId: c, measures: 'Mot de passe réinitialisé', subjectsApprox: 1 }, 'dpo.lemoine', T0 + 5 * HOUR);
    const history = await listLegalHistory(db, c, 'gdpr');
    expect(history.map((h) => [h.field, h.actor])).toEqual([
      ['created', 'rssi'], ['awareAt', 'rssi'], ['subjectsApprox', 'dpo.lemoine'], ['measures', 'dpo.lemoine'],
    ]);
    // A field filled for the first time has no "from" (null), not an empty string.
    expect(history[3]).toMatchObject({ from: null, to: 'Mot de passe réinitialisé' });
    expect(history[2]).toMatchObject({ from: null, to: '1' });
    expect((await getBreach(db, c))?.updatedBy).toBe('dpo.lemoine');
    const incidentRows = await db.all<{ field: string }>("SELECT field FROM incident_history WHERE incident_id = ? AND field LIKE 'gdpr.%'", [a]);
    expect(incidentRows.map((r) => r.field)).toEqual(['gdpr.registered', 'gdpr.notified']);
  });

  it('exports the register as CSV guarded against formula injection', async () => {
    const db = await legalVault();
    const id = await insertIncident(db, { title: '=HYPERLINK("http://x")' });
    await updateBreach(db, { incidentId: id, awareAt: AWARE, risk: 'none', riskJustification: '+chiffré', nature: 'Perte d’une clé USB chiffrée; sans risque' }, 'dpo', T0 + HOUR);
    const file = await exportRegisterCsv(db, T0 + 2 * HOUR);
    expect(file.filename).toBe('registre-violations-2026-03-28.csv');
    expect(file.content.startsWith('\uFEFFRéférence;Incident;')).toBe(true);
    const line = file.content.split('\r\n')[1];
    expect(line).toContain('VIOL-2026-001;');
    expect(line).toContain(`"n°${id} — =HYPERLINK(""http://x"")"`);
    expect(line).toContain("'+chiffré");
    expect(line).toContain('"Perte d’une clé USB chiffrée; sans risque"');
    expect(line).toContain('non requise');
  });
});
