import { expect, type Locator, type Page } from '@playwright/test';

export class EventsPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly detail: Locator;
  readonly original: Locator;
  readonly empty: Locator;
  readonly pagerRange: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-events');
    this.rows = page.getByTestId('event-row');
    this.detail = page.getByTestId('event-detail');
    this.original = page.getByTestId('event-original');
    this.empty = page.getByTestId('events-empty');
    this.pagerRange = page.getByTestId('pager-range');
  }

  /** Opens the detail of the n-th rendered row and returns that event's id. */
  async openRow(index: number): Promise<number> {
    const row = this.rows.nth(index);
    const id = Number(await row.getAttribute('data-event-id'));
    await row.click();
    await expect(this.detail).toBeVisible();
    return id;
  }
}
