import { expect, type Locator, type Page } from '@playwright/test';

export class UnlockPage {
  readonly root: Locator;
  readonly passphrase: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('unlock');
    this.passphrase = page.getByTestId('unlock-passphrase');
    this.submit = page.getByTestId('unlock-submit');
    this.error = page.getByTestId('unlock-error');
  }

  async waitVisible(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.passphrase.fill(passphrase);
    await this.submit.click();
  }
}
