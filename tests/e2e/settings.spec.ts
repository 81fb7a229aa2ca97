import { ShellPage } from './pages/ShellPage';
import { SettingsPage } from './pages/SettingsPage';
import { UnlockPage } from './pages/UnlockPage';
import { STRONG_PASSPHRASE } from './support/data';
import { expect, snap, test } from './support/fixtures';

test('passage en anglais : libellés anglais, choix conservé après verrouillage', async ({ unlocked: page, engine }, testInfo) => {
  const shell = new ShellPage(page);
  await shell.open('settings');
  const settings = new SettingsPage(page);
  await settings.language.selectOption('en');

  await expect(shell.heading).toHaveText('Settings');
  await expect(shell.navLink('dashboard')).toHaveText('Dashboard');
  await expect(shell.navLink('events')).toHaveText('Events');
  await expect(shell.lockButton).toHaveText('Lock');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect.poll(async () => (await engine.call('settings.get', {})).locale).toBe('en');
  await snap(page, testInfo, 'settings-en');

  await shell.lock();
  await expect(page.getByTestId('auth-heading')).toHaveText('Unlock the vault');
  await new UnlockPage(page).unlock('not the passphrase at all');
  await expect(page.getByTestId('unlock-error')).toHaveText('Wrong passphrase.');
  await new UnlockPage(page).unlock(STRONG_PASSPHRASE);
  await shell.open('dashboard');
  await expect(shell.heading).toHaveText('Dashboard');
});

test('la langue choisie avant la création du coffre devient son réglage', async ({ page, engine }) => {
  await page.goto(engine.url);
  await expect(page.getByTestId('auth-heading')).toHaveText('Créer le coffre chiffré');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('auth-heading')).toHaveText('Create the encrypted vault');
  await page.reload();
  await expect(page.getByTestId('auth-heading')).toHaveText('Create the encrypted vault');

  await page.getByLabel('Operator name').fill('Robin');
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByLabel('Confirm the passphrase').fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  const shell = new ShellPage(page);
  await expect(shell.heading).toHaveText('Dashboard');
  await expect(shell.operatorRole).toHaveText('CISO (RSSI)');
  await expect.poll(async () => (await engine.call('settings.get', {})).locale).toBe('en');
});

test('thème sombre, délai de verrouillage, dossier de données et tâches', async ({ unlocked: page, engine }, testInfo) => {
  const shell = new ShellPage(page);
  await shell.open('settings');
  const settings = new SettingsPage(page);

  await settings.theme.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => (await engine.call('settings.get', {})).theme).toBe('dark');
  await snap(page, testInfo, 'settings-dark');
  await settings.theme.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await settings.idle.fill('25');
  await settings.idleSave.click();
  await expect(settings.idleSaved).toBeVisible();
  expect((await engine.call('settings.get', {})).idleLockMinutes).toBe(25);

  await expect(settings.dataDir).toHaveText(engine.dataDir);
  await expect(settings.jobsTable).toBeVisible();
  await expect(settings.jobsTable.locator('tbody tr')).not.toHaveCount(0);

  await settings.lockNow.click();
  await new UnlockPage(page).waitVisible();
});

test('tableau de bord lisible en thème sombre', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  await engine.call('settings.update', { theme: 'dark' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('events-chart').locator('canvas')).toBeVisible();
  await snap(page, testInfo, 'dashboard-dark');
});
