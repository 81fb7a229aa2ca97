import { expect, type Locator, type Page } from '@playwright/test';

/** Traces d'accès: filters, active-filter chips, the virtualised table. */
export class TracesPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly total: Locator;
  readonly empty: Locator;
  readonly noMatch: Locator;
  readonly chips: Locator;
  readonly breakGlassOnly: Locator;
  readonly user: Locator;
  readonly patient: Locator;
  readonly apply: Locator;
  readonly clearFilters: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-traces');
    this.rows = page.getByTestId('trace-row');
    this.total = page.getByTestId('traces-total');
    this.empty = page.getByTestId('traces-empty');
    this.noMatch = page.getByTestId('traces-no-match');
    this.chips = page.getByTestId('trace-filter-chip');
    this.breakGlassOnly = page.getByTestId('trace-break-glass-only');
    this.user = page.getByTestId('trace-user');
    this.patient = page.getByTestId('trace-patient');
    this.apply = page.getByTestId('trace-apply');
    this.clearFilters = page.getByTestId('trace-clear-filters');
  }

  /** The count of matching traces the page announces (engine total, not rendered rows). */
  async totalValue(): Promise<number> {
    return Number(await this.total.getAttribute('data-total'));
  }

  async expectTotal(n: number): Promise<void> {
    await expect(this.total).toHaveAttribute('data-total', String(n));
  }

  /** Text of one column of every rendered row. */
  async columnTexts(testId: 'trace-patient-link' | 'trace-user-link'): Promise<string[]> {
    return this.rows.getByTestId(testId).allTextContents();
  }
}
