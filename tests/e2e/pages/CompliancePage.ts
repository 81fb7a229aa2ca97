import type { Locator, Page } from '@playwright/test';

/** Conformité: the GDPR breach register (Art. 33(5)). */
export class CompliancePage {
  readonly root: Locator;
  readonly empty: Locator;
  readonly register: Locator;
  readonly rows: Locator;
  readonly filter: Locator;
  readonly exportButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-compliance');
    this.empty = page.getByTestId('compliance-empty');
    this.register = page.getByTestId('breach-register');
    this.rows = page.getByTestId('register-table-row');
    this.filter = page.getByTestId('register-filter');
    this.exportButton = page.getByTestId('register-export');
  }
}
