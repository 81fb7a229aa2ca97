import { expect, type Locator, type Page } from '@playwright/test';

/** The sidebar sections, as `ROUTES` in renderer/src/hooks/useHashRoute.ts. */
export type Section = 'dashboard' | 'search' | 'events' | 'traces' | 'alerts' | 'rules' | 'incidents' | 'risks' | 'compliance' | 'sources' | 'settings';

export class ShellPage {
  readonly root: Locator;
  readonly heading: Locator;
  readonly operatorName: Locator;
  readonly operatorRole: Locator;
  readonly lockButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('shell');
    this.heading = page.getByTestId('page-heading');
    this.operatorName = page.getByTestId('operator-name');
    this.operatorRole = page.getByTestId('operator-role');
    this.lockButton = page.getByTestId('lock-button');
  }

  navLink(section: Section): Locator {
    return this.page.getByTestId(`nav-${section}`);
  }

  async open(section: Section): Promise<void> {
    await this.navLink(section).click();
    await expect(this.page.getByTestId(`page-${section}`)).toBeVisible();
    await expect(this.navLink(section)).toHaveAttribute('aria-current', 'page');
  }

  async waitVisible(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  async lock(): Promise<void> {
    await this.lockButton.click();
    await expect(this.root).toBeHidden();
  }
}
