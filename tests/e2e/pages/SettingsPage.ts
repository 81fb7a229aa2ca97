import type { Locator, Page } from '@playwright/test';

export class SettingsPage {
  readonly root: Locator;
  readonly language: Locator;
  readonly theme: Locator;
  readonly idle: Locator;
  readonly idleSave: Locator;
  readonly idleSaved: Locator;
  readonly dataDir: Locator;
  readonly jobsTable: Locator;
  readonly lockNow: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-settings');
    this.language = page.getByTestId('language-select');
    this.theme = page.getByTestId('theme-select');
    this.idle = page.getByTestId('idle-input');
    this.idleSave = page.getByTestId('idle-save');
    this.idleSaved = page.getByTestId('idle-saved');
    this.dataDir = page.getByTestId('data-dir');
    this.jobsTable = page.getByTestId('jobs-table');
    this.lockNow = page.getByTestId('settings-lock');
  }
}
