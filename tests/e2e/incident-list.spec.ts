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
