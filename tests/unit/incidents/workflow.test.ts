import { describe, expect, it } from 'vitest';
import { getIncidentDetail } from '../../../main/incidents/detail';
import { CATEGORIES, CATEGORY_INFO, finessProblem, luhnKey } from '../../../main/incidents/model';
import { createIncident } from '../../../main/incidents/queries';
import { updateIncident } from '../../../main/incidents/update';
import { HOUR, MIN, T0, history, useVault } from './fixture';

const v = useVault();

async function ransomware(at = T0) {
  return createIncident(
    v.db,
    {
      title: 'Rançongiciel au CH',
      severity: 'high',
      category: 'ransomware',
      structures: [{ name: 'CH de Montélimar', finess: '260018734' }],
      services: ['PACS'],
      assignees: ['Alice Martin'],
    },
    'Alice Martin',
    { at: new Date(at) },
  );
}

describe('incident model', () => {
  it('maps every category to an ENISA class, type and rsit machine tag', () => {
    for (const c of CATEGORIES) {
      expect(CATEGORY_INFO[c].enisaClass).toBeTruthy();
      expect(CATEGORY_INFO[c].enisaType).toBeTruthy();
      expect(CATEGORY_INFO[c].machineTag).toMatch(/^rsit:[a-z-]+="[a-z-]+"$/);
    }
    expect(CATEGORY_INFO.phishing).toMatchObject({ enisaClass: 'Fraud', enisaType: 'Phishing' });
  });

  it('uses machine tags that exist in the MISP rsit taxonomy (version 1003), with the matching "expanded" name', () => {
    // predicate → value → expanded, from MISP/misp-taxonomies rsit/machinetag.json (version 1003), the types Vigie uses.
    const RSIT: Record<string, Record<string, string>> = {
      'malicious-code': { 'infected-system': 'Infected System' },
      fraud: { phishing: 'Phishing' },
      'information-content-security': { 'data-leak': 'Leak of Confidential Information' },
      availability: { ddos: 'Distributed Denial of Service' },
      intrusions: { 'unprivileged-account-compromise': 'Unprivileged Account Compromise', 'system-compromise': 'System Compromise' },
      other: { undetermined: 'Undetermined' },
    };
    for (const c of CATEGORIES) {
      const [, predicate, value] = /^rsit:([a-z-]+)="([a-z-]+)"$/.exec(CATEGORY_INFO[c].machineTag) ?? [];
      expect(RSIT[predicate]?.[value], `${c}: ${CATEGORY_INFO[c].machineTag}`).toBeDefined();
    }
    expect(CATEGORY_INFO['patient-data-leak'].machineTag).toBe('rsit:information-content-security="data-leak"');
  });

  it('checks the FINESS key (Luhn) on published numbers, and the format for Corsica', () => {
    for (const ok of ['750712184', '330781196', '690781810', '380780080', '260018734']) expect(finessProblem(ok)).toBeNull();
    expect(finessProblem('750712185')).toMatch(/Clé/);
    expect(finessProblem('75071218')).toMatch(/9 caractères/);
    expect(finessProblem('2A0000154')).toBeNull();
    expect(finessProblem('2C0000154')).toMatch(/9 caractères/);
    expect(luhnKey('26001873')).toBe(4);
  });

  it('refuses an unknown category, a wrong FINESS key, a bad TLP or PAP, and writes nothing', async () => {
    const bad = [
      { category: 'malware' },
      { category: 'ransomware', structures: [{ name: 'CH', finess: '260018735' }] },
      { category: 'ransomware', tlp: 'WHITE' },
      { category: 'ransomware', pap: 'AMBER+STRICT' },
    ];
    for (const b of bad) {
      await expect(createIncident(v.db, { title: 't', severity: 'low', ...b } as never, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(await v.db.get('SELECT count(*) AS n FROM incidents')).toEqual({ n: 0 });
  });
});

describe('updateIncident', () => {
  it('writes one history row per change, with the actor and the time, and nothing for a no-op', async () => {
    const inc = await ransomware();
    const at = new Date(T0 + 10 * MIN);
    const changes = await updateIncident(
      v.db,
      inc.id,
      {
        title: 'Rançongiciel au CH de Montélimar',
        severity: 'critical',
        tlp: 'RED',
        pap: 'GREEN',
        phase: 'qualification',
        description: 'PACS chiffré',
        structures: [{ name: 'CH de Montélimar', finess: '260018734' }, { name: 'CH de Valence', finess: null }],
        services: ['PACS', 'SRI'],
        assignees: ['Bruno Lefèvre'],
        risks: ['R-12'],
      },
      'Bruno Lefèvre',
      { at },
    );
    expect(changes).toHaveLength(11);
    const rows = (await history(v.db, inc.id)).slice(1);
    expect(rows.every((r) => r.actor === 'Bruno Lefèvre' && r.ts === at.getTime())).toBe(true);
    expect(rows.map((r) => [r.field, r.from_value, r.to_value])).toEqual([
      ['title', 'Rançongiciel au CH', 'Rançongiciel au CH de Montélimar'],
      ['description', '', 'PACS chiffré'],
      ['severity', 'high', 'critical'],
      ['tlp', 'AMBER', 'RED'],
      ['pap', 'AMBER', 'GREEN'],
      ['phase', 'detection', 'qualification'],
      ['structure', null, 'CH de Valence'],
      ['service', null, 'SRI'],
      ['assignee', 'Alice Martin', null],
      ['assignee', null, 'Bruno Lefèvre'],
      ['risk', null, 'R-12'],
    ]);
    const detail = await getIncidentDetail(v.db, inc.id);
    expect(detail).toMatchObject({
      severity: 'critical', tlp: 'RED', pap: 'GREEN', phase: 'qualification', updatedAt: at.toISOString(),
      structures: [{ name: 'CH de Montélimar', finess: '260018734' }, { name: 'CH de Valence', finess: null }],
      services: ['PACS', 'SRI'], assignees: ['Bruno Lefèvre'], risks: ['R-12'],
      classification: { enisaClass: 'Malicious Code', enisaType: 'Infected System' },
    });

    // The same values again: no change, no history, updated_at untouched.
    expect(await updateIncident(v.db, inc.id, { severity: 'critical', services: ['SRI', 'PACS'].reverse().reverse(), tlp: 'RED' }, 'x')).toEqual([]);
    expect(await history(v.db, inc.id)).toHaveLength(12);
    expect((await getIncidentDetail(v.db, inc.id)).updatedAt).toBe(at.toISOString());
  });

  it('records the first structure change and its FINESS, and reordering', async () => {
    const inc = await ransomware();
    await updateIncident(v.db, inc.id, { structures: [{ name: 'CH de Valence', finess: '260000021' }, { name: 'CH de Montélimar', finess: '260018734' }] }, 'a', { at: new Date(T0 + MIN) });
    expect(await v.db.get('SELECT structure, finess FROM incidents WHERE id = ?', [inc.id])).toEqual({ structure: 'CH de Valence', finess: '260000021' });
    await updateIncident(v.db, inc.id, { structures: [{ name: 'CH de Montélimar', finess: '260018734' }, { name: 'CH de Valence', finess: '260000021' }] }, 'a', { at: new Date(T0 + 2 * MIN) });
    const rows = (await history(v.db, inc.id)).filter((r) => r.field === 'structure');
    expect(rows.map((r) => [r.from_value, r.to_value])).toEqual([
      [null, 'CH de Valence (FINESS 260000021)'],
      ['CH de Valence (FINESS 260000021) ; CH de Montélimar (FINESS 260018734)', 'CH de Montélimar (FINESS 260018734) ; CH de Valence (FINESS 260000021)'],
    ]);
    expect(await v.db.get('SELECT structure FROM incidents WHERE id = ?', [inc.id])).toEqual({ structure: 'CH de Montélimar' });
  });

  it('keeps the phase transitions with their times (the phases view)', async () => {
    const inc = await ransomware();
    await updateIncident(v.db, inc.id, { phase: 'qualification' }, 'a', { at: new Date(T0 + HOUR) });
    await updateIncident(v.db, inc.id, { phase: 'confinement' }, 'a', { at: new Date(T0 + 3 * HOUR) });
    const d = await getIncidentDetail(v.db, inc.id);
    expect(d.phases).toEqual([
      { phase: 'detection', from: new Date(T0).toISOString(), to: new Date(T0 + HOUR).toISOString() },
      { phase: 'qualification', from: new Date(T0 + HOUR).toISOString(), to: new Date(T0 + 3 * HOUR).toISOString() },
      { phase: 'confinement', from: new Date(T0 + 3 * HOUR).toISOString(), to: null },
    ]);
    expect(d.timeline.map((e) => e.title)).toEqual(['Incident créé : Rançongiciel au CH', 'Phase : Détection → Qualification', 'Phase : Qualification → Confinement']);
  });

  it('is the only way in: a direct UPDATE without history is refused by the vault, a change cannot predate the last one', async () => {
    const inc = await ransomware();
    await expect(v.db.run("UPDATE incidents SET severity = 0, updated_at = ? WHERE id = ?", [T0 + MIN, inc.id])).rejects.toThrow(/without a history row/);
    await expect(v.db.run("UPDATE incidents SET title = 'x' WHERE id = ?", [inc.id])).rejects.toThrow(/without a history row/);
    await expect(updateIncident(v.db, inc.id, { phase: 'cloture' }, 'a', { at: new Date(T0 - 1) })).rejects.toMatchObject({ code: 'VALIDATION' });
    // A failing patch (bad FINESS after a valid field) leaves nothing behind.
    await expect(updateIncident(v.db, inc.id, { title: 'Nouveau', structures: [{ name: 'X', finess: '123456789' }] }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await history(v.db, inc.id)).toHaveLength(1);
    expect(await v.db.get('SELECT title, severity FROM incidents WHERE id = ?', [inc.id])).toEqual({ title: 'Rançongiciel au CH', severity: 3 });
  });

  it('refuses an unknown incident and empty values', async () => {
    await expect(updateIncident(v.db, 42, { title: 'x' }, 'a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const inc = await ransomware();
    await expect(updateIncident(v.db, inc.id, { title: '  ' }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(updateIncident(v.db, inc.id, { assignees: [' '] }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
