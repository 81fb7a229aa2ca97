import { expect, type Locator, type Page } from '@playwright/test';

export interface Summary {
  in: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  balanced: boolean;
}

/** Sources › Imports de fichiers: options, drop zone / pickers, progress cards, history. */
export class ImportsPage {
  readonly root: Locator;
  readonly tab: Locator;
  readonly fileInput: Locator;
  readonly folderInput: Locator;
  readonly format: Locator;
  readonly timezone: Locator;
  readonly cards: Locator;
  readonly history: Locator;
  readonly historyRows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('imports-section');
    this.tab = page.getByTestId('sources-tab-imports');
    this.fileInput = page.getByTestId('import-file-input');
    this.folderInput = page.getByTestId('import-folder-input');
    this.format = page.getByTestId('import-format');
    this.timezone = page.getByTestId('import-timezone');
    this.cards = page.getByTestId('import-card');
    this.history = page.getByTestId('import-history');
    this.historyRows = page.getByTestId('import-history-table-row');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.root).toBeVisible();
  }

  card(name: string): Locator {
    return this.cards.filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  /** Picks files with the file picker (as a user would) and waits for each card to appear. */
  async importFiles(paths: string[]): Promise<void> {
    await this.fileInput.setInputFiles(paths);
  }

  /** Waits until the card reaches a final status and reads its summary line. */
  async finalSummary(card: Locator, status = 'done'): Promise<Summary> {
    await expect(card).toHaveAttribute('data-status', status, { timeout: 30_000 });
    const summary = card.getByTestId('import-summary');
    await expect(summary).toBeVisible();
    const n = async (attr: string) => Number(await summary.getAttribute(`data-${attr}`));
    return {
      in: await n('in'),
      stored: await n('stored'),
      quarantined: await n('quarantined'),
      duplicates: await n('duplicates'),
      balanced: (await summary.getAttribute('data-balanced')) === 'true',
    };
  }
}
