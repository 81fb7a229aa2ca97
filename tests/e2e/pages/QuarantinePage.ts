import { expect, type Locator, type Page } from '@playwright/test';

/** Sources › Quarantaine: filters, table, reprocessing. */
export class QuarantinePage {
  readonly root: Locator;
  readonly tab: Locator;
  readonly rows: Locator;
  readonly total: Locator;
  readonly empty: Locator;
  readonly code: Locator;
  readonly importFilter: Locator;
  readonly reprocessFormat: Locator;
  readonly reprocessSelected: Locator;
  readonly reprocessAll: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('quarantine-section');
    this.tab = page.getByTestId('sources-tab-quarantine');
    this.rows = page.getByTestId('quarantine-row');
    this.total = page.getByTestId('quarantine-total');
    this.empty = page.getByTestId('quarantine-empty');
    this.code = page.getByTestId('quarantine-filter-code');
    this.importFilter = page.getByTestId('quarantine-filter-import');
    this.reprocessFormat = page.getByTestId('quarantine-reprocess-format');
    this.reprocessSelected = page.getByTestId('quarantine-reprocess-selected');
    this.reprocessAll = page.getByTestId('quarantine-reprocess-all');
    this.result = page.getByTestId('quarantine-reprocess-result');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.root).toBeVisible();
  }

  async expectTotal(n: number): Promise<void> {
    if (n === 0) await expect(this.empty).toBeVisible();
    else await expect(this.total).toHaveAttribute('data-total', String(n));
  }

  /** Ticks the row at `position` (e.g. 'line 3'). */
  async select(position: string): Promise<void> {
    await this.rows.filter({ has: this.page.getByTestId('quarantine-position').filter({ hasText: position }) }).getByRole('checkbox').check();
  }
}
