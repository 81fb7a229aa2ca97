import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DashboardPage } from './pages/DashboardPage';
import { ListPage } from './pages/ListPage';
import { RulesPage } from './pages/RulesPage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';

/** The shipped health pack: rules that raise alerts (titles as in resources/rules/health). */
const HEALTH_RULES = ['Accès massif à des dossiers patients', 'Accès à un dossier patient hors des heures ouvrées', 'Accès en bris de glace', 'Alerte de sécurité ATNA'];
const OFF_HOURS = 'Accès à un dossier patient hors des heures ouvrées';

async function loadDemoFromDashboard(page: Page): Promise<void> {
  const dashboard = new DashboardPage(page);
  await expect(dashboard.empty).toBeVisible();
  await dashboard.demoButton.click();
  await expect(dashboard.empty).toBeHidden({ timeout: 30_000 });
}

test('page Règles : le pack santé est listé, activé, et une règle se désactive puis se réactive', async ({ unlocked: page, engine }, testInfo) => {
  await loadDemoFromDashboard(page);
  const rules = new RulesPage(page);
  await rules.open();
  await expect(page.getByTestId('page-heading')).toHaveText('Règles');
  for (const title of HEALTH_RULES) {
    const row = rules.row(title);
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('rule-enabled')).toHaveText('Activée');
    await expect(row.getByTestId('rule-origin')).toHaveText('Pack livré');
    await expect(row.getByTestId('rule-rejected')).toHaveCount(0);
  }
  await expect(rules.row('Accès massif à des dossiers patients')).toContainText('correlation value_count');
  await snap(page, testInfo, 'regles-pack-sante');

  // The filter keeps the matching rules only.
  await rules.filter.fill('bris de glace');
  await expect(rules.rows).toHaveCount(1);
  await rules.filter.fill('');

  const row = rules.row(OFF_HOURS);
  await row.getByTestId('rule-toggle').uncheck();
  await expect(row.getByTestId('rule-enabled')).toHaveText('Désactivée');
  const stored = (await engine.call('detection.rules.list', {})).find((r) => r.title === OFF_HOURS);
  expect(stored?.enabled).toBe(false);
  await snap(page, testInfo, 'regle-desactivee');

  await row.getByTestId('rule-toggle').check();
  await expect(row.getByTestId('rule-enabled')).toHaveText('Activée');
  expect((await engine.call('detection.rules.list', {})).find((r) => r.title === OFF_HOURS)?.enabled).toBe(true);
});

const RULE = (modifier: string) => `title: Consultation par alice
id: 5b1c9d0e-7a1f-4c3e-9d2b-0e6f1a2b3c4d
status: experimental
logsource:
  product: vigie
  category: patient_access
detection:
  selection:
    user.name${modifier}: alice
  condition: selection
level: low
`;

test('éditeur : un texte invalide montre l’erreur avec sa ligne, un texte valide est accepté', async ({ unlocked: page }, testInfo) => {
  const rules = new RulesPage(page);
  await rules.open();
  await rules.tab('editor');
  await rules.editorText.fill(RULE('|bogus'));
  await expect(rules.validation).toHaveAttribute('data-state', 'error');
  await expect(rules.problems).toHaveCount(1);
  await expect(rules.problems.getByTestId('rule-problem-line')).toHaveText('Ligne 9 :');
  await expect(rules.problems).toContainText('modifier-unknown');
  await expect(rules.problems).toContainText('bogus');
  await snap(page, testInfo, 'editeur-erreur-ligne');

  await rules.editorText.fill(RULE(''));
  await expect(rules.validation).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('rule-valid')).toBeVisible();
  await expect(rules.problems).toHaveCount(0);

  // Dry run on the last days: nothing stored, so no hit, but the scan answers.
  await page.getByTestId('rule-test-days').fill('3');
  await page.getByTestId('rule-test-run').click();
  await expect(page.getByTestId('rule-test-summary')).toContainText('0 résultat');
});

test('import d’un fichier de règle : rapport chargé, la règle apparaît comme importée', async ({ unlocked: page, engine }, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-rules-'));
  const file = join(dir, 'alice.yml');
  await writeFile(file, RULE(''), 'utf8');

  const rules = new RulesPage(page);
  await rules.open();
  await rules.importInput.setInputFiles(file);
  await expect(page.getByTestId('rules-import-summary')).toHaveText('1 document(s) lu(s) : 1 chargé(s), 0 refusé(s).');
  await expect(page.getByTestId('rules-import-loaded')).toContainText('Consultation par alice');
  const row = rules.row('Consultation par alice');
  await expect(row.getByTestId('rule-origin')).toHaveText('Importée');
  await expect(row.getByTestId('rule-enabled')).toHaveText('Activée');
  await snap(page, testInfo, 'import-regle');
  expect((await engine.call('detection.rules.list', {})).some((r) => r.id === '5b1c9d0e-7a1f-4c3e-9d2b-0e6f1a2b3c4d' && r.origin === 'imported')).toBe(true);

  // A broken file is refused with its reason and line, nothing else loaded.
  const bad = join(dir, 'bad.yml');
  await writeFile(bad, RULE('|bogus').replace('5b1c9d0e-7a1f-4c3e-9d2b-0e6f1a2b3c4d', '6c2d0e1f-8b2a-4d4f-8e3c-1f7a2b3c4d5e'), 'utf8');
  await rules.importInput.setInputFiles(bad);
  await expect(page.getByTestId('rules-import-summary')).toHaveText('1 document(s) lu(s) : 0 chargé(s), 1 refusé(s).');
  await expect(page.getByTestId('rules-import-rejected')).toContainText('modifier-unknown');
});

test('recherche rétrospective sur 30 jours : progression, résumé, puis alertes du pack santé', async ({ unlocked: page }, testInfo) => {
  await loadDemoFromDashboard(page);
  const rules = new RulesPage(page);
  await rules.open();
  await rules.tab('retro');
  await page.getByTestId('retro-start').click();
  // The hunt runs: the start button stays disabled until the end.
  await expect(page.getByTestId('retro-start')).toBeDisabled();
  await expect(rules.retroSummary).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  await expect(rules.retroSummary).toContainText('Recherche terminée');
  const scanned = (await page.getByTestId('retro-scanned').textContent()) ?? '';
  expect(Number(scanned.split(' sur ')[0].replace(/\D/g, ''))).toBeGreaterThan(0);
  // Live detection already raised the demo's alerts while it was loaded: the hunt reports them as existing.
  const existing = (await page.getByTestId('retro-existing').textContent()) ?? '';
  const [, matches, inAlerts] = /^([\d\s\u202f]+) correspondance\(s\) regroupée\(s\) dans ([\d\s\u202f]+) alerte\(s\) existante\(s\)$/.exec(existing) ?? [];
  expect(Number(matches?.replace(/\D/g, ''))).toBeGreaterThan(0);
  expect(Number(inAlerts?.replace(/\D/g, ''))).toBeGreaterThan(0);
  await snap(page, testInfo, 'recherche-retrospective');

  await page.getByTestId('retro-alerts-link').click();
  const alerts = new ListPage(page, 'alerts');
  await expect(alerts.rows.filter({ hasText: OFF_HOURS }).first()).toBeVisible();
  await snap(page, testInfo, 'alertes-apres-recherche');
  await expect(new ShellPage(page).heading).toHaveText('Alertes');
});

test('heures ouvrées : un seul réglage, enregistré dans le coffre, relu par les règles', async ({ unlocked: page, engine }, testInfo) => {
  const rules = new RulesPage(page);
  await rules.open();
  await rules.tab('lists');
  const form = page.getByTestId('working-hours');
  await expect(form.getByTestId('hours-start')).toHaveValue('7');
  await expect(form.getByTestId('hours-end')).toHaveValue('20');
  await expect(form.getByTestId('hours-day-6')).not.toBeChecked();
  // An end before the start is refused in the form.
  await form.getByTestId('hours-end').selectOption('6');
  await expect(form.getByTestId('hours-invalid')).toHaveText('La fin de journée doit venir après le début.');
  await expect(form.getByTestId('hours-save')).toBeDisabled();
  await form.getByTestId('hours-start').selectOption('8');
  await form.getByTestId('hours-end').selectOption('19');
  await form.getByTestId('hours-day-6').check();
  await form.getByTestId('hours-save').click();
  await expect(form.getByTestId('hours-saved')).toBeVisible();
  await snap(page, testInfo, 'heures-ouvrees');
  expect(await engine.call('detection.workingHours.get', {})).toEqual({ start: 8, end: 19, days: [1, 2, 3, 4, 5, 6] });
});

test('tester une règle livrée sur les 3 derniers jours : les résultats s’affichent, rien n’est enregistré', async ({ unlocked: page, engine }, testInfo) => {
  await loadDemoFromDashboard(page);
  const rules = new RulesPage(page);
  await rules.open();
  await rules.row(OFF_HOURS).getByTestId('rule-edit').click();
  await expect(rules.editorText).toHaveValue(/value_count/);
  await expect(rules.validation).toHaveAttribute('data-state', 'ok');
  const alertsBefore = (await engine.call('alerts.list', { limit: 200 })).total;
  await page.getByTestId('rule-test-days').fill('3');
  await page.getByTestId('rule-test-run').click();
  // The demo's night reader (60 records in 20 minutes, at night) is found.
  await expect(page.getByTestId('rule-test-summary')).toContainText('Rien n\'est enregistré');
  const hits = page.getByTestId('rule-test-hits-row');
  await expect(hits.first()).toBeVisible();
  await expect(hits.filter({ hasText: 'vigie.off_hours_period=' }).first()).toContainText(OFF_HOURS);
  await snap(page, testInfo, 'test-regle-3-jours');
  expect((await engine.call('alerts.list', { limit: 200 })).total).toBe(alertsBefore);
});
