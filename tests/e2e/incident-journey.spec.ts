import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { IncidentPage, parisInput } from './pages/IncidentPage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';
import { pdfText, squash } from './support/pdf-text';

const HOUR = 3600_000;

/**
 * The whole response in one run, as the task force does it: an alert becomes
 * an incident, a playbook creates the tasks, a piece of evidence is added, the
 * GDPR 72 h countdown runs, and the report PDF is exported and opened.
 */
test('parcours complet : alerte → incident → playbook → preuve → décompte 72 h → rapport PDF ouvert', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const alert = (await engine.call('alerts.list', {})).items.find((a) => a.incidentId === null);
  if (!alert) throw new Error('demo data without a free alert');
  const playbook = (await engine.call('incidents.playbooks.list', {})).find((p) => p.id === 'patient-data-leak');
  if (!playbook) throw new Error('patient-data-leak playbook missing');

  // 1. From the alert.
  await new ShellPage(page).open('alerts');
  await page.locator(`[data-testid="alert-actions"][data-alert-id="${alert.id}"]`).getByTestId('alert-create-incident').click();
  const incident = new IncidentPage(page);
  await expect(page).toHaveURL(/#\/incidents\/\d+$/);
  await expect(incident.title).toHaveText(alert.title);
  const id = incident.id();

  // 2. A playbook creates its tasks.
  const tasks = await incident.open('tasks');
  await tasks.getByTestId('playbook-select').selectOption(playbook.id);
  await tasks.getByTestId('playbook-apply-button').click();
  await expect(tasks.getByTestId('playbook-result')).toHaveText(`${playbook.taskCount} tâche(s) créée(s), 0 déjà présente(s).`);
  await expect(incident.taskRows).toHaveCount(playbook.taskCount);

  // 3. Evidence, with its SHA-256.
  const content = Buffer.from('Jan 12 03:14:07 pacs01 sshd[2211]: Accepted password for adm.dupont from 185.220.101.47\n');
  const evidence = await incident.open('evidence');
  await evidence.getByTestId('evidence-description').fill('Extrait du journal sshd du PACS');
  await evidence.getByTestId('evidence-input').setInputFiles({ name: 'auth.log', mimeType: 'text/plain', buffer: content });
  await expect(evidence.getByTestId('evidence-added')).toContainText('auth.log');
  const sha = createHash('sha256').update(content).digest('hex');
  await expect(incident.evidenceRows.first().getByTestId('evidence-sha256')).toHaveText(sha);

  // 4. Personal data concerned: the 72 h countdown starts from the awareness (70 h ago → under 2 h left).
  const legal = await incident.open('legal');
  const gdpr = legal.getByTestId('gdpr-section');
  await gdpr.getByTestId('gdpr-aware-at').fill(parisInput(new Date(Date.now() - 70 * HOUR)));
  await gdpr.getByTestId('gdpr-open').click();
  await expect(gdpr.getByTestId('gdpr-clock-countdown')).toHaveText(/^reste 1 h \d{2} min$/);
  // … and in the incident's header, on every tab.
  const chip = page.getByTestId('incident-deadlines').locator('[data-testid="deadline-chip"][data-kind="cnil"]');
  await expect(chip.getByTestId('deadline-countdown')).toHaveText(/1 h \d{2} min/);
  await snap(page, testInfo, 'parcours-decompte');

  // 5. The report, exported as PDF and opened.
  const exports = await incident.open('exports');
  await exports.getByTestId('export-format-pdf').check();
  const download = await incident.download(exports.getByTestId('export-run'));
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const pdf = await readFile(path);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-1024).toString('latin1')).toContain('%%EOF');
  const { text, tool } = pdfText(path, pdf);
  testInfo.annotations.push({ type: 'pdf-text', description: tool });
  const flat = squash(text);
  expect(flat).toContain(`Rapport d’incident n°${id}`);
  expect(flat).toContain(alert.title);
  expect(flat).toContain('auth.log');
  expect(flat).toContain(sha.slice(0, 16));
  const stored = await engine.call('incidents.get', { id });
  expect(flat).toContain(squash(stored.tasks[0].title));
  expect(flat).toContain('Statut légal');
  // What the report shows is what the vault holds.
  expect(stored.alerts.map((a) => a.id)).toEqual([alert.id]);
  expect(stored.evidence.map((e) => e.sha256)).toEqual([sha]);
});
