import { readFile } from 'node:fs/promises';
import { IncidentListPage } from './pages/IncidentListPage';
import { IncidentPage } from './pages/IncidentPage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';
import { pdfText, squash } from './support/pdf-text';

const TITLE = 'Rançongiciel sur le PACS du CH de Montélimar';

test('rapport PDF : téléchargé, commence par %PDF-, s’ouvre et porte le titre ; export TLP inférieur signalé', async ({ unlocked: page, engine }, testInfo) => {
  const created = await engine.call('incidents.create', { title: TITLE, severity: 'critical', category: 'ransomware', tlp: 'AMBER' });
  await engine.call('incidents.observables.add', { incidentId: created.id, value: '185.220.101.47', tlp: 'GREEN' });
  await engine.call('incidents.observables.add', { incidentId: created.id, value: 'c2.exemple-malveillant.fr', tlp: 'RED' });
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, created.id, 'exports');
  const panel = incident.panel('exports');

  // At the incident's own TLP (the default).
  await expect(panel.getByTestId('export-tlp')).toHaveValue('AMBER');
  await panel.getByTestId('export-format-pdf').check();
  const download = await incident.download(panel.getByTestId('export-run'));
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const pdf = await readFile(path);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(1024);
  expect(pdf.subarray(-1024).toString('latin1')).toContain('%%EOF');
  const { text, tool } = pdfText(path, pdf);
  testInfo.annotations.push({ type: 'pdf-text', description: tool });
  expect(squash(text)).toContain(TITLE);
  expect(squash(text)).toContain('TLP:AMBER');
  await expect(panel.getByTestId('export-result')).toContainText(download.suggestedFilename());
  // The RED observable is above AMBER: stripped, and the export says so.
  await expect(panel.getByTestId('export-redactions')).toContainText('TLP:AMBER');

  // At TLP:GREEN the incident's own fields are withheld too: the note lists them.
  await panel.getByTestId('export-tlp').selectOption('GREEN');
  await panel.getByTestId('export-format-json').check();
  const json = await incident.download(panel.getByTestId('export-run'));
  const bundle = JSON.parse(await readFile(await json.path(), 'utf8')) as { tlp?: string };
  expect(JSON.stringify(bundle)).not.toContain(TITLE);
  expect(JSON.stringify(bundle)).not.toContain('c2.exemple-malveillant.fr');
  expect(JSON.stringify(bundle)).toContain('185.220.101.47');
  const redactions = panel.getByTestId('export-redactions');
  await expect(redactions).toContainText('Retiré pour respecter TLP:GREEN');
  await expect(redactions.locator('li')).not.toHaveCount(0);
  await snap(page, testInfo, 'exports-tlp');

  // Each export is written to the history.
  await incident.open('history');
  await expect(incident.history('export')).toHaveCount(2);
});

test('fusion de deux incidents avec confirmation ; marqueurs dans la liste', async ({ unlocked: page, engine }, testInfo) => {
  const target = await engine.call('incidents.create', { title: 'Campagne de hameçonnage régionale', severity: 'high', category: 'phishing' });
  const source = await engine.call('incidents.create', { title: 'Hameçonnage au CH de Valence', severity: 'medium', category: 'phishing' });
  const child = await engine.call('incidents.create', { title: 'Hameçonnage à la clinique du Parc', severity: 'low', category: 'phishing' });
  await engine.call('incidents.tasks.add', { incidentId: source.id, title: 'Bloquer l’expéditeur' });
  const incident = new IncidentPage(page);

  // Parent / child from the Liens tab of the child.
  await incident.goto(engine.origin, child.id, 'links');
  await incident.panel('links').getByTestId('parent-select').selectOption(String(target.id));
  await incident.panel('links').getByTestId('parent-set').click();
  await expect(incident.panel('links').getByTestId('links-parent')).toContainText(`n° ${target.id}`);
  await expect(page.getByTestId('marker-child')).toContainText(`n° ${target.id}`);

  // Merge the source into the target: a confirmation first; cancelling changes nothing.
  await incident.goto(engine.origin, source.id, 'links');
  const links = incident.panel('links');
  await links.getByTestId('merge-target').selectOption(String(target.id));
  await links.getByTestId('merge-button').click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`L’incident n° ${source.id} sera fusionné dans l’incident n° ${target.id}`);
  await snap(page, testInfo, 'fusion-confirmation');
  await dialog.getByTestId('merge-dialog-cancel').click();
  await expect(dialog).toBeHidden();
  expect((await engine.call('incidents.get', { id: source.id })).mergedInto).toBeNull();

  await links.getByTestId('merge-button').click();
  await dialog.getByTestId('merge-dialog-confirm').click();
  await expect(page).toHaveURL(new RegExp(`#/incidents/${target.id}$`));
  await expect(incident.title).toHaveText('Campagne de hameçonnage régionale');
  await incident.open('tasks');
  await expect(incident.taskRows.filter({ hasText: 'Bloquer l’expéditeur' })).toHaveCount(1);

  // The merged incident is read-only and says where it went.
  await incident.goto(engine.origin, source.id, 'summary');
  await expect(page.getByTestId('merged-notice')).toContainText(`n° ${target.id}`);
  await expect(incident.panel('summary').getByTestId('field-title')).toBeDisabled();

  await new ShellPage(page).open('incidents');
  const list = new IncidentListPage(page);
  await expect(list.row('Hameçonnage au CH de Valence').getByTestId('marker-merged')).toHaveText(`fusionné dans le n° ${target.id}`);
  await expect(list.row('Hameçonnage à la clinique du Parc').getByTestId('marker-child')).toHaveText(`enfant du n° ${target.id}`);
  await list.filterState.selectOption('open');
  await expect(list.row('Hameçonnage au CH de Valence')).toHaveCount(0);
  await expect(list.rows).toHaveCount(2);
  await snap(page, testInfo, 'liste-marqueurs');
});
