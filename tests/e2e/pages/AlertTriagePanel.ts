import type { Locator, Page } from '@playwright/test';

/** The detail panel of one alert on the Alertes page, and the suppressions list. */
export class AlertTriagePanel {
  readonly root: Locator;
  readonly status: Locator;
  readonly assignee: Locator;
  readonly save: Locator;
  readonly commentText: Locator;
  readonly commentAdd: Locator;
  readonly comments: Locator;
  readonly history: Locator;
  readonly events: Locator;
  readonly suppressions: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('alert-detail');
    this.status = this.root.getByTestId('alert-status');
    this.assignee = this.root.getByTestId('alert-assignee');
    this.save = this.root.getByTestId('alert-triage-save');
    this.commentText = this.root.getByTestId('alert-comment-text');
    this.commentAdd = this.root.getByTestId('alert-comment-add');
    this.comments = this.root.getByTestId('alert-comment');
    this.history = this.root.getByTestId('alert-history-entry');
    this.events = this.root.getByTestId('alert-events-table-row');
    this.suppressions = page.getByTestId('suppressions-table-row');
  }

  /** Opens the alert whose title is exactly `title` from the alerts table. */
  async open(title: string): Promise<void> {
    await this.page.getByTestId('alerts-table').getByRole('button', { name: title, exact: true }).first().click();
  }

  historyOf(field: 'created' | 'status' | 'assignee' | 'incident'): Locator {
    return this.root.locator(`[data-testid="alert-history-entry"][data-field="${field}"]`);
  }
}
