import { IncidentListPage } from './pages/IncidentListPage';
import { IncidentPage } from './pages/IncidentPage';
import { ShellPage } from './pages/ShellPage';
import { STRONG_PASSPHRASE } from './support/data';
import { expect, snap, test } from './support/fixtures';

test('liste des incidents : filtres, liens du tableau de bord (phase, échéance légale)', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const demo = (await engine.call('incidents.list', {})).items[0];
  const other = await engine.call('incidents.create', { title: 'DDoS sur le portail de coordination', severity: 'medium', category: 'ddos', tlp: 'GREEN' });
  await engine.call('legal.gdpr.update', { incidentId: other.id, awareAt: new Date(Date.now() - 3600_000).toISOString() });

  await new ShellPage(page).open('incidents');
  const list = new IncidentListPage(page);
  await expect(list.rows).toHaveCount(2);
  await expect(list.count).toHaveText('2 sur 2');
  await expect(list.row(demo.title).getByTestId('tlp-badge')).toHaveAttribute('data-tlp', demo.tlp);
  await expect(list.row(demo.title).getByTestId('tlp-badge')).toHaveAttribute('title', /.+/);
  await expect(list.deadlines).toContainText('DDoS sur le portail de coordination');

  await list.filterText.fill('portail');
  await expect(list.rows).toHaveCount(1);
  await page.getByTestId('filter-tlp').selectOption('AMBER');
  await expect(page.getByTestId('incidents-filtered-out')).toBeVisible();
  await page.getByTestId('filter-reset').click();
  await expect(list.rows).toHaveCount(2);
  await page.getByTestId('filter-category').selectOption('ransomware');
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText(demo.title);
  await snap(page, testInfo, 'liste-filtres');

  // Dashboard drill-downs: `phase:` filters the list; a legal deadline opens the incident's obligations.
  await page.goto(`${engine.origin}/#/incidents?q=${encodeURIComponent(`phase:${demo.phase}`)}`);
  await expect(page.getByTestId('filter-phase')).toHaveValue(demo.phase);
  await expect(list.rows).toHaveCount(demo.phase === 'detection' ? 2 : 1);
  await page.goto(`${engine.origin}/#/incidents?q=${encodeURIComponent(`incident:${other.id} AND kind:cnil`)}`);
  await expect(page).toHaveURL(new RegExp(`#/incidents/${other.id}/legal$`));
  await expect(new IncidentPage(page).panel('legal').getByTestId('gdpr-clock')).toBeVisible();
});

test('liste des incidents : filtres du moteur (membre assigné, échéance dépassée) et pagination', async ({ unlocked: page, engine }, testInfo) => {
  const HOUR = 3600_000;
  const late = await engine.call('incidents.create', { title: 'Fuite de comptes rendus — CNIL en retard', severity: 'high', category: 'patient-data-leak', assignees: ['Alice Martin'] });
  await engine.call('legal.gdpr.update', { incidentId: late.id, awareAt: new Date(Date.now() - 73 * HOUR).toISOString(), risk: 'high' });
  const onTime = await engine.call('incidents.create', { title: 'Hameçonnage — dans les délais', severity: 'medium', category: 'phishing', assignees: ['Bruno Petit'] });
  await engine.call('legal.gdpr.update', { incidentId: onTime.id, awareAt: new Date(Date.now() - HOUR).toISOString(), risk: 'high' });
  for (let n = 1; n <= 50; n++) await engine.call('incidents.create', { title: `Alerte de routine ${String(n).padStart(2, '0')}`, severity: 'low', category: 'other' });

  await new ShellPage(page).open('incidents');
  const list = new IncidentListPage(page);
  // 52 incidents: the engine sends the first page of 50, the pager offers the rest.
  await expect(list.count).toHaveText('52 sur 52');
  await expect(list.rows).toHaveCount(50);
  await expect(page.getByTestId('pager-range')).toHaveText('1–50 sur 52');
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(list.rows).toHaveCount(2);
  await expect(page.getByTestId('pager-range')).toHaveText('51–52 sur 52');

  await page.getByTestId('filter-overdue').check();
  await expect(list.count).toHaveText('1 sur 52');
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText(late.title);
  await page.getByTestId('filter-overdue').uncheck();
  await page.getByTestId('filter-assignee').fill('Bruno Petit');
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText(onTime.title);
  await page.getByTestId('filter-text').fill('routine 4');
  await expect(page.getByTestId('incidents-filtered-out')).toBeVisible();
  await page.getByTestId('filter-assignee').fill('');
  await expect(list.count).toHaveText('10 sur 52'); // routine 40 … 49
  await snap(page, testInfo, 'liste-filtres-moteur');
});

test('profil DPO (lecture seule) : consultation sans bouton de modification', async ({ page, engine }) => {
  await engine.call('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Dominique Perrin', role: 'dpo' } });
  await page.goto(engine.url);
  await expect(page.getByTestId('shell')).toBeVisible();
  const shell = new ShellPage(page);
  await shell.open('incidents');
  await expect(page.getByTestId('incidents-empty')).toBeVisible();
  await expect(new IncidentListPage(page).newButton).toHaveCount(0);
  await expect(page.getByTestId('bundle-input')).toHaveCount(0);
  // The register is the DPO's to read.
  await shell.open('compliance');
  await expect(page.getByTestId('compliance-empty')).toBeVisible();
});
