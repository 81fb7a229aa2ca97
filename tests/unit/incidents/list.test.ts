import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentRow, Page } from '../../../main/api/contract';
import { updateArs } from '../../../main/incidents/legal/ars';
import { updateBreach } from '../../../main/incidents/legal/gdpr';
import { listIncidents } from '../../../main/incidents/list';
import { mergeIncidents } from '../../../main/incidents/merge';
import { createIncident } from '../../../main/incidents/queries';
import { updateIncident } from '../../../main/incidents/update';
import { tempEngine } from '../helpers';
import { HOUR, T0, useVault } from './fixture';

const v = useVault();
const page = { limit: 100, offset: 0 };
const titles = (p: Page<IncidentRow>) => p.items.map((i) => i.title).sort();

async function seed() {
  const at = (h: number) => ({ at: new Date(T0 + h * HOUR) });
  const ransom = await createIncident(v.db, { title: 'Rançongiciel au CH de Vienne', severity: 'critical', category: 'ransomware', tlp: 'RED', assignees: ['Alice Martin'], structures: [{ name: 'CH de Vienne' }] }, 'rssi', at(0));
  const phishing = await createIncident(v.db, { title: 'Hameçonnage 100% ciblé_RH', severity: 'medium', category: 'phishing', tlp: 'GREEN', assignees: ['Bruno Petit', 'Alice Martin'] }, 'rssi', at(1));
  const leak = await createIncident(v.db, { title: 'Fuite de comptes rendus', severity: 'high', category: 'patient-data-leak', assignees: ['Chloé Roux'] }, 'rssi', at(2));
  const ddos = await createIncident(v.db, { title: 'DDoS portail patients', severity: 'high', category: 'ddos' }, 'rssi', at(3));
  const dup = await createIncident(v.db, { title: 'Doublon DDoS', severity: 'low', category: 'ddos' }, 'rssi', at(4));
  await updateIncident(v.db, phishing.id, { phase: 'cloture' }, 'rssi', at(5));
  await mergeIncidents(v.db, dup.id, ddos.id, 'rssi');
  return { ransom, phishing, leak, ddos, dup };
}

describe('incidents.list filters (real vault)', () => {
  it('filters by phase, severity, category, TLP, assignee, text and state, with paging and the full total', async () => {
    const s = await seed();
    const now = T0 + 6 * HOUR;
    expect((await listIncidents(v.db, page, now)).total).toBe(5);
    expect(titles(await listIncidents(v.db, { ...page, severity: 'high' }, now))).toEqual(['DDoS portail patients', 'Fuite de comptes rendus']);
    expect(titles(await listIncidents(v.db, { ...page, category: 'ddos' }, now))).toEqual(['DDoS portail patients', 'Doublon DDoS']);
    expect(titles(await listIncidents(v.db, { ...page, tlp: 'RED' }, now))).toEqual(['Rançongiciel au CH de Vienne']);
    expect(titles(await listIncidents(v.db, { ...page, phase: 'cloture' }, now))).toEqual(['Doublon DDoS', 'Hameçonnage 100% ciblé_RH']);
    expect(titles(await listIncidents(v.db, { ...page, assignee: 'Alice Martin' }, now))).toEqual(['Hameçonnage 100% ciblé_RH', 'Rançongiciel au CH de Vienne']);
    expect(titles(await listIncidents(v.db, { ...page, assignee: 'Alice' }, now))).toEqual([]);
    // Free text: title or structure, case- and accent-insensitive; LIKE wildcards are taken literally; an id.
    expect(titles(await listIncidents(v.db, { ...page, text: 'ddos' }, now))).toEqual(['DDoS portail patients', 'Doublon DDoS']);
    expect(titles(await listIncidents(v.db, { ...page, text: 'vienne' }, now))).toEqual(['Rançongiciel au CH de Vienne']);
    expect(titles(await listIncidents(v.db, { ...page, text: '100%' }, now))).toEqual(['Hameçonnage 100% ciblé_RH']);
    expect(titles(await listIncidents(v.db, { ...page, text: '_' }, now))).toEqual(['Hameçonnage 100% ciblé_RH']);
    expect(titles(await listIncidents(v.db, { ...page, text: '%' }, now))).toEqual(['Hameçonnage 100% ciblé_RH']);
    expect(titles(await listIncidents(v.db, { ...page, text: `n°${s.leak.id}` }, now))).toEqual(['Fuite de comptes rendus']);
    // Open / closed: closed = clôture or merged.
    expect(titles(await listIncidents(v.db, { ...page, state: 'open' }, now))).toEqual(['DDoS portail patients', 'Fuite de comptes rendus', 'Rançongiciel au CH de Vienne']);
    expect(titles(await listIncidents(v.db, { ...page, state: 'closed' }, now))).toEqual(['Doublon DDoS', 'Hameçonnage 100% ciblé_RH']);
    // Filters combine; creation window [from, to).
    expect(titles(await listIncidents(v.db, { ...page, state: 'open', category: 'ddos', severity: 'high' }, now))).toEqual(['DDoS portail patients']);
    const created = { createdFrom: new Date(T0 + HOUR).toISOString(), createdTo: new Date(T0 + 3 * HOUR).toISOString() };
    expect(titles(await listIncidents(v.db, { ...page, ...created }, now))).toEqual(['Fuite de comptes rendus', 'Hameçonnage 100% ciblé_RH']);
    // Paging: most recently updated first, total counts every match.
    const p1 = await listIncidents(v.db, { limit: 2, offset: 0, state: 'open' }, now);
    const p2 = await listIncidents(v.db, { limit: 2, offset: 2, state: 'open' }, now);
    expect([p1.total, p1.items.length, p2.total, p2.items.length]).toEqual([3, 2, 3, 1]);
    expect(new Set([...p1.items, ...p2.items].map((i) => i.id)).size).toBe(3);
    expect(p1.items[0].title).toBe('DDoS portail patients'); // updated by the merge, the latest change
  });

  it('folds case and accents the French way in the free text, with paging and the full total', async () => {
    await seed();
    const at = (h: number) => ({ at: new Date(T0 + h * HOUR) });
    await createIncident(v.db, { title: 'Compte d’Élodie Lœuvre compromis', severity: 'high', category: 'other', structures: [{ name: 'Hôpital\u00a0Édouard-Herriot' }] }, 'rssi', at(6));
    await createIncident(v.db, { title: 'Accès élodie au DPI', severity: 'low', category: 'other' }, 'rssi', at(7));
    const find = async (text: string) => titles(await listIncidents(v.db, { ...page, text }, T0));
    const both = ['Accès élodie au DPI', 'Compte d’Élodie Lœuvre compromis'];
    // Before: SQLite LIKE folds ASCII only, so « élodie » missed « Élodie » and « ELODIE » found nothing.
    expect(await find('élodie')).toEqual(both);
    expect(await find('ÉLODIE')).toEqual(both);
    expect(await find('ELODIE')).toEqual(both);
    expect(await find('elodie')).toEqual(both);
    expect(await find('loeuvre')).toEqual(['Compte d’Élodie Lœuvre compromis']);
    expect(await find("d'elodie")).toEqual(['Compte d’Élodie Lœuvre compromis']);
    expect(await find('hopital edouard')).toEqual(['Compte d’Élodie Lœuvre compromis']); // the structure, no-break space
    expect(await find('RANÇONGICIEL')).toEqual(['Rançongiciel au CH de Vienne']);
    expect(await find('hameconnage')).toEqual(['Hameçonnage 100% ciblé_RH']);
    expect(await find('élodie x')).toEqual([]);
    const p1 = await listIncidents(v.db, { limit: 1, offset: 0, text: 'ELODIE' }, T0);
    const p2 = await listIncidents(v.db, { limit: 1, offset: 1, text: 'ELODIE', severity: 'low' }, T0);
    expect([p1.total, p1.items.map((i) => i.title)]).toEqual([2, ['Accès élodie au DPI']]); // most recently updated first
    expect([p2.total, p2.items.length]).toEqual([1, 0]);
  });

  it('finds the incidents with an overdue legal deadline (CNIL 72 h, ARS 24 h), not the others', async () => {
    const s = await seed();
    const aware = new Date(T0).toISOString();
    await updateBreach(v.db, { incidentId: s.leak.id, awareAt: aware, risk: 'high' }, 'dpo', T0 + HOUR);
    await updateBreach(v.db, { incidentId: s.ddos.id, awareAt: aware, risk: 'none', riskJustification: 'Aucune donnée personnelle.' }, 'dpo', T0 + HOUR);
    await updateArs(v.db, { incidentId: s.ransom.id, discoveredAt: aware }, 'rssi', T0 + HOUR);
    const overdue = (h: number) => listIncidents(v.db, { ...page, overdue: true }, T0 + h * HOUR).then(titles);
    expect(await overdue(23)).toEqual([]);
    expect(await overdue(24)).toEqual(['Rançongiciel au CH de Vienne']); // ARS: 24 h since discovery
    expect(await overdue(72)).toEqual(['Fuite de comptes rendus', 'Rançongiciel au CH de Vienne']); // CNIL: 72 h
    // Declared / notified: no longer overdue.
    await updateArs(v.db, { incidentId: s.ransom.id, declaredAt: new Date(T0 + 73 * HOUR).toISOString() }, 'rssi', T0 + 73 * HOUR);
    expect(await overdue(74)).toEqual(['Fuite de comptes rendus']);
  });
});

describe('incidents.list through the engine', () => {
  let t: Awaited<ReturnType<typeof tempEngine>> | undefined;
  afterEach(async () => t?.dispose());

  it('validates the filters strictly and applies them', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: 'Cèdre-vigilant 7 lanternes sous la pluie', operator: { name: 'Alice', role: 'rssi' } });
    await t.ok('incidents.create', { title: 'Rançongiciel', severity: 'critical', category: 'ransomware', assignees: ['Alice'] });
    await t.ok('incidents.create', { title: 'DDoS', severity: 'medium', category: 'ddos' });
    expect((await t.ok<Page<IncidentRow>>('incidents.list', { assignee: 'Alice', state: 'open' })).items.map((i) => i.title)).toEqual(['Rançongiciel']);
    expect((await t.ok<Page<IncidentRow>>('incidents.list', { overdue: true })).total).toBe(0);
    for (const bad of [{ phase: 'fini' }, { severity: 'urgent' }, { tlp: 'WHITE' }, { category: 'virus' }, { owner: 'x' }, { limit: 501 }, { createdFrom: 'hier' }]) {
      const r = await t.call('incidents.list', bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
  });
});
