import { expect, type Locator, type Page } from '@playwright/test';

/** Sources › Sources: the list with live counters, the add/edit form. */
export class SourcesPage {
  readonly root: Locator;
  readonly tab: Locator;
  readonly empty: Locator;
  readonly add: Locator;
  readonly form: Locator;
  readonly name: Locator;
  readonly kind: Locator;
  readonly bind: Locator;
  readonly port: Locator;
  readonly url: Locator;
  readonly save: Locator;
  readonly formTest: Locator;
  readonly testResult: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('sources-section');
    this.tab = page.getByTestId('sources-tab-list');
    this.empty = page.getByTestId('sources-empty');
    this.add = page.getByTestId('source-add');
    this.form = page.getByTestId('source-form');
    this.name = page.getByTestId('source-name');
    this.kind = page.getByTestId('source-kind');
    this.bind = page.getByTestId('source-bind');
    this.port = page.getByTestId('source-port');
    this.url = page.getByTestId('source-url');
    this.save = page.getByTestId('source-save');
    this.formTest = page.getByTestId('source-form-test');
    this.testResult = page.getByTestId('source-test-result');
    this.rows = page.getByTestId('source-row');
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="source-row"][data-source-name="${name.replace(/"/g, '\\"')}"]`);
  }

  async counter(row: Locator, name: 'received' | 'stored' | 'quarantined' | 'duplicates' | 'dropped'): Promise<number> {
    return Number(await row.getByTestId(`source-${name}`).getAttribute('data-value'));
  }

  async expectStatus(row: Locator, status: 'ok' | 'paused' | 'error' | 'starting'): Promise<void> {
    await expect(row).toHaveAttribute('data-status', status);
  }
}
