import { expect, type Locator, type Page } from '@playwright/test';

/** The bits of a <canvas> read in the page (this file is type-checked without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

export type Kpi = 'total' | 'authFailures' | 'breakGlass' | 'openAlerts' | 'openIncidents';

export class DashboardPage {
  readonly root: Locator;
  readonly empty: Locator;
  readonly demoButton: Locator;
  readonly demoProgress: Locator;
  readonly eventsChart: Locator;
  readonly serviceChart: Locator;
  readonly topUsers: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-dashboard');
    this.empty = page.getByTestId('dashboard-empty');
    this.demoButton = page.getByTestId('demo-load');
    this.demoProgress = page.getByTestId('demo-progress');
    this.eventsChart = page.getByTestId('events-chart');
    this.serviceChart = page.getByTestId('service-chart');
    this.topUsers = page.getByTestId('top-users');
  }

  range(key: '24h' | '7d' | '30d'): Locator {
    return this.page.getByTestId(`range-${key}`);
  }

  kpi(key: Kpi): Locator {
    return this.page.getByTestId(`kpi-${key}`);
  }

  /** The raw number behind a KPI tile (the text is locale-formatted). */
  async kpiValue(key: Kpi): Promise<number> {
    const raw = await this.kpi(key).getByTestId('kpi-value').getAttribute('data-value');
    return Number(raw);
  }

  /** Count of non-transparent pixels drawn on a chart's canvas. */
  async paintedPixels(chart: Locator): Promise<number> {
    return chart.locator('canvas').evaluate((element) => {
      const canvas = element as unknown as CanvasLike;
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
      return painted;
    });
  }

  async expectChartDrawn(chart: Locator): Promise<void> {
    await expect(chart.locator('canvas')).toBeVisible();
    await expect.poll(() => this.paintedPixels(chart), { message: 'chart canvas has drawn pixels' }).toBeGreaterThan(500);
  }
}
