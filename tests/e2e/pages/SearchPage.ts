import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

export type RelativeRange = '15m' | '1h' | '24h' | '7d' | '30d' | '90d';

/** Recherche: query bar, time range, virtualised results, detail drawer, saved searches, exports. */
export class SearchPage {
  readonly root: Locator;
  readonly navLink: Locator;
  readonly query: Locator;
  readonly submit: Locator;
  readonly total: Locator;
  readonly rows: Locator;
  readonly grid: Locator;
  readonly scroller: Locator;
  readonly empty: Locator;
  readonly detail: Locator;
  readonly original: Locator;
  readonly queryError: Locator;
  readonly queryErrorChar: Locator;
  readonly queryErrorText: Locator;
  readonly savedToggle: Locator;
  readonly savedName: Locator;
  readonly savedSave: Locator;
  readonly savedItems: Locator;
  readonly savedEmpty: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-search');
    this.navLink = page.getByTestId('nav-search');
    this.query = page.getByTestId('search-query');
    this.submit = page.getByTestId('search-submit');
    this.total = page.getByTestId('search-total');
    this.rows = page.getByTestId('search-row');
    this.grid = page.getByTestId('search-table');
    this.scroller = page.getByTestId('search-rows');
    this.empty = page.getByTestId('search-empty');
    this.detail = page.getByTestId('search-detail');
    this.original = page.getByTestId('search-original');
    this.queryError = page.getByTestId('query-error');
    this.queryErrorChar = page.getByTestId('query-error-char');
    this.queryErrorText = page.getByTestId('query-error-text');
    this.savedToggle = page.getByTestId('saved-toggle');
    this.savedName = page.getByTestId('saved-name');
    this.savedSave = page.getByTestId('saved-save');
    this.savedItems = page.getByTestId('saved-item');
    this.savedEmpty = page.getByTestId('saved-empty');
  }

  async open(): Promise<void> {
    await this.navLink.click();
    await expect(this.root).toBeVisible();
  }

  range(key: RelativeRange): Locator {
    return this.page.getByTestId(`search-range-${key}`);
  }

  /** Types a query and runs it; waits for the engine's answer (a total or a syntax error). */
  async search(query: string): Promise<void> {
    await this.query.fill(query);
    await this.submit.click();
    await expect(this.page.getByText('Recherche en cours…')).toBeHidden();
  }

  async totalValue(): Promise<number> {
    return Number(await this.total.getAttribute('data-total'));
  }

  /** The instants the engine resolved the range to (to repeat the same search through the API). */
  async resolvedRange(): Promise<{ from: string; to: string }> {
    return { from: (await this.total.getAttribute('data-from')) ?? '', to: (await this.total.getAttribute('data-to')) ?? '' };
  }

  /** The texts of one column over the rendered rows. */
  async columnTexts(column: string): Promise<string[]> {
    return this.rows.locator(`[data-column="${column}"]`).allTextContents();
  }

  /** The clickable value of a cell of the n-th rendered row. */
  cellValue(index: number, column: string): Locator {
    return this.rows.nth(index).locator(`[data-column="${column}"]`).getByTestId('filter-value');
  }

  /** Opens the detail of the n-th rendered row; returns the event id. */
  async openRow(index: number): Promise<number> {
    const row = this.rows.nth(index);
    const id = Number(await row.getAttribute('data-event-id'));
    await row.locator('[data-column="time"]').click();
    await expect(this.detail).toBeVisible();
    await expect(this.original).toBeVisible();
    return id;
  }

  /** The clickable value of one field in the detail drawer. */
  detailValue(field: string): Locator {
    return this.detail.locator(`[data-testid="detail-field"][data-field="${field}"]`).getByTestId('filter-value');
  }

  /** Clicks an export button and returns the downloaded file and its text. */
  async export(format: 'csv' | 'json'): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${format}`).click()]);
    const path = await download.path();
    return { download, text: await readFile(path, 'utf8') };
  }
}
