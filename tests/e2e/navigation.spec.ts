import { ShellPage, type Section } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';

const SECTIONS: [Section, string][] = [
  ['dashboard', 'Tableau de bord'],
  ['events', 'Événements'],
  ['alerts', 'Alertes'],
  ['rules', 'Règles'],
  ['incidents', 'Incidents'],
  ['risks', 'Risques'],
  ['compliance', 'Conformité'],
  ['sources', 'Sources'],
  ['settings', 'Paramètres'],
];

test('chaque section de la barre latérale s’ouvre avec son titre', async ({ unlocked: page }, testInfo) => {
  const shell = new ShellPage(page);
  for (const [section, heading] of SECTIONS) {
    await expect(shell.navLink(section)).toHaveText(heading);
    await shell.open(section);
    await expect(shell.heading).toHaveText(heading);
    expect(new URL(page.url()).hash).toBe(`#/${section}`);
  }
  await snap(page, testInfo, 'settings');
});

test('sections sans données : un état vide explique la suite, sans fausses données', async ({ unlocked: page }, testInfo) => {
  const shell = new ShellPage(page);
  await expect(page.getByTestId('dashboard-empty')).toContainText('Aucun événement');
  await expect(page.getByTestId('demo-load')).toHaveText('Charger les données de démonstration');
  await shell.open('events');
  await expect(page.getByTestId('events-empty')).toContainText('données de démonstration');
  await shell.open('alerts');
  await expect(page.getByTestId('alerts-empty')).toBeVisible();
  await shell.open('incidents');
  await expect(page.getByTestId('incidents-empty')).toBeVisible();
  for (const section of ['risks', 'compliance', 'sources'] as const) {
    await shell.open(section);
    await expect(page.getByTestId(`${section}-empty`)).toBeVisible();
    await expect(page.getByTestId(`${section}-empty`).locator('li')).not.toHaveCount(0);
  }
  await snap(page, testInfo, 'sources-empty');
});

test('un lien direct vers une section s’ouvre après le déverrouillage', async ({ unlocked: page, engine }) => {
  await page.goto(`${engine.origin}/#/alerts`);
  await expect(new ShellPage(page).heading).toHaveText('Alertes');
});
