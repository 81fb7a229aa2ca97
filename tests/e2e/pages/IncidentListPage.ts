import type { Locator, Page } from '@playwright/test';

/** Incidents list: deadlines banner, filters, 'Nouvel incident' form, rows. */
export class IncidentListPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly newButton: Locator;
  readonly form: Locator;
  readonly deadlines: Locator;
  readonly filterText: Locator;
  readonly filterState: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-incidents');
    this.rows = page.getByTestId('incidents-table-row');
    this.newButton = page.getByTestId('new-incident');
    this.form = page.getByTestId('new-incident-form');
    this.deadlines = page.getByTestId('deadlines-banner');
    this.filterText = page.getByTestId('filter-text');
    this.filterState = page.getByTestId('filter-state');
    this.count = page.getByTestId('filter-count');
  }

  row(title: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('incident-link').getByText(title, { exact: true }) });
  }
}
