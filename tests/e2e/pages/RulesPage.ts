import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './ShellPage';

export type RulesTab = 'list' | 'editor' | 'retro' | 'lists';

/** The Règles page: rules table, import, editor with live validation, retro-hunt, watch-list. */
export class RulesPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly filter: Locator;
  readonly importInput: Locator;
  readonly importReport: Locator;
  readonly editorText: Locator;
  readonly validation: Locator;
  readonly problems: Locator;
  readonly retroSummary: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-rules');
    this.rows = page.getByTestId('rules-table-row');
    this.filter = page.getByTestId('rules-filter');
    this.importInput = page.getByTestId('rules-import-input');
    this.importReport = page.getByTestId('rules-import-report');
    this.editorText = page.getByTestId('rule-editor-text');
    this.validation = page.getByTestId('rule-validation');
    this.problems = page.getByTestId('rule-editor-problems').getByTestId('rule-problem');
    this.retroSummary = page.getByTestId('retro-summary');
  }

  /** Opens the page from the sidebar. */
  async open(): Promise<void> {
    await new ShellPage(this.page).open('rules');
  }

  async tab(name: RulesTab): Promise<void> {
    await this.page.getByTestId(`rules-tab-${name}`).click();
    await expect(this.page.getByTestId(`rules-tab-${name}`)).toHaveAttribute('aria-current', 'page');
  }

  /** The row of the rule with this exact title. */
  row(title: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('rule-title').getByText(title, { exact: true }) });
  }
}
