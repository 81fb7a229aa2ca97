import { expect, type Locator, type Page } from '@playwright/test';

/** Sources › Imports de fichiers › « Gérer les correspondances CSV »: the mapping editor and its live preview. */
export class CsvMappingEditor {
  readonly root: Locator;
  readonly openButton: Locator;
  readonly which: Locator;
  readonly name: Locator;
  readonly delimiter: Locator;
  readonly timestampFormat: Locator;
  readonly header: Locator;
  readonly columnRows: Locator;
  readonly addColumn: Locator;
  readonly file: Locator;
  readonly problems: Locator;
  readonly previewCount: Locator;
  readonly previewRows: Locator;
  readonly previewProblem: Locator;
  readonly save: Locator;
  readonly delete: Locator;
  readonly deleteConfirm: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('csv-editor');
    this.openButton = page.getByTestId('csv-editor-open');
    this.which = this.root.getByTestId('csv-editor-which');
    this.name = this.root.getByTestId('csv-editor-name');
    this.delimiter = this.root.getByTestId('csv-editor-delimiter');
    this.timestampFormat = this.root.getByTestId('csv-editor-timestamp-format');
    this.header = this.root.getByTestId('csv-editor-header');
    this.columnRows = this.root.getByTestId('csv-editor-column-row');
    this.addColumn = this.root.getByTestId('csv-editor-add-column');
    this.file = this.root.getByTestId('csv-editor-file');
    this.problems = this.root.getByTestId('csv-editor-problems');
    this.previewCount = this.root.getByTestId('csv-preview-count');
    this.previewRows = this.root.getByTestId('csv-preview-row');
    this.previewProblem = this.root.getByTestId('csv-preview-problem');
    this.save = this.root.getByTestId('csv-editor-save');
    this.delete = this.root.getByTestId('csv-editor-delete');
    this.deleteConfirm = this.root.getByTestId('csv-editor-delete-confirm');
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.root).toBeVisible();
  }

  /** Sets row `i` (adding rows as needed): normalized field ← column. */
  async setColumn(i: number, field: string, column: string): Promise<void> {
    while ((await this.columnRows.count()) <= i) await this.addColumn.click();
    const row = this.columnRows.nth(i);
    await row.getByTestId('csv-editor-field').fill(field);
    await row.getByTestId('csv-editor-column').fill(column);
  }

  /** The preview cell of `field` in preview row `i`. */
  cell(i: number, field: string): Locator {
    return this.previewRows.nth(i).locator(`td[data-field="${field}"]`);
  }
}
