import { readFile } from 'node:fs/promises';
import { STRONG_PASSPHRASE } from './support/data';
import { IncidentListPage } from './pages/IncidentListPage';
import { IncidentPage, parisInput } from './pages/IncidentPage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';

const HOUR = 3600_000;

test('RGPD art. 33 : décompte de 72 h en direct après la prise de connaissance', async ({ unlocked: page, engine }, testInfo) => {
  const created = await engine.call('incidents.create', { title: 'Fuite de comptes rendus d’imagerie', severity: 'high', category: 'patient-data-leak' });
  // The page's clock is driven by the test (the countdown ticks when the test moves time, not by waiting).
  await page.clock.install();
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, created.id, 'legal');
  const gdpr = incident.panel('legal').getByTestId('gdpr-section');

  // Awareness 71 h 30 min ago: half an hour left, counted down every second.
  const aware = new Date(Date.now() - 71.5 * HOUR);
  await gdpr.getByTestId('gdpr-aware-at').fill(parisInput(aware));
  await gdpr.getByTestId('gdpr-open').click();
  const countdown = gdpr.getByTestId('gdpr-clock-countdown');
  await expect(countdown).toHaveText(/^reste (2\d|30) min \d{2} s$/);
  const first = await countdown.textContent();
  await page.clock.runFor(2000);
  await expect(countdown).not.toHaveText(first ?? '');
  await expect(gdpr.getByTestId('gdpr-clock-status')).toHaveText('échéance dans moins de 24 h');
  const record = (await engine.call('legal.gdpr.get', { incidentId: created.id })).record;
  if (!record) throw new Error('breach not recorded');
  await expect(gdpr.getByTestId('gdpr-clock-due')).toHaveText(record.clock.dueAtParis ?? '');
  expect(Date.parse(record.clock.dueAt ?? '') - Date.parse(record.awareAt)).toBe(72 * HOUR);
  await expect(gdpr.getByTestId('gdpr-ref')).toHaveText(record.ref);
  await expect(gdpr.getByTestId('gdpr-state')).toHaveText('non notifiée');
  await expect(gdpr.getByTestId('gdpr-missing')).toContainText('art. 33(3)(b)');
  await snap(page, testInfo, 'rgpd-decompte');

  // The incident list shows the deadline in its header.
  await page.getByTestId('back-to-list').click();
  const list = new IncidentListPage(page);
  await expect(list.deadlines.getByTestId('deadline-chip').filter({ hasText: 'Notification CNIL' })).toContainText(/reste \d+ min/);
  await expect(list.row('Fuite de comptes rendus d’imagerie').getByTestId('deadline-chip')).toHaveAttribute('data-kind', 'cnil');
  await snap(page, testInfo, 'liste-echeances');
});

test('RGPD : notification tardive → motifs du retard exigés, puis « déclaré » et inscrite au registre', async ({ unlocked: page, engine }, testInfo) => {
  const created = await engine.call('incidents.create', { title: 'Messagerie compromise au CH de Valence', severity: 'high', category: 'account-compromise' });
  await engine.call('legal.gdpr.update', { incidentId: created.id, awareAt: new Date(Date.now() - 80 * HOUR).toISOString() });
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, created.id, 'legal');
  const gdpr = incident.panel('legal').getByTestId('gdpr-section');
  await expect(gdpr.getByTestId('gdpr-clock-countdown')).toHaveText(/^dépassé de 8 h \d+ min$/);
  await expect(gdpr.getByTestId('gdpr-clock-status')).toHaveText('en retard');

  await gdpr.getByTestId('gdpr-field-nature').fill('Accès illégitime à une boîte MSSanté contenant des comptes rendus.');
  await gdpr.getByTestId('gdpr-field-dpoContact').fill('dpo@ch-valence.fr');
  await gdpr.getByTestId('gdpr-field-risk').selectOption('high');
  await gdpr.getByTestId('gdpr-notified-now').click();
  await expect(gdpr.getByTestId('gdpr-field-delayReasons')).toHaveAttribute('aria-invalid', 'true');
  await expect(gdpr.getByTestId('gdpr-save')).toBeDisabled();
  await gdpr.getByTestId('gdpr-field-delayReasons').fill('Périmètre établi le 4e jour, après analyse des journaux de la messagerie.');
  await gdpr.getByTestId('gdpr-field-subjectsDecision').selectOption('required');
  await gdpr.getByTestId('gdpr-save').click();
  await expect(gdpr.getByTestId('gdpr-state')).toHaveText('déclaré à la CNIL');
  await expect(gdpr.getByTestId('gdpr-clock-status')).toHaveText('déclaré en retard');
  const record = (await engine.call('legal.gdpr.get', { incidentId: created.id })).record;
  expect(record?.notifiedAt).not.toBeNull();
  expect(record?.late).toBe(true);
  await snap(page, testInfo, 'rgpd-declaree');

  await incident.open('history');
  await expect(incident.history('gdpr.registered')).toHaveCount(1);
  await expect(incident.history('gdpr.notified')).toHaveCount(1);
  await expect(page.getByTestId('legal-history-table').locator('[data-field="delayReasons"]')).toHaveText('Motifs du retard');
  // The first awareness time has no previous value: « — », not 01/01/1970.
  const legalRow = (field: string) => page.getByTestId('legal-history-table-row').filter({ has: page.locator(`[data-field="${field}"]`) });
  await expect(legalRow('awareAt').getByTestId('history-from')).toHaveText('—');
  await expect(legalRow('awareAt').getByTestId('history-to')).not.toHaveText('—');
});

test('ARS / CERT Santé : qualification « significatif » motivée, brouillon à copier et PDF, signalé', async ({ unlocked: page, engine, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: engine.origin });
  const created = await engine.call('incidents.create', { title: 'Rançongiciel au GHT Drôme-Ardèche', severity: 'critical', category: 'ransomware' });
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, created.id, 'legal');
  const ars = incident.panel('legal').getByTestId('ars-section');

  await ars.getByTestId('answer-exceptional-yes').check();
  await ars.getByTestId('answer-careSafety-yes').check();
  await ars.getByTestId('answer-otherStructures-yes').check();
  await ars.getByTestId('ars-qualify').click();
  const result = ars.getByTestId('ars-result');
  await expect(result).toHaveAttribute('data-level', 'significatif');
  await expect(result).toContainText('Incident significatif');
  await expect(result).toContainText('à signaler sans délai');
  await expect(ars.getByTestId('ars-rationale')).toContainText('D. 1111-16-2');
  await expect(ars.getByTestId('ars-clock-countdown')).toContainText('depuis la découverte');

  await ars.getByTestId('ars-draft-build').click();
  const text = ars.getByTestId('ars-draft-text');
  for (const block of ['1. STRUCTURE ET DÉCLARANT', '2. DESCRIPTION DE L’INCIDENT', '3. IMPACTS', '4. CAUSES']) await expect(text).toHaveValue(new RegExp(block));
  await ars.getByTestId('ars-draft-copy').click();
  await expect(ars.getByTestId('ars-draft-copied')).toHaveText('Texte copié.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await text.inputValue());
  const pdf = await incident.download(ars.getByTestId('ars-draft-pdf'));
  expect((await readFile(await pdf.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await snap(page, testInfo, 'ars-qualification');

  await ars.getByTestId('ars-declared-now').click();
  await ars.getByTestId('ars-reference').fill('SIG-2026-0042');
  await ars.getByTestId('ars-save').click();
  await expect(ars.getByTestId('ars-state')).toHaveText('déclaré (par Camille Laurent)');
  await expect(ars.getByTestId('ars-clock-status')).toHaveText('déclaré');
  const stored = (await engine.call('legal.ars.get', { incidentId: created.id })).record;
  expect(stored?.reference).toBe('SIG-2026-0042');
  expect(stored?.qualification?.level).toBe('significatif');

  // Declared: no open deadline left for this incident.
  await new ShellPage(page).open('incidents');
  await expect(new IncidentListPage(page).row('Rançongiciel au GHT Drôme-Ardèche').getByTestId('deadline-chip')).toHaveCount(0);
});

test('échéances légales : le job d’échéances affiche un avis (24 h puis dépassement) dans l’onglet du navigateur', async ({ page, engine }, testInfo) => {
  // Admin: the only role that may run a job on demand (the job runs by itself every 5 min).
  await engine.call('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Claire Dupont', role: 'admin' } });
  await page.goto(engine.url);
  await expect(page.getByTestId('shell')).toBeVisible();
  const created = await engine.call('incidents.create', { title: 'Fuite PACS au CH de Vienne', severity: 'high', category: 'patient-data-leak' });
  // Aware 50 h ago: 22 h left before the 72 h.
  await engine.call('legal.gdpr.update', { incidentId: created.id, awareAt: new Date(Date.now() - 50 * HOUR).toISOString(), risk: 'high' });
  const record = (await engine.call('legal.gdpr.get', { incidentId: created.id })).record;
  if (!record) throw new Error('breach not recorded');

  const run = await engine.call('jobs.runNow', { name: 'legal-deadlines' });
  expect(run).toMatchObject({ outcome: 'success', message: expect.stringContaining('CNIL 24h') });
  const toast = page.getByTestId('toast').filter({ hasText: 'Notification CNIL' });
  await expect(toast).toHaveCount(1);
  await expect(toast).toContainText(`Notification CNIL : moins de 24 h avant l’échéance des 72 h`);
  await expect(toast).toContainText(`incident n°${created.id} « Fuite PACS au CH de Vienne »`);
  await expect(toast).toHaveAttribute('data-severity', 'medium');
  await snap(page, testInfo, 'avis-echeance-24h');

  // Awareness corrected to 73 h ago: overdue, critical.
  await engine.call('legal.gdpr.update', { incidentId: created.id, awareAt: new Date(Date.now() - 73 * HOUR).toISOString() });
  await engine.call('jobs.runNow', { name: 'legal-deadlines' });
  const overdue = page.getByTestId('toast').filter({ hasText: 'Délai de 72 h dépassé' });
  await expect(overdue).toContainText(`incident n°${created.id}`);
  await expect(overdue).toHaveAttribute('data-severity', 'critical');

  // « Ouvrir l’incident » leads from the toast to the incident's legal tab, and closes the toast.
  await overdue.getByRole('link', { name: 'Ouvrir l’incident' }).click();
  await expect(page).toHaveURL(new RegExp(`#/incidents/${created.id}/legal$`));
  const detail = new IncidentPage(page);
  await expect(detail.tab('legal')).toHaveAttribute('aria-current', 'page');
  await expect(detail.panel('legal')).toBeVisible();
  await expect(detail.heading).toContainText('Fuite PACS au CH de Vienne');
  await expect(overdue).toHaveCount(0);
});
