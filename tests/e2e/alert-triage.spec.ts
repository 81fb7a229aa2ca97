import { AlertTriagePanel } from './pages/AlertTriagePanel';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';

test('tri d’une alerte : statut « prise en compte » avec commentaire, l’historique le garde', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const alert = (await engine.call('alerts.list', {})).items.find((a) => a.status === 'nouvelle');
  if (!alert) throw new Error('demo data without a new alert');

  await new ShellPage(page).open('alerts');
  const panel = new AlertTriagePanel(page);
  await panel.open(alert.title);
  await expect(panel.root.getByTestId('alert-detail-title')).toHaveText(alert.title);
  await expect(panel.root).toContainText(alert.groupKey);
  await expect(panel.events.first()).toBeVisible();

  // An event of the alert opens in the event detail, with its original.
  await panel.events.first().getByTestId('alert-event-open').click();
  await expect(page.getByTestId('event-detail')).toBeVisible();
  await expect(page.getByTestId('event-original')).not.toBeEmpty();
  await page.getByTestId('event-detail-close').click();

  await panel.status.selectOption({ label: 'Prise en compte' });
  await panel.assignee.fill('Camille Laurent');
  await panel.save.click();
  await expect(panel.historyOf('status')).toHaveCount(1);
  await expect(panel.historyOf('status').getByTestId('alert-history-from')).toHaveText('Nouvelle');
  await expect(panel.historyOf('status').getByTestId('alert-history-to')).toHaveText('Prise en compte');
  await expect(panel.historyOf('status').getByTestId('alert-history-actor')).toHaveText('Camille Laurent');
  await expect(panel.historyOf('assignee').getByTestId('alert-history-to')).toHaveText('Camille Laurent');

  await panel.commentText.fill('Vu avec le cadre de santé : planning de garde à vérifier.');
  await panel.commentAdd.click();
  await expect(panel.comments).toHaveCount(1);
  await expect(panel.comments).toContainText('planning de garde');
  await expect(panel.comments).toContainText('Camille Laurent');
  await snap(page, testInfo, 'alerte-triee');

  const stored = await engine.call('alerts.get', { id: alert.id });
  expect(stored.status).toBe('prise_en_compte');
  expect(stored.assignee).toBe('Camille Laurent');
  expect(stored.comments.map((c) => c.text)).toEqual(['Vu avec le cadre de santé : planning de garde à vérifier.']);
  // The table follows.
  await expect(page.getByTestId('alerts-table-row').filter({ hasText: alert.title }).first()).toContainText('Prise en compte');
});

test('créer une suppression depuis une alerte : raison et expiration exigées, listée ensuite', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  // An alert grouped on one simple field (the form starts from its group key).
  const alert = (await engine.call('alerts.list', {})).items.find((a) => /^[\w.]+=[^,;|\s]+$/.test(a.groupKey));
  if (!alert) throw new Error('demo data without a simply grouped alert');

  await new ShellPage(page).open('alerts');
  const panel = new AlertTriagePanel(page);
  await panel.open(alert.title);
  await panel.root.getByTestId('alert-suppress').click();
  const form = page.getByTestId('suppression-form');
  await expect(form.getByTestId('suppression-fields')).toHaveValue(alert.groupKey);
  // Without a reason the form cannot be sent.
  await expect(form.getByTestId('suppression-create')).toBeDisabled();
  await form.getByTestId('suppression-reason').fill('Maintenance programmée du PACS');
  const expiry = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await form.getByTestId('suppression-expires').fill(expiry);
  await form.getByTestId('suppression-create').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Suppression n°' })).toBeVisible();
  await expect(form).toBeHidden();

  await page.getByTestId('suppressions-toggle').click();
  const row = panel.suppressions.filter({ hasText: 'Maintenance programmée du PACS' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(alert.ruleId);
  await expect(row.getByTestId('suppression-state')).toHaveAttribute('data-active', 'true');
  await snap(page, testInfo, 'suppression-creee');

  const stored = await engine.call('alerts.suppressions.list', { includeExpired: true });
  const created = stored.find((s) => s.reason === 'Maintenance programmée du PACS');
  expect(created?.ruleId).toBe(alert.ruleId);
  expect(Date.parse(created?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 13 * 86_400_000);

  await row.getByTestId('suppression-delete').click();
  await expect(row).toHaveCount(0);
});

test('nouvelles alertes en rafale : un seul toast, qui nomme la sévérité la plus grave', async ({ unlocked: page, engine }, testInfo) => {
  // Count every alert toast ever shown (toasts expire and at most four are visible at once).
  await page.evaluate(() => {
    const w = window as unknown as { alertToasts: string[] };
    w.alertToasts = [];
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of Array.from(r.addedNodes)) if (n instanceof HTMLElement && n.classList.contains('toast-alert')) w.alertToasts.push(n.textContent ?? '');
    }).observe(document.body, { childList: true, subtree: true });
  });
  // The demo's events go through live detection, which raises several alerts, high ones included.
  await engine.call('demo.load', {});
  const toast = page.getByTestId('toast').filter({ hasText: /nouvelles alertes \(la plus grave : (Élevée|Critique)\)/ });
  await expect(toast.first()).toBeVisible({ timeout: 30_000 });
  await expect(toast.first()).toHaveAttribute('data-severity', /^(high|critical)$/);
  await snap(page, testInfo, 'toast-nouvelles-alertes');
  const raised = (await engine.call('alerts.list', { limit: 200 })).items.filter((a) => !a.ruleId.startsWith('demo.'));
  expect(raised.length).toBeGreaterThan(3);
  const shown = await page.evaluate(() => (window as unknown as { alertToasts: string[] }).alertToasts);
  // Grouped: far fewer toasts than alerts (one per burst; a slow machine may split the load into a few bursts).
  expect(shown.length).toBeGreaterThanOrEqual(1);
  expect(shown.length).toBeLessThan(raised.length);
});
