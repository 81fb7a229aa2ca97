import { readFile } from 'node:fs/promises';
import { IncidentListPage } from './pages/IncidentListPage';
import { IncidentPage, parisInput } from './pages/IncidentPage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';

const IRIS_HEADER = 'event_date,event_tz,event_title,event_category,event_content,event_raw,event_source,event_assets,event_iocs,event_tags';

test('nouvel incident, synthèse modifiée (FINESS vérifié) et historique de chaque changement', async ({ unlocked: page }, testInfo) => {
  await new ShellPage(page).open('incidents');
  const list = new IncidentListPage(page);
  await list.newButton.click();
  await list.form.getByTestId('new-title').fill('Hameçonnage visant la messagerie MSSanté');
  await list.form.getByTestId('new-category').selectOption('phishing');
  await list.form.getByTestId('new-severity').selectOption('medium');
  await list.form.getByTestId('new-structure').fill('CHU de Bordeaux');
  await list.form.getByTestId('new-finess').fill('330781197');
  await expect(list.form.getByTestId('finess-error')).toHaveText(/Clé du numéro FINESS incorrecte/);
  await expect(list.form.getByTestId('new-submit')).toBeDisabled();
  await list.form.getByTestId('new-finess').fill('330781196');
  await expect(list.form.getByTestId('finess-error')).toHaveCount(0);
  await list.form.getByTestId('new-submit').click();

  const incident = new IncidentPage(page);
  await expect(incident.title).toHaveText('Hameçonnage visant la messagerie MSSanté');
  const summary = incident.panel('summary');
  await expect(summary.getByTestId('structure-finess')).toHaveValue('330781196');

  // Edit: severity, TLP, a second structure with a bad FINESS (refused before saving), a hub service.
  await summary.getByTestId('field-severity').selectOption('critical');
  await summary.getByTestId('field-tlp').selectOption('RED');
  await summary.getByTestId('structure-add').click();
  await summary.getByTestId('structure-name').nth(1).fill('CH de Valence');
  await summary.getByTestId('structure-finess').nth(1).fill('26001');
  await expect(summary.getByTestId('finess-error')).toContainText('9 caractères');
  await expect(summary.getByTestId('summary-save')).toBeDisabled();
  await summary.getByTestId('structure-finess').nth(1).fill('');
  await summary.getByTestId('services-input').fill('MSSante');
  await summary.getByTestId('services-add').click();
  await expect(summary.getByTestId('summary-save')).toBeEnabled();
  await summary.getByTestId('summary-save').click();
  await expect(incident.toasts.filter({ hasText: 'Incident enregistré.' })).toBeVisible();
  await expect(page.getByTestId('tlp-badge').first()).toHaveAttribute('data-tlp', 'RED');
  await expect(summary.getByTestId('summary-save')).toBeDisabled();

  // Phase stepper: détection → confinement.
  await summary.getByTestId('phase-confinement').click();
  await expect(incident.phase).toHaveText('Confinement');
  await expect(summary.getByTestId('phase-confinement')).toHaveAttribute('aria-current', 'step');
  await snap(page, testInfo, 'synthese');

  await incident.open('history');
  await expect(incident.history('severity').getByTestId('history-from')).toHaveText('Moyenne');
  await expect(incident.history('severity').getByTestId('history-to')).toHaveText('Critique');
  await expect(incident.history('tlp').getByTestId('history-to')).toHaveText('RED');
  await expect(incident.history('structure').getByTestId('history-to')).toHaveText('CH de Valence');
  await expect(incident.history('service').getByTestId('history-to')).toHaveText('MSSante');
  await expect(incident.history('phase').getByTestId('history-from')).toHaveText('Détection');
  await expect(incident.history('phase').getByTestId('history-to')).toHaveText('Confinement');
  await expect(incident.history('phase')).toContainText('Camille Laurent');
  await snap(page, testInfo, 'historique');

  // The list shows it, with its TLP and phase.
  await page.getByTestId('back-to-list').click();
  const row = list.row('Hameçonnage visant la messagerie MSSanté');
  await expect(row.getByTestId('tlp-badge')).toHaveText(/^TLP:RED/);
  await expect(row).toContainText('Confinement');
  await expect(row).toContainText('CHU de Bordeaux');
});

test('playbook : les tâches apparaissent, le réappliquer n’en ajoute aucune ; statut tracé', async ({ unlocked: page, engine }, testInfo) => {
  const created = await engine.call('incidents.create', { title: 'Rançongiciel au CH de Montélimar', severity: 'high', category: 'ransomware' });
  const expected = (await engine.call('incidents.playbooks.list', {})).find((p) => p.id === 'ransomware');
  if (!expected) throw new Error('ransomware playbook missing');
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, created.id, 'tasks');
  const tasks = incident.panel('tasks');
  await expect(tasks.getByTestId('tasks-empty')).toBeVisible();

  // The playbook of the incident's category is proposed.
  await expect(tasks.getByTestId('playbook-select')).toHaveValue('ransomware');
  await tasks.getByTestId('playbook-apply-button').click();
  await expect(tasks.getByTestId('playbook-result')).toHaveText(`${expected.taskCount} tâche(s) créée(s), 0 déjà présente(s).`);
  await expect(incident.taskRows).toHaveCount(expected.taskCount);
  await expect(incident.tab('tasks')).toContainText(`(${expected.taskCount})`);
  await snap(page, testInfo, 'taches-playbook');

  await tasks.getByTestId('playbook-apply-button').click();
  await expect(tasks.getByTestId('playbook-result')).toHaveText(`0 tâche(s) créée(s), ${expected.taskCount} déjà présente(s).`);
  await expect(incident.taskRows).toHaveCount(expected.taskCount);
  expect((await engine.call('incidents.get', { id: created.id })).tasks).toHaveLength(expected.taskCount);

  // Status of the first task, then a manual task.
  await incident.taskRows.first().getByTestId('task-status').selectOption('done');
  await expect(tasks.getByTestId('tasks-progress')).toHaveText(`Tâches terminées : 1 sur ${expected.taskCount}.`);
  await tasks.getByTestId('task-title').fill('Prévenir le GHT');
  await tasks.getByTestId('task-add').click();
  await expect(incident.taskRows).toHaveCount(expected.taskCount + 1);

  await incident.open('history');
  const statusRow = incident.historyRows.filter({ hasText: 'statut' });
  await expect(statusRow.getByTestId('history-from')).toHaveText('À faire');
  await expect(statusRow.getByTestId('history-to')).toHaveText('Faite');
  await expect(incident.history('playbook')).toHaveCount(1);
});

test('chronologie : entrée manuelle et export CSV DFIR-IRIS à l’en-tête exact', async ({ unlocked: page, engine }, testInfo) => {
  const created = await engine.call('incidents.create', { title: 'Déni de service sur le ROR', severity: 'high', category: 'ddos' });
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, created.id, 'timeline');
  const timeline = incident.panel('timeline');
  await expect(incident.timelineEntries).toHaveCount(1);
  await expect(incident.timelineEntries.first()).toHaveAttribute('data-kind', 'auto');
  const manual = page.locator('[data-testid="timeline-entry"][data-kind="manual"]');

  await timeline.getByTestId('timeline-at').fill(`${parisInput(new Date(Date.now() - 3600_000))}:00`);
  await timeline.getByTestId('timeline-title').fill('Appel du standard : ROR injoignable');
  await timeline.getByTestId('timeline-add').click();
  await expect(manual).toHaveCount(1);
  await expect(manual).toContainText('Appel du standard : ROR injoignable');
  // Adding it is itself a change of the incident: an automatic entry says so.
  await expect(incident.timelineEntries).toHaveCount(3);
  await snap(page, testInfo, 'chronologie');

  const download = await incident.download(timeline.getByTestId('iris-export'));
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  expect(lines[0]).toBe(IRIS_HEADER);
  expect(lines.some((l) => l.includes('"Appel du standard : ROR injoignable"'))).toBe(true);

  // Without the automatic entries, then imported back: nothing new (the manual entry is already there).
  await timeline.getByLabel('Inclure les entrées automatiques').uncheck();
  const manualOnly = await readFile(await (await incident.download(timeline.getByTestId('iris-export'))).path(), 'utf8');
  expect(manualOnly.replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean)).toHaveLength(2);
  await timeline.getByTestId('iris-import-input').setInputFiles({ name: 'iris.csv', mimeType: 'text/csv', buffer: Buffer.from(manualOnly, 'utf8') });
  await expect(timeline.getByTestId('iris-result')).toContainText('0 entrée(s) importée(s), 1 déjà présente(s), 0 ligne(s) refusée(s).');
  await expect(manual).toHaveCount(1);
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="iris"]')).toHaveCount(0);

  // A row IRIS cannot read is reported with its line number.
  const broken = `${IRIS_HEADER}\n"pas une date","+01:00","Titre","Unspecified","","","","","",""\n`;
  await timeline.getByTestId('iris-import-input').setInputFiles({ name: 'casse.csv', mimeType: 'text/csv', buffer: Buffer.from(broken, 'utf8') });
  await expect(timeline.getByTestId('iris-result')).toContainText('1 ligne(s) refusée(s)');
  await expect(timeline.getByTestId('iris-result')).toContainText('Ligne 2');
});
