import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateVaultPage } from './pages/CreateVaultPage';
import { ShellPage } from './pages/ShellPage';
import { UnlockPage } from './pages/UnlockPage';
import { OPERATOR, STRONG_PASSPHRASE, WEAK_PASSPHRASE, WRONG_PASSPHRASE } from './support/data';
import { expect, snap, test } from './support/fixtures';

test.describe('coffre', () => {
  test('création : phrase faible refusée avec un message, phrase forte acceptée', async ({ page, engine }, testInfo) => {
    await page.goto(engine.url);
    const create = new CreateVaultPage(page);
    await create.waitVisible();
    // The token left the address bar as soon as the page read it.
    expect(page.url()).not.toContain('token=');

    await create.fill({ name: 'Dominique Roux', roleLabel: 'Task force', passphrase: WEAK_PASSPHRASE });
    await create.expectStrength(false);
    await create.submit.click();
    await expect(create.error).toContainText('trop faible');
    await snap(page, testInfo, 'create-weak-refused');
    expect((await engine.call('vault.status', {})).state).toBe('absent');

    await create.passphrase.fill(STRONG_PASSPHRASE);
    await create.confirm.fill(STRONG_PASSPHRASE);
    await create.expectStrength(true);
    await expect(create.strength).toHaveAttribute('data-score', /^[34]$/);
    await create.submit.click();

    const shell = new ShellPage(page);
    await shell.waitVisible();
    await expect(shell.operatorName).toHaveText('Dominique Roux');
    await expect(shell.operatorRole).toHaveText('Task force');
    await expect(shell.heading).toHaveText('Tableau de bord');
    expect((await engine.call('vault.status', {})).state).toBe('unlocked');
    await snap(page, testInfo, 'shell-after-create');
  });

  test('création : confirmation différente refusée, nom obligatoire', async ({ page, engine }) => {
    await page.goto(engine.url);
    const create = new CreateVaultPage(page);
    await create.waitVisible();
    await create.fill({ name: '', roleLabel: 'RSSI', passphrase: STRONG_PASSPHRASE });
    await create.submit.click();
    await expect(create.error).toHaveText("Indiquez le nom de l'opérateur.");
    await create.fill({ name: 'Alex', roleLabel: 'RSSI', passphrase: STRONG_PASSPHRASE, confirm: `${STRONG_PASSPHRASE}!` });
    await create.submit.click();
    await expect(create.error).toHaveText('Les deux phrases de passe ne correspondent pas.');
    // No "remember" choice in browser mode: the bridge has no OS keystore.
    await expect(page.getByTestId('create-remember')).toHaveCount(0);
  });

  test('verrouillage puis déverrouillage : mauvaise phrase refusée, la bonne ouvre', async ({ unlocked: page, engine }, testInfo) => {
    const shell = new ShellPage(page);
    await shell.lock();
    const unlock = new UnlockPage(page);
    await unlock.waitVisible();
    expect((await engine.call('vault.status', {})).state).toBe('locked');

    await unlock.unlock(WRONG_PASSPHRASE);
    await expect(unlock.error).toHaveText('Phrase de passe incorrecte.');
    await expect(unlock.passphrase).toHaveValue('');
    await snap(page, testInfo, 'unlock-wrong-passphrase');

    await unlock.unlock(STRONG_PASSPHRASE);
    await shell.waitVisible();
    await expect(shell.operatorName).toHaveText(OPERATOR.name);
    await expect(shell.operatorRole).toHaveText('RSSI');
  });

  test('un verrouillage venu du moteur ramène à l’écran de déverrouillage', async ({ unlocked: page, engine }) => {
    const shell = new ShellPage(page);
    await shell.open('events');
    await engine.call('vault.lock', {});
    // Delivered by the `vault.changed` server-sent event, without any user action.
    await new UnlockPage(page).waitVisible();
    await expect(shell.root).toBeHidden();
  });

  test('le jeton reste dans la session de l’onglet : un rechargement garde l’accès', async ({ unlocked: page }) => {
    expect(page.url()).not.toContain('token=');
    await page.reload();
    await new ShellPage(page).waitVisible();
  });

  test('coffre plus récent ou endommagé : message clair au déverrouillage', async ({ unlocked: page, engine }, testInfo) => {
    const shell = new ShellPage(page);
    await shell.lock();
    const unlock = new UnlockPage(page);
    const metaFile = join(engine.dataDir, 'vault.meta.json');
    const meta = JSON.parse(await readFile(metaFile, 'utf8')) as Record<string, unknown>;

    await writeFile(metaFile, JSON.stringify({ ...meta, formatVersion: 99 }));
    await unlock.unlock(STRONG_PASSPHRASE);
    await expect(unlock.error).toContainText('version plus récente de Vigie');
    await snap(page, testInfo, 'unlock-vault-too-new');

    await writeFile(metaFile, '{ pas du JSON');
    await unlock.unlock(STRONG_PASSPHRASE);
    await expect(unlock.error).toContainText('endommagé ou illisible');

    await writeFile(metaFile, JSON.stringify(meta));
    await unlock.unlock(STRONG_PASSPHRASE);
    await shell.waitVisible();
  });
});
