import type { Page } from '@playwright/test';
import { DashboardPage } from './pages/DashboardPage';
import { EventsPage } from './pages/EventsPage';
import { ListPage } from './pages/ListPage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';

async function loadDemoFromDashboard(page: Page): Promise<DashboardPage> {
  const dashboard = new DashboardPage(page);
  await expect(dashboard.empty).toBeVisible();
  await dashboard.demoButton.click();
  await expect(dashboard.empty).toBeHidden({ timeout: 30_000 });
  return dashboard;
}

test('données de démonstration : graphiques dessinés et indicateurs non nuls', async ({ unlocked: page }, testInfo) => {
  const dashboard = await loadDemoFromDashboard(page);
  await expect(page.getByTestId('toast').filter({ hasText: 'Données de démonstration chargées' })).toBeVisible();

  for (const kpi of ['total', 'openAlerts', 'openIncidents'] as const) {
    await expect.poll(() => dashboard.kpiValue(kpi), { message: `KPI ${kpi}` }).toBeGreaterThan(0);
  }
  await expect(dashboard.kpi('total')).toContainText('Événements');
  await dashboard.expectChartDrawn(dashboard.eventsChart);
  await dashboard.expectChartDrawn(dashboard.serviceChart);
  await expect(dashboard.topUsers.locator('li')).not.toHaveCount(0);
  await snap(page, testInfo, 'dashboard-7j');

  // Other periods reload the summary; 30 days holds at least as many events as 7.
  const week = await dashboard.kpiValue('total');
  await dashboard.range('30d').click();
  await expect(dashboard.range('30d')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => dashboard.kpiValue('total')).toBeGreaterThanOrEqual(week);
  await dashboard.range('24h').click();
  await expect.poll(() => dashboard.kpiValue('total')).toBeLessThanOrEqual(week);
  await snap(page, testInfo, 'dashboard-24h');
  // The progress toast of the finished load goes away on its own.
  await expect(page.getByTestId('progress-toast')).toBeHidden();
});

test('événements : lignes du tableau et détail avec l’événement original', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const shell = new ShellPage(page);
  await shell.open('events');
  const events = new EventsPage(page);
  await expect(events.rows.first()).toBeVisible();
  // Virtualised: far fewer rows in the DOM than on the page.
  const rendered = await events.rows.count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(200);
  await expect(events.pagerRange).toContainText('1–200 sur');

  const id = await events.openRow(2);
  const expected = await engine.call('events.get', { id });
  await expect(events.original).toHaveText(expected['event.original']);
  await expect(events.detail).toContainText(expected['service.name']);
  await snap(page, testInfo, 'event-detail');

  await page.getByTestId('event-detail-close').click();
  await expect(events.detail).toBeHidden();
});

test('alertes et incidents : listes non vides, libellés en français', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const shell = new ShellPage(page);

  await shell.open('alerts');
  const alerts = new ListPage(page, 'alerts');
  await expect(alerts.rows.first()).toBeVisible();
  const { total } = await engine.call('alerts.list', {});
  await expect(alerts.rows).toHaveCount(Math.min(total, 100));
  await expect(alerts.table.getByTestId('severity-badge').first()).toHaveText(/^(Info|Faible|Moyenne|Élevée|Critique)$/);
  await expect(alerts.table).toContainText(/Nouvelle|Prise en compte|Faux positif|Vrai positif|Close/);
  await expect(alerts.table).not.toContainText('prise_en_compte');
  await snap(page, testInfo, 'alerts');

  await shell.open('incidents');
  const incidents = new ListPage(page, 'incidents');
  await expect(incidents.rows.first()).toBeVisible();
  await expect(incidents.table).toContainText('TLP:');
  await expect(incidents.table).toContainText(/Détection|Qualification|Confinement|Éradication|Remédiation|Clôture/);
  await snap(page, testInfo, 'incidents');
});
