import type { Page, TestInfo } from '@playwright/test';
import { DashboardPanels } from './pages/DashboardPanels';
import { SearchPage } from './pages/SearchPage';
import { expect, snap, test } from './support/fixtures';

/** A screenshot artifact once the demo load's progress toast has gone (it would cover the page). */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expect(page.getByTestId('progress-toast')).toBeHidden();
  await snap(page, testInfo, name);
}

/** Demo data loaded through the API, then the dashboard refreshed to show it. */
async function dashboardWithDemo(page: Page, load: () => Promise<unknown>): Promise<DashboardPanels> {
  await load();
  const dashboard = new DashboardPanels(page);
  await dashboard.refresh.click();
  await expect(dashboard.eventsChart).toBeVisible();
  return dashboard;
}

test('tableau de bord : tous les panneaux dessinés avec les données de démonstration', async ({ unlocked: page, engine }, testInfo) => {
  const dashboard = await dashboardWithDemo(page, () => engine.call('demo.load', {}));
  for (const chart of [
    dashboard.eventsChart,
    dashboard.serviceChart,
    dashboard.authFailures,
    dashboard.alertsBySeverity,
    dashboard.alertsByStatus,
    dashboard.incidentsByPhase,
    dashboard.responseTrend,
  ]) {
    await dashboard.expectChartDrawn(chart);
    await expect(chart.locator('canvas')).toHaveAttribute('role', 'img');
    await expect(chart.locator('canvas')).toHaveAttribute('aria-label', /\S/);
  }
  for (const list of [dashboard.topUsers, dashboard.topIps, dashboard.topHosts]) {
    await expect(dashboard.topRows(list).first()).toBeVisible();
  }
  await expect(dashboard.anomalies.getByTestId('anomaly-row').first()).toBeVisible();
  await expect(dashboard.anomalies.getByTestId('anomaly-reason').first()).toHaveText(/Volume inhabituel|Accès de nuit|Bris de glace/);
  await expect(dashboard.legalBoard.getByTestId('legal-empty')).toHaveText('Aucune échéance légale en cours.');
  // French labels and number formats on the panels.
  await expect(dashboard.eventsChart).toContainText('Événements dans le temps, par sévérité');
  await expect(dashboard.incidentsByPhase).toContainText('Incidents par phase');
  await expect(dashboard.autoRefreshState).toHaveText('Actualisation automatique toutes les minutes.');
  await dashboard.snapWhole(testInfo, 'dashboard-panels');

  // Stacked by service instead of severity: the same canvas redraws with the services.
  await page.getByTestId('events-chart-by-service').click();
  await expect(dashboard.eventsChart).toContainText('Événements dans le temps, par service');
  await dashboard.expectChartDrawn(dashboard.eventsChart);
  await shot(page, testInfo, 'dashboard-by-service');
});

test('tableau de bord : un clic sur une barre, un segment ou une ligne ouvre la recherche correspondante', async ({
  unlocked: page,
  engine,
}, testInfo) => {
  const dashboard = await dashboardWithDemo(page, () => engine.call('demo.load', {}));
  const search = new SearchPage(page);

  // A bar of the services chart: that service's events over the dashboard's window.
  await dashboard.clickColour(dashboard.serviceChart, await dashboard.themeColor('--chart-1'));
  await expect(search.root).toBeVisible();
  await expect(search.query).toHaveValue(/^service\.name:"[^"]+" AND @timestamp:\[\S+ TO \S+\}$/);
  const service = /^service\.name:"([^"]+)"/.exec(await search.query.inputValue())?.[1] ?? '';
  await expect(search.rows.first()).toBeVisible();
  expect(new Set(await search.columnTexts('service'))).toEqual(new Set([service]));
  await expect(search.page.getByTestId('search-range-absolute')).toHaveAttribute('aria-pressed', 'true');
  await shot(page, testInfo, 'drill-service');

  // A segment of the stacked chart: one bucket's events of that severity.
  await page.goBack();
  await expect(dashboard.root).toBeVisible();
  await dashboard.clickColour(dashboard.eventsChart, await dashboard.themeColor('--sev-info'));
  await expect(search.query).toHaveValue(/^@timestamp:\[\S+ TO \S+\} AND event\.severity:info$/);
  await expect(search.rows.first()).toBeVisible();
  expect(new Set(await search.rows.getByTestId('severity-badge').allTextContents())).toEqual(new Set(['Info']));
  await shot(page, testInfo, 'drill-severity');

  // A row of the top users: its query, and as many events as the panel said.
  await page.goBack();
  const row = dashboard.topRows(dashboard.topUsers).first();
  const query = (await row.getAttribute('data-query')) ?? '';
  const count = Number(await row.getAttribute('data-count'));
  await row.click();
  await expect(search.query).toHaveValue(query);
  await expect(search.total).toHaveAttribute('data-total', String(count));
  const user = /^user\.name:"([^"]+)"/.exec(query)?.[1];
  expect(new Set(await search.columnTexts('user'))).toEqual(new Set([user]));
  await shot(page, testInfo, 'drill-top-user');
});

test('tableau de bord : thème sombre, couleurs des graphiques prises du thème', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  await engine.call('settings.update', { theme: 'dark' });
  await page.reload();
  const dashboard = new DashboardPanels(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await dashboard.expectChartDrawn(dashboard.eventsChart);
  const surface = await dashboard.themeColor('--surface');
  expect(surface).toBe('#18202b');
  const panelBackground = await dashboard.eventsChart.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(panelBackground).toBe('rgb(24, 32, 43)');
  // The bars are painted in the dark theme's severity colour.
  await page.waitForTimeout(400);
  expect(await dashboard.colourPoint(dashboard.eventsChart, await dashboard.themeColor('--sev-info'))).not.toBeNull();
  expect(await dashboard.colourPoint(dashboard.eventsChart, '#6b7f99')).toBeNull();
  await dashboard.snapWhole(testInfo, 'dashboard-dark');
});

test('tableau de bord : échéance légale avec compte à rebours, actualisation automatique suspendable', async ({
  unlocked: page,
  engine,
}, testInfo) => {
  await engine.call('demo.load', {});
  const [incident] = (await engine.call('incidents.list', {})).items;
  await engine.call('legal.gdpr.update', { incidentId: incident.id, awareAt: new Date(Date.now() - 10 * 3_600_000).toISOString() });

  await page.clock.install();
  await page.reload();
  const dashboard = new DashboardPanels(page);
  const item = dashboard.legalBoard.getByTestId('legal-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Notification CNIL (72 h)');
  await expect(item).toContainText(incident.title);
  await expect(item.getByTestId('legal-countdown')).toHaveText(/^Échéance dans 2 j 1[34] h$/);
  await shot(page, testInfo, 'dashboard-legal');

  // Every minute the summary is read again, unless paused.
  const summaries = () => {
    let n = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/call/dashboard.summary')) n++;
    });
    return () => n;
  };
  const count = summaries();
  await page.clock.runFor(61_000);
  await expect.poll(count).toBe(1);
  await dashboard.autoRefresh.click();
  await expect(dashboard.autoRefreshState).toHaveText('Actualisation automatique en pause.');
  await page.clock.runFor(125_000);
  await page.waitForTimeout(300);
  expect(count()).toBe(1);
  await dashboard.autoRefresh.click();
  await page.clock.runFor(61_000);
  await expect.poll(count).toBe(2);

  // The deadline opens the incidents section on its query (which leads to that incident's obligations).
  const href = (await item.getByRole('link').getAttribute('href')) ?? '';
  expect(href.startsWith('#/incidents?')).toBe(true);
  expect(new URLSearchParams(href.split('?')[1]).get('q')).toBe(`incident:${incident.id} AND kind:cnil`);
  await item.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/incidents(\\?|/${incident.id})`));
});
