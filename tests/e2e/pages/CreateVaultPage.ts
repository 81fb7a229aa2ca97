import { expect, type Locator, type Page } from '@playwright/test';

export class CreateVaultPage {
  readonly root: Locator;
  readonly name: Locator;
  readonly role: Locator;
  readonly passphrase: Locator;
  readonly confirm: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly strength: Locator;
  readonly strengthLabel: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('create-vault');
    this.name = page.getByLabel("Nom de l'opérateur");
    this.role = page.getByLabel('Rôle');
    this.passphrase = page.getByLabel('Phrase de passe', { exact: true });
    this.confirm = page.getByLabel('Confirmer la phrase de passe');
    this.submit = page.getByTestId('create-submit');
    this.error = page.getByTestId('create-error');
    this.strength = page.getByTestId('strength-meter');
    this.strengthLabel = page.getByTestId('strength-label');
  }

  async waitVisible(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.page.getByTestId('auth-heading')).toHaveText('Créer le coffre chiffré');
  }

  async fill(opts: { name: string; roleLabel: string; passphrase: string; confirm?: string }): Promise<void> {
    await this.name.fill(opts.name);
    await this.role.selectOption({ label: opts.roleLabel });
    await this.passphrase.fill(opts.passphrase);
    await this.confirm.fill(opts.confirm ?? opts.passphrase);
  }

  /** Waits for the debounced strength estimate of what is typed. */
  async expectStrength(accepted: boolean): Promise<void> {
    await expect(this.strengthLabel).toContainText(accepted ? 'acceptée' : 'refusée');
  }
}
