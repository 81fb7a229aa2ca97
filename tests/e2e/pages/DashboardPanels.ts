import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { DashboardPage } from './DashboardPage';

/** The bits of a <canvas> read in the page (this file is type-checked without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
  getBoundingClientRect(): { width: number; height: number };
}

/** The rebuilt dashboard: every panel, the drill-down clicks, auto-refresh. */
export class DashboardPanels extends DashboardPage {
  readonly authFailures: Locator;
  readonly topIps: Locator;
  readonly topHosts: Locator;
  readonly anomalies: Locator;
  readonly alertsBySeverity: Locator;
  readonly alertsByStatus: Locator;
  readonly incidentsByPhase: Locator;
  readonly responseTrend: Locator;
  readonly legalBoard: Locator;
  readonly refresh: Locator;
  readonly autoRefresh: Locator;
  readonly autoRefreshState: Locator;

  constructor(page: Page) {
    super(page);
    this.authFailures = page.getByTestId('auth-failures');
    this.topIps = page.getByTestId('top-ips');
    this.topHosts = page.getByTestId('top-hosts');
    this.anomalies = page.getByTestId('access-anomalies');
    this.alertsBySeverity = page.getByTestId('alerts-by-severity');
    this.alertsByStatus = page.getByTestId('alerts-by-status');
    this.incidentsByPhase = page.getByTestId('incidents-by-phase');
    this.responseTrend = page.getByTestId('response-trend');
    this.legalBoard = page.getByTestId('legal-board');
    this.refresh = page.getByTestId('dashboard-refresh');
    this.autoRefresh = page.getByTestId('dashboard-autorefresh');
    this.autoRefreshState = page.getByTestId('dashboard-autorefresh-state');
  }

  /** A CSS custom property of the current theme (`#rrggbb`). */
  async themeColor(name: string): Promise<string> {
    return this.page.locator('html').evaluate((el, prop) => getComputedStyle(el as never).getPropertyValue(prop).trim(), name);
  }

  /**
   * Where a chart painted `hex` (a bar or segment of that colour), in CSS pixels of the canvas: the topmost
   * such pixel, a few pixels down so the click lands inside the shape (legends sit below the plot).
   */
  async colourPoint(chart: Locator, hex: string): Promise<{ x: number; y: number } | null> {
    return chart.locator('canvas').evaluate((element, colour) => {
      const canvas = element as unknown as CanvasLike;
      const ctx = canvas.getContext('2d');
      if (!ctx) return null;
      const want = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const near = (i: number) => data[i + 3] === 255 && want.every((v, k) => Math.abs(data[i + k] - v) <= 2);
      for (let y = 0; y < canvas.height - 4; y++) {
        for (let x = 0; x < canvas.width; x++) {
          // A filled shape: this pixel and the ones 4 px below and right are the colour.
          if (near((y * canvas.width + x) * 4) && near(((y + 4) * canvas.width + x) * 4) && near((y * canvas.width + x + 4) * 4)) {
            const rect = canvas.getBoundingClientRect();
            return { x: ((x + 2) * rect.width) / canvas.width, y: ((y + 3) * rect.height) / canvas.height };
          }
        }
      }
      return null;
    }, hex);
  }

  /** Clicks the chart where it painted `hex`. */
  async clickColour(chart: Locator, hex: string): Promise<void> {
    await this.expectChartDrawn(chart);
    // Wait for the entry animation to settle before reading pixels.
    await this.page.waitForTimeout(400);
    const point = await this.colourPoint(chart, hex);
    expect(point, `a shape painted ${hex}`).not.toBeNull();
    await chart.locator('canvas').click({ position: point ?? { x: 0, y: 0 } });
  }

  /** Screenshot of the whole dashboard (the page scrolls inside the shell: the viewport is grown for the shot). */
  async snapWhole(testInfo: TestInfo, name: string): Promise<void> {
    const viewport = this.page.viewportSize() ?? { width: 1366, height: 860 };
    const height = await this.page.locator('#content').evaluate((el) => el.scrollHeight + 80);
    await this.page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
    await this.page.waitForTimeout(500);
    await this.page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
    await this.page.setViewportSize(viewport);
  }

  topRows(list: Locator): Locator {
    return list.getByTestId('top-row');
  }
}
