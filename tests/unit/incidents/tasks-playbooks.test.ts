import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILTIN_PLAYBOOKS } from '../../../main/incidents/playbooks/builtin';
import { parsePlaybookYaml } from '../../../main/incidents/playbooks/schema';
import {
  applyPlaybook,
  exportPlaybook,
  getPlaybook,
  listPlaybooks,
  resetPlaybook,
  savePlaybook,
} from '../../../main/incidents/playbooks/store';
import { createIncident } from '../../../main/incidents/queries';
import { addTask, listTasks, updateTask } from '../../../main/incidents/tasks';
import { HOUR, history, useVault } from './fixture';

const v = useVault();
const DIR = path.resolve(__dirname, '../../../resources/playbooks');

const incident = () => createIncident(v.db, { title: 'Rançongiciel', severity: 'critical', category: 'ransomware' }, 'Alice');

describe('tasks', () => {
  it('adds and changes tasks; every change is in the incident history', async () => {
    const inc = await incident();
    const { task } = await addTask(v.db, inc.id, { title: 'Isoler le PACS', owner: 'Bruno', dueAt: '2026-03-10T12:00:00Z', phase: 'confinement' }, 'Alice');
    expect(task).toMatchObject({ status: 'todo', owner: 'Bruno', dueAt: '2026-03-10T12:00:00.000Z', phase: 'confinement', createdBy: 'Alice' });
    await updateTask(v.db, task.id, { status: 'in_progress' }, 'Bruno');
    const done = await updateTask(v.db, task.id, { status: 'done', owner: 'Chloé', dueAt: null }, 'Chloé');
    expect(done).toMatchObject({ status: 'done', owner: 'Chloé', dueAt: null });
    expect(await updateTask(v.db, task.id, { status: 'done' }, 'x')).toEqual(done);
    const rows = (await history(v.db, inc.id)).slice(1).map((r) => [r.actor, r.field, r.from_value, r.to_value]);
    expect(rows).toEqual([
      ['Alice', 'task', null, `#${task.id} Isoler le PACS`],
      ['Bruno', `task#${task.id}.status`, 'todo', 'in_progress'],
      ['Chloé', `task#${task.id}.owner`, 'Bruno', 'Chloé'],
      ['Chloé', `task#${task.id}.due`, '2026-03-10T12:00:00.000Z', null],
      ['Chloé', `task#${task.id}.status`, 'in_progress', 'done'],
    ]);
    await expect(updateTask(v.db, task.id, { status: 'finie' as never }, 'x')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(updateTask(v.db, 999, { status: 'done' }, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(addTask(v.db, inc.id, { title: ' ' }, 'x')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('shipped playbooks', () => {
  it('are five valid YAML files in resources/playbooks, with French task titles, all bundled', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yml')).sort();
    expect(files).toEqual(['ddos.yml', 'patient-data-leak.yml', 'phishing.yml', 'provider-compromise.yml', 'ransomware.yml']);
    for (const f of files) {
      const text = readFileSync(path.join(DIR, f), 'utf8');
      const p = parsePlaybookYaml(text, f);
      expect(BUILTIN_PLAYBOOKS.get(p.id)?.yaml).toBe(text);
      expect(p.tasks.length).toBeGreaterThanOrEqual(8);
      for (const t of p.tasks) expect(t.title).toMatch(/^[A-ZÀ-Ý][a-zà-ÿ']+ /);
    }
    const all = [...BUILTIN_PLAYBOOKS.values()].flatMap((b) => b.playbook.tasks.map((t) => t.title)).join('\n');
    for (const expected of [/Isoler/, /[Pp]réserver les preuves/, /ARS \/ CERT Santé/, /[Dd]époser plainte/, /CNIL/]) expect(all).toMatch(expected);
  });

  it('refuse malformed playbooks with a clear message', () => {
    expect(() => parsePlaybookYaml('id: x\ntitle: [')).toThrow(/YAML illisible/);
    expect(() => parsePlaybookYaml('id: Bad Id\ntitle: t\ncategory: ddos\ntasks: [{key: a, title: t}]')).toThrow(/id/);
    expect(() => parsePlaybookYaml('id: x\ntitle: t\ncategory: ddos\ntasks: [{key: a, title: t}, {key: a, title: u}]')).toThrow(/double/);
    expect(() => parsePlaybookYaml('id: x\ntitle: t\ncategory: virus\ntasks: [{key: a, title: t}]')).toThrow(/category/);
  });
});

describe('applyPlaybook', () => {
  it('creates the tasks with due dates, and applying it twice creates nothing more', async () => {
    const inc = await incident();
    const now = Date.UTC(2026, 2, 10, 8, 0);
    const first = await applyPlaybook(v.db, inc.id, 'ransomware', 'Alice', { now });
    const template = BUILTIN_PLAYBOOKS.get('ransomware')!.playbook;
    expect(first).toMatchObject({ created: template.tasks.length, existing: 0 });
    const isoler = first.tasks.find((t) => t.title.startsWith('Isoler'));
    expect(isoler).toMatchObject({ playbookId: 'ransomware', phase: 'confinement', dueAt: new Date(now + HOUR).toISOString() });
    const again = await applyPlaybook(v.db, inc.id, 'ransomware', 'Bruno');
    expect(again).toMatchObject({ created: 0, existing: template.tasks.length });
    expect(again.tasks.map((t) => t.id)).toEqual(first.tasks.map((t) => t.id));
    expect(await listTasks(v.db, inc.id)).toHaveLength(template.tasks.length);
    const rows = await history(v.db, inc.id);
    expect(rows.filter((r) => r.field === 'playbook').map((r) => r.to_value)).toEqual([`ransomware v1 (${template.tasks.length} tâches créées)`]);
    expect(rows.filter((r) => r.field === 'task')).toHaveLength(template.tasks.length);
    await expect(applyPlaybook(v.db, inc.id, 'nope', 'a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('playbook copies in the vault', () => {
  it('override the template, are exported as YAML, reset to the template; custom ones are listed', async () => {
    const original = await exportPlaybook(v.db, 'ddos');
    expect(original).toMatchObject({ filename: 'playbook-ddos.yml', mime: 'application/yaml' });
    expect(parse(original.content).id).toBe('ddos');

    const edited = original.content.replace('title: Déni de service distribué', 'title: DDoS (version régionale)') +
      '  - key: astreinte\n    title: Prévenir l’astreinte de la task force\n    dueHours: 0.5\n';
    const saved = await savePlaybook(v.db, { yaml: edited }, 'Alice');
    expect(saved).toMatchObject({ id: 'ddos', title: 'DDoS (version régionale)', source: 'modified', updatedBy: 'Alice' });
    expect((await getPlaybook(v.db, 'ddos')).tasks.at(-1)?.key).toBe('astreinte');
    expect((await exportPlaybook(v.db, 'ddos')).content).toBe(edited);

    // Applying the edited version after the template adds only the new task.
    const inc = await incident();
    await resetPlaybook(v.db, 'ddos');
    const before = await applyPlaybook(v.db, inc.id, 'ddos', 'a');
    await savePlaybook(v.db, { yaml: edited }, 'Alice');
    expect(await applyPlaybook(v.db, inc.id, 'ddos', 'a')).toMatchObject({ created: 1, existing: before.created });

    await savePlaybook(v.db, { playbook: { id: 'cyber-sante-ght', title: 'Incident GHT', category: 'other', tasks: [{ key: 'appel', title: 'Appeler le RSSI du GHT' }] } }, 'Bruno');
    const list = await listPlaybooks(v.db);
    expect(list.map((p) => [p.id, p.source])).toEqual(
      expect.arrayContaining([['ddos', 'modified'], ['cyber-sante-ght', 'custom'], ['ransomware', 'builtin']]),
    );
    expect(list).toHaveLength(6);
    expect(parse((await exportPlaybook(v.db, 'cyber-sante-ght')).content)).toMatchObject({ id: 'cyber-sante-ght', version: 1 });

    expect(await resetPlaybook(v.db, 'ddos')).toBe(true);
    expect((await getPlaybook(v.db, 'ddos')).title).toBe('Déni de service distribué');
    expect(await resetPlaybook(v.db, 'ddos')).toBe(false);
    await expect(savePlaybook(v.db, { yaml: 'id: x\ntasks: []' }, 'a')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
