import { readFile } from 'node:fs/promises';
import { CompliancePage } from './pages/CompliancePage';
import { IncidentPage } from './pages/IncidentPage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';

const HOUR = 3600_000;

test('registre des violations vide : il dit ce qu’il contiendra et comment l’alimenter', async ({ unlocked: page }) => {
  await new ShellPage(page).open('compliance');
  const compliance = new CompliancePage(page);
  await expect(compliance.empty).toContainText('Registre des violations vide');
  await expect(compliance.empty.locator('li')).toHaveCount(2);
  await expect(compliance.register).toHaveCount(0);
});

test('registre des violations (art. 33(5)) : chaque violation, notifiée ou non, avec ses dates et son statut', async ({ unlocked: page, engine }, testInfo) => {
  const late = await engine.call('incidents.create', { title: 'Boîte MSSanté compromise', severity: 'high', category: 'account-compromise' });
  const aware = new Date(Date.now() - 80 * HOUR).toISOString();
  await engine.call('legal.gdpr.update', { incidentId: late.id, awareAt: aware, nature: 'Accès illégitime à une boîte aux lettres', subjectsApprox: 120 });
  await engine.call('legal.gdpr.update', { incidentId: late.id, notifiedAt: new Date(Date.now() - HOUR).toISOString(), delayReasons: 'Analyse des journaux.' });
  const pending = await engine.call('incidents.create', { title: 'Export massif de dossiers patients', severity: 'medium', category: 'patient-data-leak' });
  await engine.call('legal.gdpr.update', { incidentId: pending.id, awareAt: new Date(Date.now() - 2 * HOUR).toISOString() });
  const none = await engine.call('incidents.create', { title: 'Clé USB chiffrée perdue', severity: 'low', category: 'other' });
  await engine.call('legal.gdpr.update', { incidentId: none.id, awareAt: new Date(Date.now() - 5 * HOUR).toISOString(), risk: 'none', riskJustification: 'Clé chiffrée (AES-256), mot de passe non compromis.' });

  await new ShellPage(page).open('compliance');
  const compliance = new CompliancePage(page);
  await expect(compliance.rows).toHaveCount(3);
  const row = (title: string) => compliance.rows.filter({ hasText: title });
  await expect(row('Boîte MSSanté compromise').getByTestId('register-status')).toHaveText('déclaré en retard');
  await expect(row('Boîte MSSanté compromise')).toContainText('120');
  await expect(row('Export massif de dossiers patients').getByTestId('register-status')).toHaveText('à notifier');
  await expect(row('Clé USB chiffrée perdue').getByTestId('register-status')).toHaveText('non requise');
  const register = await engine.call('legal.register.list', {});
  const lateEntry = register.items.find((e) => e.incidentId === late.id);
  await expect(row('Boîte MSSanté compromise')).toContainText(lateEntry?.clock.dueAtParis ?? '?');
  await snap(page, testInfo, 'registre');

  await compliance.filter.selectOption('not_notified');
  await expect(compliance.rows).toHaveCount(1);
  await expect(compliance.rows.first()).toContainText('Export massif de dossiers patients');
  await compliance.filter.selectOption('all');
  await expect(compliance.rows).toHaveCount(3);

  // CSV for the DPO: one line per breach.
  const [download] = await Promise.all([page.waitForEvent('download'), compliance.exportButton.click()]);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(4);
  expect(csv).toContain(lateEntry?.ref ?? '?');

  // Each line leads to its incident's legal obligations.
  await row('Boîte MSSanté compromise').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/incidents/${late.id}/legal$`));
  await expect(new IncidentPage(page).panel('legal').getByTestId('gdpr-state')).toHaveText('déclaré à la CNIL');
});
