import type { Locator } from '@playwright/test';
import { DashboardPanels } from './pages/DashboardPanels';
import { expect, snap, test } from './support/fixtures';

const OPEN = ['nouvelle', 'prise_en_compte', 'vrai_positif'];
const SEVERITY_LABEL: Record<string, string> = { info: 'Info', low: 'Faible', medium: 'Moyenne', high: 'Élevée', critical: 'Critique' };
const STATUS_LABEL: Record<string, string> = {
  nouvelle: 'Nouvelle',
  prise_en_compte: 'Prise en compte',
  faux_positif: 'Faux positif',
  vrai_positif: 'Vrai positif',
  close: 'Close',
};

/** Every row of the alert list (statuses and severities as shown). */
async function shownAlerts(table: Locator): Promise<{ severity: string; status: string }[]> {
  return table.getByTestId('alerts-table-row').evaluateAll((rows) =>
    rows.map((r) => ({
      severity: r.querySelector('[data-testid="severity-badge"]')?.getAttribute('data-severity') ?? '',
      status: r.querySelector('.status')?.textContent ?? '',
    })),
  );
}

test('tableau de bord : un clic sur « alertes par sévérité » ou « par statut » ouvre la liste des alertes filtrée', async ({
  unlocked: page,
  engine,
}, testInfo) => {
  await engine.call('demo.load', {});
  const dashboard = new DashboardPanels(page);
  await dashboard.refresh.click();
  await dashboard.expectChartDrawn(dashboard.alertsBySeverity);

  // The severity with the most open alerts, clicked where the chart painted it.
  const to = new Date().toISOString();
  const summary = await engine.call('dashboard.summary', { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to });
  const bar = [...summary.alertsBySeverity].sort((a, b) => b.count - a.count)[0];
  expect(bar.count).toBeGreaterThan(0);
  await dashboard.clickColour(dashboard.alertsBySeverity, await dashboard.themeColor(`--sev-${bar.key}`));

  await expect(page).toHaveURL(/#\/alerts\?q=/);
  const q = new URLSearchParams(page.url().split('?')[1]).get('q') ?? '';
  expect(q).toBe(bar.query);
  const filterBar = page.getByTestId('alerts-filter');
  await expect(filterBar).toContainText(`sévérité ${SEVERITY_LABEL[bar.key]}`);
  await expect(filterBar).toContainText('statut Nouvelle, Prise en compte, Vrai positif');
  const table = page.getByTestId('alerts-table');
  await expect(table.getByTestId('alerts-table-row')).toHaveCount(Math.min(bar.count, 100));
  for (const a of await shownAlerts(table)) {
    expect(a.severity).toBe(bar.key);
    expect(OPEN.map((s) => STATUS_LABEL[s])).toContain(a.status);
  }
  const all = await engine.call('alerts.list', { limit: 1 });
  expect(all.total).toBeGreaterThan(bar.count);
  await snap(page, testInfo, 'alerts-from-dashboard-severity');

  // Removing the filter shows every alert again.
  await page.getByTestId('alerts-filter-clear').click();
  await expect(page.getByTestId('alerts-filter')).toBeHidden();
  await expect(table.getByTestId('alerts-table-row')).toHaveCount(Math.min(all.total, 100));

  // A bar of « alertes par statut » (through its data table): that status, active in the dashboard's window.
  await page.goBack();
  await page.goBack();
  await expect(dashboard.root).toBeVisible();
  await dashboard.expectChartDrawn(dashboard.alertsByStatus);
  await dashboard.alertsByStatus.getByText('Voir les données').click();
  const statusRow = dashboard.alertsByStatus.locator('tbody tr').filter({ has: page.getByRole('button') }).first();
  const statusLabel = (await statusRow.locator('th').textContent()) ?? '';
  const statusCount = Number(((await statusRow.getByRole('button').textContent()) ?? '').replace(/\s/g, ''));
  await statusRow.getByRole('button').click();
  await expect(page).toHaveURL(/#\/alerts\?q=status/);
  await expect(page.getByTestId('alerts-filter')).toContainText(`statut ${statusLabel}`);
  await expect(page.getByTestId('alerts-filter')).toContainText('actives entre le');
  await expect(table.getByTestId('alerts-table-row')).toHaveCount(Math.min(statusCount, 100));
  for (const a of await shownAlerts(table)) expect(a.status).toBe(statusLabel);
  await snap(page, testInfo, 'alerts-from-dashboard-status');
});
