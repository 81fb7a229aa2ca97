import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DashboardPage } from './pages/DashboardPage';
import { SettingsPage } from './pages/SettingsPage';
import { ShellPage } from './pages/ShellPage';
import { STRONG_PASSPHRASE } from './support/data';
import { expect, snap, test } from './support/fixtures';

test('activité : au plus un session.activity par minute, seulement après une saisie', async ({ page, engine }) => {
  await engine.call('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Sam', role: 'rssi' } });
  await page.clock.install();
  const activity: number[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call/session.activity')) activity.push(Date.now());
  });
  await page.goto(engine.url);
  await new ShellPage(page).waitVisible();

  await page.mouse.move(200, 200);
  await page.keyboard.press('Tab');
  await page.clock.runFor(2_000);
  expect(activity, 'no call within the first minute').toHaveLength(0);

  await page.clock.fastForward('01:05');
  await page.mouse.move(300, 300);
  await page.keyboard.press('Tab');
  await page.mouse.move(320, 320);
  await expect.poll(() => activity.length).toBe(1);
  await page.clock.runFor(5_000);
  await page.mouse.move(100, 100);
  expect(activity).toHaveLength(1);
});

test('rôle DPO : ni chargement de démonstration ni tâches planifiées', async ({ page, engine }, testInfo) => {
  await engine.call('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Claude Petit', role: 'dpo' } });
  await page.goto(engine.url);
  const shell = new ShellPage(page);
  await expect(shell.operatorRole).toHaveText('DPO (délégué à la protection des données)');
  const dashboard = new DashboardPage(page);
  await expect(dashboard.empty).toContainText('Seuls les rôles Administrateur, RSSI et Task force');
  await expect(dashboard.demoButton).toHaveCount(0);
  await shell.open('settings');
  await expect(new SettingsPage(page).jobsTable).toHaveCount(0);
  await snap(page, testInfo, 'dpo-settings');
});

test.describe('erreurs du renderer', () => {
  test.use({ expectedPageErrors: /e2e-renderer-boom/ });

  test('une erreur non rattrapée part dans le journal du moteur (log.write)', async ({ unlocked: page, engine }) => {
    const { logDir } = await engine.call('app.info', {});
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('e2e-renderer-boom');
      });
    });
    const logged = async () => {
      const files = (await readdir(logDir).catch(() => [] as string[])).filter((f) => f.endsWith('.log'));
      const texts = await Promise.all(files.map((f) => readFile(join(logDir, f), 'utf8')));
      return texts.some((t) => t.includes('e2e-renderer-boom') && t.includes('renderer'));
    };
    await expect.poll(logged, { timeout: 10_000 }).toBe(true);
  });
});
