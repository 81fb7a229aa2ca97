import { ShellPage } from './pages/ShellPage';
import { TracesPage } from './pages/TracesPage';
import { expect, snap, test } from './support/fixtures';

test('traces d’accès vides : l’état vide explique d’où viennent les traces', async ({ unlocked: page }, testInfo) => {
  await new ShellPage(page).open('traces');
  const traces = new TracesPage(page);
  await expect(traces.empty).toBeVisible();
  await expect(traces.empty).toContainText('FHIR');
  await expect(traces.empty).toContainText('ATNA');
  await expect(traces.empty).toContainText('données de démonstration');
  await expect(traces.empty.getByRole('link', { name: 'Charger les données de démonstration' })).toHaveAttribute('href', '#/dashboard');
  await snap(page, testInfo, 'traces-empty');
});

test('traces d’accès après la démo : bris de glace mis en évidence, filtre par pseudonyme et utilisateur au clic', async ({
  unlocked: page,
  engine,
}, testInfo) => {
  await engine.call('demo.load', {});
  // The page followed the load: its toast shows the finished task for a few seconds.
  await expect(page.getByTestId('progress-toast')).toContainText('100');
  const shell = new ShellPage(page);
  await shell.open('traces');
  await expect(shell.heading).toHaveText("Traces d'accès");
  const traces = new TracesPage(page);
  const all = await engine.call('traces.list', { limit: 1 });
  expect(all.total).toBeGreaterThan(0);
  await traces.expectTotal(all.total);
  await expect(traces.rows.first()).toBeVisible();
  const rendered = await traces.rows.count();
  expect(rendered).toBeLessThan(Math.min(all.total, 200));
  await snap(page, testInfo, 'traces');

  // Break-glass only: every row carries the badge (text, not only colour) and the highlighted style.
  const breakGlass = await engine.call('traces.list', { limit: 500, breakGlassOnly: true });
  expect(breakGlass.total).toBeGreaterThan(0);
  await traces.breakGlassOnly.check();
  await traces.expectTotal(breakGlass.total);
  await expect(traces.chips.filter({ hasText: 'Bris de glace uniquement' })).toBeVisible();
  const bgRows = traces.rows;
  await expect(bgRows.first()).toHaveAttribute('data-break-glass', 'true');
  const count = await bgRows.count();
  for (let i = 0; i < count; i++) {
    await expect(bgRows.nth(i)).toHaveClass(/break-glass/);
    await expect(bgRows.nth(i).getByTestId('break-glass-badge')).toHaveText('Bris de glace');
  }
  const highlighted = await bgRows.first().evaluate((el) => getComputedStyle(el).boxShadow);
  expect(highlighted).not.toBe('none');
  await snap(page, testInfo, 'traces-break-glass');

  // Click a pseudonym: the table narrows to that patient's record.
  await traces.clearFilters.click();
  await traces.expectTotal(all.total);
  const link = traces.rows.first().getByTestId('trace-patient-link');
  const pseudonym = (await link.textContent()) ?? '';
  expect(pseudonym).toMatch(/^P-[A-Z2-7]{16}$/);
  await link.click();
  const forPatient = await engine.call('traces.list', { limit: 500, patient: pseudonym });
  await traces.expectTotal(forPatient.total);
  await expect(traces.chips.filter({ hasText: `Patient : ${pseudonym}` })).toBeVisible();
  await expect(traces.patient).toHaveValue(pseudonym);
  expect(new Set(await traces.columnTexts('trace-patient-link'))).toEqual(new Set([pseudonym]));
  await snap(page, testInfo, 'traces-patient');

  // Then a user within that record.
  // Some accesses have no user (a modality storing a study): take the first that names one.
  const userLink = traces.rows.getByTestId('trace-user-link').first();
  const user = (await userLink.textContent()) ?? '';
  await userLink.click();
  const both = await engine.call('traces.list', { limit: 500, patient: pseudonym, user });
  await traces.expectTotal(both.total);
  expect(new Set(await traces.columnTexts('trace-user-link'))).toEqual(new Set([user]));
  await expect(traces.chips).toHaveCount(2);

  // The demo load's progress toast (seen while loading) has gone by itself a few seconds after 100 %.
  await expect(page.getByTestId('progress-toast')).toBeHidden();

  // Removing the patient chip keeps the user filter.
  await traces.chips.filter({ hasText: 'Patient' }).getByRole('button').click();
  const forUser = await engine.call('traces.list', { limit: 1, user });
  await traces.expectTotal(forUser.total);

  // Per hub service: typed (or picked from the list of services), applied, every row is that service's.
  await traces.clearFilters.click();
  await traces.expectTotal(all.total);
  const service = all.items[0]['service.name'];
  const forService = await engine.call('traces.list', { limit: 1, service });
  expect(forService.total).toBeGreaterThan(0);
  expect(forService.total).toBeLessThan(all.total);
  await page.getByTestId('trace-service').fill(service);
  await traces.apply.click();
  await traces.expectTotal(forService.total);
  const services = await traces.rows.evaluateAll((rows) => rows.map((r) => r.querySelectorAll('[role="gridcell"]')[1]?.textContent ?? ''));
  expect(new Set(services)).toEqual(new Set([service]));
  await snap(page, testInfo, 'traces-service');
});

test('traces d’accès : un pseudonyme mal formé est signalé sans appel refusé', async ({ unlocked: page, engine }) => {
  await engine.call('demo.load', {});
  await new ShellPage(page).open('traces');
  const traces = new TracesPage(page);
  await traces.patient.fill('12345');
  await expect(page.getByRole('alert').filter({ hasText: 'pseudonyme' })).toBeVisible();
  await expect(traces.apply).toBeDisabled();
  await traces.patient.fill('P-AAAAAAAAAAAAAAAA');
  await traces.apply.click();
  await expect(traces.noMatch).toBeVisible();
});
