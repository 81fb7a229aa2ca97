/** Rules page operations: list, validation with lines, import (YAML and zip), save, test on the last N days. */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importRules, listRules, ruleDetail, saveRule, testRecent, validateText } from '../../../../main/detect/service/rules-api';
import { RULES, useDetection } from './fixture';
import { writeTraces } from './traces';

const f = useDetection();
const DAY = 86_400_000;

const rule = (id: string, extra = '') => `title: Accès au dossier d'un patient par dr.cible
id: ${id}
status: test
level: medium
logsource:
  product: vigie
  category: patient_access
detection:
  selection:
    user.name: dr.cible${extra}
  condition: selection
`;
const ID1 = '5f2d6a3e-1111-4c1a-9e2b-0a1b2c3d4e5f';
const ID2 = '5f2d6a3e-2222-4c1a-9e2b-0a1b2c3d4e5f';

describe('rules API', () => {
  it('validates live, with the line of each problem', async () => {
    expect(await validateText(f.service, rule(ID1))).toMatchObject({ ok: true, problems: [], documents: [{ id: ID1, kind: 'rule' }] });
    const badModifier = rule(ID1).replace('user.name: dr.cible', 'user.name|contain: dr.cible');
    const v = await validateText(f.service, badModifier);
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatchObject({ code: 'modifier-unknown', line: 10 });
    const yaml = await validateText(f.service, 'title: x\n  bad: [\n');
    expect(yaml.problems[0]).toMatchObject({ code: 'yaml' });
    expect(yaml.problems[0].line).toBeGreaterThan(0);
    const noLevel = await validateText(f.service, rule(ID1).replace('level: medium\n', ''));
    expect(noLevel.problems[0]).toMatchObject({ code: 'schema' });
    const badCondition = await validateText(f.service, rule(ID1).replace('condition: selection', 'condition: selection and nothere'));
    expect(badCondition.problems[0]).toMatchObject({ code: 'condition-invalid', line: 11 });
  });

  it('imports YAML and zip files: loaded ones are stored and run, rejected ones reported', async () => {
    const zip = Buffer.from(zipSync({ 'pack/r2.yml': Buffer.from(rule(ID2)), 'pack/bad.yml': Buffer.from('title: x\nid: 5f2d6a3e-3333-4c1a-9e2b-0a1b2c3d4e5f\nlogsource: {product: vigie}\ndetection: {condition: nothing}\n') })).toString('base64');
    const report = await importRules(f.service, [{ name: 'r1.yml', text: rule(ID1) }, { name: 'pack.zip', text: zip }], 'rssi');
    expect(report.loaded.map((l) => l.id).sort()).toEqual([ID1, ID2]);
    expect(report.rejected).toEqual([expect.objectContaining({ id: '5f2d6a3e-3333-4c1a-9e2b-0a1b2c3d4e5f', file: 'pack.zip!/pack/bad.yml' })]);
    const rows = listRules(f.service);
    expect(rows.find((r) => r.id === ID1)).toMatchObject({ origin: 'imported', enabled: true, rejected: null, level: 'medium', logsource: 'product=vigie category=patient_access service=*' });
    expect(f.service.set.byId.has(ID2)).toBe(true);
  });

  it('saves an edited rule (a shipped one becomes custom), refuses an invalid one', async () => {
    const shipped = ruleDetail(f.service, RULES.breakGlass);
    expect(shipped.origin).toBe('builtin');
    const edited = shipped.text.replace('level: medium', 'level: high');
    expect((await saveRule(f.service, { id: RULES.breakGlass, text: edited }, 'rssi')).ok).toBe(true);
    expect(ruleDetail(f.service, RULES.breakGlass)).toMatchObject({ origin: 'custom', level: 'high', updatedBy: 'rssi' });
    const bad = await saveRule(f.service, { text: rule(ID1).replace('condition: selection', 'condition: nope') }, 'rssi');
    expect(bad.ok).toBe(false);
    expect(listRules(f.service).some((r) => r.id === ID1)).toBe(false);
    await expect(saveRule(f.service, { id: ID2, text: rule(ID1) }, 'rssi')).rejects.toThrow(/ne correspond pas/);
  });

  it('tests a rule on the last N days: hits only, no alert written', async () => {
    const now = Date.now();
    await writeTraces(f.db, 'fhir', [
      { ts: now - 2 * DAY, user: 'dr.cible', ip: '10.1.1.1', patient: '1840975108500' },
      { ts: now - 3 * DAY, user: 'dr.cible', ip: '10.1.1.1', patient: '1840975108501' },
      { ts: now - 10 * DAY, user: 'dr.cible', ip: '10.1.1.1', patient: '1840975108502' },
      { ts: now - DAY, user: 'dr.autre', ip: '10.1.1.1', patient: '1840975108503' },
    ]);
    await f.drain();
    const alertsBefore = await f.db.get('SELECT count(*) AS n FROM alerts');
    const r = await testRecent(f.service, { text: rule(ID1), days: 7 });
    expect(r).toMatchObject({ total: 2, truncated: false, problems: [] });
    expect(r.hits.map((h) => h.ruleId)).toEqual([ID1, ID1]);
    expect(r.hits[0].eventIds).toHaveLength(1);
    expect(r.scanned).toBe(3);
    expect(await f.db.get('SELECT count(*) AS n FROM alerts')).toEqual(alertsBefore);
    await expect(testRecent(f.service, { ruleId: 'inconnue', days: 7 })).rejects.toThrow(/non chargée/);
    const bad = await testRecent(f.service, { text: 'title: [', days: 1 });
    expect(bad.problems[0].code).toBe('yaml');
  });
});
