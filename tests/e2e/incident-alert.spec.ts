import type { Page } from '@playwright/test';
import { IncidentPage } from './pages/IncidentPage';
import { ListPage } from './pages/ListPage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';

/** The incident actions of one alert in the alerts table. */
const actionsOf = (page: Page, alertId: number) => page.locator(`[data-testid="alert-actions"][data-alert-id="${alertId}"]`);

test('créer un incident depuis une alerte : il s’ouvre, reprend l’alerte et le trace', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const { items } = await engine.call('alerts.list', {});
  const alert = items.find((a) => a.incidentId === null);
  if (!alert) throw new Error('demo data without a free alert');

  await new ShellPage(page).open('alerts');
  const row = actionsOf(page, alert.id);
  await expect(new ListPage(page, 'alerts').rows.filter({ has: row })).toContainText(alert.title);
  await expect(row.getByTestId('alert-create-incident')).toBeVisible();
  await snap(page, testInfo, 'alertes-actions');
  await row.getByTestId('alert-create-incident').click();

  const incident = new IncidentPage(page);
  await expect(page).toHaveURL(/#\/incidents\/\d+$/);
  await expect(incident.title).toHaveText(alert.title);
  const id = incident.id();
  const stored = await engine.call('incidents.get', { id });
  expect(stored.alerts.map((a) => a.id)).toEqual([alert.id]);
  await expect(incident.phase).toHaveText('Détection');
  await expect(page.getByTestId('severity-badge').first()).toHaveAttribute('data-severity', alert.severity);

  const links = await incident.open('links');
  await expect(links.getByTestId('linked-alert')).toHaveCount(1);
  await expect(links.getByTestId('linked-alert')).toContainText(alert.title);

  const history = await incident.open('history');
  await expect(incident.history('created')).toHaveCount(1);
  await expect(incident.history('created')).toContainText('Camille Laurent');
  await expect(incident.history('alert').getByTestId('history-to')).toHaveText(String(alert.id));
  await expect(history).toContainText('Événements liés');
  await snap(page, testInfo, 'incident-depuis-alerte');

  // Back on the alerts: the alert now points to its incident.
  await new ShellPage(page).open('alerts');
  await expect(row.getByTestId('alert-incident-link')).toHaveText(`n° ${id}`);
  await expect(row.getByTestId('alert-create-incident')).toHaveCount(0);
});

test('rattacher une alerte à un incident ouvert', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const open = (await engine.call('incidents.list', {})).items[0];
  const alert = (await engine.call('alerts.list', {})).items.find((a) => a.incidentId === null);
  if (!alert) throw new Error('demo data without a free alert');

  await new ShellPage(page).open('alerts');
  const row = actionsOf(page, alert.id);
  await row.getByTestId('alert-attach').click();
  const select = row.getByTestId('alert-attach-select');
  await expect(select.locator('option', { hasText: open.title })).toHaveCount(1);
  await select.selectOption(String(open.id));
  await row.getByTestId('alert-attach-confirm').click();
  await expect(page.getByTestId('toast').filter({ hasText: `Alerte n° ${alert.id} rattachée à l’incident n° ${open.id}` })).toBeVisible();
  await expect(row.getByTestId('alert-incident-link')).toHaveText(`n° ${open.id}`);
  await snap(page, testInfo, 'alerte-rattachee');

  const detail = await engine.call('incidents.get', { id: open.id });
  expect(detail.alerts.map((a) => a.id)).toContain(alert.id);
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, open.id, 'history');
  await expect(incident.history('alert').filter({ has: page.getByTestId('history-to').getByText(String(alert.id), { exact: true }) })).toHaveCount(1);
});

test('observables : ajout avec type et TLP, recherche des observations dans les événements', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const demo = (await engine.call('incidents.list', {})).items[0];
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, demo.id, 'observables');
  const panel = incident.panel('observables');

  await panel.getByTestId('observable-value').fill('185.220.101.47');
  await panel.getByTestId('observable-type').selectOption('ip');
  await panel.getByTestId('observable-tlp').selectOption('GREEN');
  await panel.getByTestId('observable-add').click();
  const row = panel.getByTestId('observable-row').filter({ hasText: '185.220.101.47' });
  await expect(row.getByTestId('tlp-badge')).toHaveAttribute('data-tlp', 'GREEN');
  await expect(row.getByTestId('observable-sightings')).toHaveText('pas encore recherché');

  await row.getByTestId('observable-search').click();
  await expect(row.getByTestId('sightings-result')).toContainText('événement(s) trouvé(s)');
  const stored = (await engine.call('incidents.observables.list', { incidentId: demo.id })).find((o) => o.value === '185.220.101.47');
  expect(stored?.sightings ?? 0).toBeGreaterThan(0);
  await expect(row.getByTestId('observable-sightings')).toContainText(`${stored?.sightings} événements`);
  await expect(panel.getByTestId('sighting-events').locator('li')).not.toHaveCount(0);
  await expect(panel.getByTestId('sighting-events')).toContainText('185.220.101.47');
  await snap(page, testInfo, 'observables');
});
