import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../../main/incidents/export/snapshot';
import { allowedAt, redactForTlp, redactionNote, SCRUBBED } from '../../../../main/incidents/export/tlp';
import { legalVault, T0 } from '../legal/fixture';
import { RED_EMAIL, seedIncident } from './seed';

describe('TLP-aware redaction', () => {
  it('orders TLP 2.0 labels', () => {
    expect(allowedAt('CLEAR', 'GREEN')).toBe(true);
    expect(allowedAt('AMBER', 'GREEN')).toBe(false);
    expect(allowedAt('AMBER+STRICT', 'AMBER')).toBe(false);
    expect(allowedAt('AMBER', 'AMBER+STRICT')).toBe(true);
    expect(allowedAt('RED', 'RED')).toBe(true);
  });

  it('at RED nothing is stripped', async () => {
    const db = await legalVault();
    const s = await loadSnapshot(db, await seedIncident(db), T0 + 5 * 3_600_000);
    const r = redactForTlp(s, 'RED');
    expect(r.redactions).toEqual([]);
    expect(r.snapshot).toEqual(s);
    expect(redactionNote(r.redactions, 'RED')).toBeNull();
  });

  it('at AMBER: RED and AMBER+STRICT items go, mentions of them are masked, the incident stays', async () => {
    const db = await legalVault();
    const s = await loadSnapshot(db, await seedIncident(db));
    const copy = structuredClone(s);
    const r = redactForTlp(s, 'AMBER');
    expect(s).toEqual(copy); // input untouched
    expect(r.snapshot.observables.map((o) => o.value)).toEqual(['185.220.101.4', '10.20.30.40', 'evil-update.example', "https://evil-update.example/dl?f=a'b\\c", expect.any(String)]);
    expect(r.snapshot.timeline.map((e) => e.title)).toEqual(['Premier courriel reçu', 'Poste isolé']);
    expect(r.snapshot.evidence.map((e) => e.name)).toEqual(['entetes.eml']);
    expect(r.snapshot.tasks).toHaveLength(2);
    expect(r.snapshot.incident.title).toBe('Hameçonnage ciblé du CH de Vienne');
    const json = JSON.stringify(r.snapshot);
    expect(json).not.toContain(RED_EMAIL);
    expect(json).not.toContain('adm.dupont');
    expect(json).not.toContain('capture.pcap');
    expect(r.snapshot.incident.description).toBe(`Courriels piégés envoyés depuis ${SCRUBBED} au service des admissions.`);
    expect(r.snapshot.timeline[0].iocs).toEqual([SCRUBBED, 'evil-update.example']);
    expect(r.redactions.map((x) => [x.section, x.removed])).toEqual([
      ['observables', 2], ['evidence', 1], ['timeline', 1], ['mentions', expect.any(Number)],
    ]);
    expect(r.redactions[0].reason).toBe('2 observable(s) marqué(s) au-dessus de TLP:AMBER retiré(s).');
    expect(redactionNote(r.redactions, 'AMBER')).toMatch(/^Export au niveau TLP:AMBER : les éléments marqués d’un niveau supérieur ont été retirés\./);
  });

  it('at GREEN (below the AMBER incident): only GREEN/CLEAR-marked items and neutral metadata remain', async () => {
    const db = await legalVault();
    const id = await seedIncident(db);
    const r = redactForTlp(await loadSnapshot(db, id), 'GREEN');
    expect(r.incidentContentKept).toBe(false);
    expect(r.snapshot.incident).toMatchObject({ title: 'Incident hameçonnage du 28/03/2026', description: '', structures: [], assignees: [], category: 'phishing', severity: 'critical' });
    expect(r.snapshot.observables.map((o) => o.tlp)).toEqual(['GREEN', 'CLEAR', 'GREEN']);
    expect(r.snapshot.timeline.map((e) => e.title)).toEqual(['Premier courriel reçu']);
    expect(r.snapshot.evidence).toEqual([]);
    expect(r.snapshot.tasks).toEqual([]);
    expect(r.snapshot.history).toEqual([]);
    expect(r.snapshot.legal).toEqual({ ars: null, breach: null });
    const sections = r.redactions.map((x) => x.section);
    expect(sections).toEqual(expect.arrayContaining(['observables', 'evidence', 'timeline', 'title', 'description', 'structures', 'tasks', 'history', 'legal']));
    expect(JSON.stringify(r.snapshot)).not.toMatch(/CH de Vienne|10\.20\.30\.40|entetes/);
  });

  it('at CLEAR only the CLEAR domain is left', async () => {
    const db = await legalVault();
    const r = redactForTlp(await loadSnapshot(db, await seedIncident(db)), 'CLEAR');
    expect(r.snapshot.observables.map((o) => o.value)).toEqual(['evil-update.example']);
    expect(r.snapshot.timeline).toEqual([]);
  });
});
