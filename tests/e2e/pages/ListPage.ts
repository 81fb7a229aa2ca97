import type { Locator, Page } from '@playwright/test';

/** Alerts and incidents: a heading, a table of rows or an empty state. */
export class ListPage {
  readonly root: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly empty: Locator;

  constructor(
    readonly page: Page,
    readonly section: 'alerts' | 'incidents',
  ) {
    this.root = page.getByTestId(`page-${section}`);
    this.table = page.getByTestId(`${section}-table`);
    this.rows = page.getByTestId(`${section}-table-row`);
    this.empty = page.getByTestId(`${section}-empty`);
  }
}
