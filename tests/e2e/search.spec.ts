import type { Page, TestInfo } from '@playwright/test';
import { SearchPage } from './pages/SearchPage';
import { OPERATOR } from './support/data';
import { expect, snap, test } from './support/fixtures';

/** A screenshot artifact once the demo load's progress toast has gone (it would cover the page). */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expect(page.getByTestId('progress-toast')).toBeHidden();
  await snap(page, testInfo, name);
}

const SRI_FAILURES = 'service.name:SRI AND event.outcome:failure';

test('recherche : requête, détail avec l’original, filtre au clic, exclusion, export CSV consigné', async ({ unlocked: page, engine }, testInfo) => {
  const started = Date.now();
  await engine.call('demo.load', {});
  const search = new SearchPage(page);
  await search.open();
  await search.range('7d').click();
  await search.search(SRI_FAILURES);

  // The total is the engine's for the very same range, and every row is an SRI failure.
  const range = await search.resolvedRange();
  const expected = await engine.call('search.query', { query: SRI_FAILURES, ...range, limit: 1 });
  expect(expected.total).toBeGreaterThan(0);
  await expect(search.total).toHaveAttribute('data-total', String(expected.total));
  await expect(search.rows.first()).toBeVisible();
  expect(new Set(await search.columnTexts('service'))).toEqual(new Set(['SRI']));
  expect(new Set(await search.columnTexts('outcome'))).toEqual(new Set(['Échec']));
  expect(new URL(page.url()).hash).toContain('#/search?q=');
  await shot(page, testInfo, 'search-results');

  // Detail: every field and the original event, as stored.
  const id = await search.openRow(0);
  const event = await engine.call('events.get', { id });
  await expect(search.original).toHaveText(event['event.original']);
  await expect(search.detail.locator('[data-testid="detail-field"][data-field="event.dataset"]')).toContainText(event['event.dataset']);
  // Every normalized field of the event is shown, not only the list's columns.
  expect(event['process.name']).toBeTruthy();
  for (const field of ['process.name', 'user.id', 'destination.ip', 'health.object', 'health.purpose_of_use', 'user.roles'] as const) {
    const value = event[field];
    await expect(search.detail.locator(`[data-testid="detail-field"][data-field="${field}"]`)).toContainText(value ? String(value) : '—');
  }
  await shot(page, testInfo, 'search-detail');

  // Click a value of the detail: the query gains the filter, the results narrow to it.
  const user = event['user.name'];
  expect(user).toBeTruthy();
  await search.detailValue('user.name').click();
  const narrowed = `${SRI_FAILURES} AND user.name:"${user}"`;
  await expect(search.query).toHaveValue(narrowed);
  await expect(search.total).not.toHaveAttribute('data-from', range.from);
  const forUser = await engine.call('search.query', { query: narrowed, ...(await search.resolvedRange()), limit: 1 });
  await expect(search.total).toHaveAttribute('data-total', String(forUser.total));
  expect(forUser.total).toBeLessThan(expected.total);
  expect(new Set(await search.columnTexts('user'))).toEqual(new Set([user]));
  await shot(page, testInfo, 'search-filtered');

  // Shift-click a cell: that value is excluded instead.
  await search.query.fill(SRI_FAILURES);
  await search.submit.click();
  await expect(search.total).toHaveAttribute('data-total', String(expected.total));
  const host = (await search.cellValue(0, 'host').textContent()) ?? '';
  await search.cellValue(0, 'host').click({ modifiers: ['Shift'] });
  await expect(search.query).toHaveValue(`${SRI_FAILURES} AND NOT host.name:"${host}"`);
  await expect.poll(() => search.totalValue()).toBeLessThan(expected.total);
  await expect(search.rows.first()).toBeVisible();
  expect(await search.columnTexts('host')).not.toContain(host);

  // Export of the filtered results: a CSV download with the header and one line per event, recorded.
  const shown = await search.totalValue();
  const { download, text } = await search.export('csv');
  expect(download.suggestedFilename()).toMatch(/^vigie-evenements-.*\.csv$/);
  const lines = text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
  expect(lines[0]).toMatch(/^id,@timestamp,/);
  expect(lines[0]).toContain('event.original');
  expect(lines).toHaveLength(shown + 1);
  expect(lines.slice(1).every((l) => l.includes(',SRI,'))).toBe(true);
  await expect(page.getByTestId('toast').filter({ hasText: 'Export consigné' })).toBeVisible();
  const exports = await engine.call('search.exports.list', {});
  expect(exports.items[0]).toMatchObject({ format: 'csv', rows: shown, query: `${SRI_FAILURES} AND NOT host.name:"${host}"`, actor: OPERATOR.name });
  // When: recorded during this test.
  expect(Date.parse(exports.items[0].at)).toBeGreaterThanOrEqual(started);
  expect(Date.parse(exports.items[0].at)).toBeLessThanOrEqual(Date.now());
  await shot(page, testInfo, 'search-exported');

  // The same results as JSON: full events (original included), recorded as well — who, when, which query.
  const json = await search.export('json');
  expect(json.download.suggestedFilename()).toMatch(/^vigie-evenements-.*\.json$/);
  const events = JSON.parse(json.text) as Record<string, unknown>[];
  expect(events).toHaveLength(shown);
  expect(events.every((e) => e['service.name'] === 'SRI' && e['event.outcome'] === 'failure' && e['host.name'] !== host)).toBe(true);
  expect(events[0]).toHaveProperty(['event.original']);
  const after = await engine.call('search.exports.list', {});
  expect(after.items[0]).toMatchObject({ format: 'json', rows: shown, query: `${SRI_FAILURES} AND NOT host.name:"${host}"`, actor: OPERATOR.name });
  expect(after.total).toBe(exports.total + 1);
});

test('recherche : une erreur de syntaxe est montrée à sa position, avec ce qui était attendu', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const search = new SearchPage(page);
  await search.open();

  // Unknown field in the middle of the query: the caret sits under its first character.
  const query = 'service.name:SRI AND utilisateur:alice';
  await search.search(query);
  await expect(search.queryError).toBeVisible();
  await expect(search.queryError).toHaveAttribute('data-position', String(query.indexOf('utilisateur')));
  await expect(search.queryErrorChar).toHaveText('u');
  await expect(search.queryErrorText).toHaveText(`Erreur de syntaxe au caractère ${query.indexOf('utilisateur') + 1} : un nom de champ connu attendu.`);
  await expect(search.query).toHaveAttribute('aria-invalid', 'true');
  const caret = await search.queryErrorChar.evaluate((el) => getComputedStyle(el, '::after').content);
  expect(caret).toBe('"^"');
  await shot(page, testInfo, 'search-syntax-error-field');

  // Unclosed group: the position is the end of the query.
  const open = 'service.name:SRI AND (outcome:failure OR';
  await search.search(open);
  await expect(search.queryError).toHaveAttribute('data-position', String(open.length));
  await expect(search.queryErrorText).toContainText('attendu');
  await shot(page, testInfo, 'search-syntax-error-end');

  // Fixing the query hides the error and runs.
  await search.search('service.name:SRI AND (outcome:failure OR outcome:success)');
  await expect(search.queryError).toBeHidden();
  await expect(search.rows.first()).toBeVisible();

  // The syntax help lists the language and the fields; an example can be used as is.
  await page.getByTestId('syntax-help-toggle').click();
  const help = page.getByTestId('syntax-help');
  await expect(help).toContainText('Syntaxe des requêtes');
  await expect(help).toContainText('health.patient.pseudonym');
  await shot(page, testInfo, 'search-syntax-help');
  await help.getByRole('button', { name: 'severity:>=high' }).click();
  await expect(help).toBeHidden();
  await expect(search.query).toHaveValue('severity:>=high');
  await search.range('30d').click();
  await expect(search.total).toBeVisible();
  await expect(search.queryError).toBeHidden();
  expect(await search.rows.getByTestId('severity-badge').allTextContents()).not.toContain('Info');
});

test('recherche : recherche enregistrée, rechargée puis supprimée ; dates absolues à l’heure de Paris', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  const search = new SearchPage(page);
  await search.open();
  await search.range('30d').click();
  await search.search(SRI_FAILURES);
  const total = await search.totalValue();

  await search.savedToggle.click();
  await expect(search.savedEmpty).toBeVisible();
  await search.savedName.fill('Échecs SRI');
  await search.savedSave.click();
  await expect(search.savedItems).toHaveCount(1);
  await expect(search.savedItems.first()).toHaveAttribute('data-name', 'Échecs SRI');
  const stored = await engine.call('search.saved.list', {});
  expect(stored).toMatchObject([{ name: 'Échecs SRI', query: SRI_FAILURES, from: 'now-30d', to: 'now' }]);
  await shot(page, testInfo, 'search-saved');

  // Another search, then load the saved one: query and range come back, results too.
  await search.range('1h').click();
  await search.search('service.name:PACS');
  await search.savedItems.first().getByTestId('saved-load').click();
  await expect(search.query).toHaveValue(SRI_FAILURES);
  await expect(search.range('30d')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => search.totalValue()).toBeGreaterThanOrEqual(total);

  await search.savedItems.first().getByTestId('saved-delete').click();
  await expect(search.savedEmpty).toBeVisible();
  expect(await engine.call('search.saved.list', {})).toEqual([]);

  // Absolute dates are Paris wall-clock time, as the engine reads dates without an offset.
  const day = (offsetDays: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
        .formatToParts(new Date(Date.now() - offsetDays * 86_400_000))
        .map((x) => [x.type, x.value]),
    );
    return `${p.year}-${p.month}-${p.day}T00:00`;
  };
  await page.getByTestId('search-range-absolute').click();
  await page.getByTestId('search-range-from').fill(day(5));
  await page.getByTestId('search-range-to').fill(day(2));
  await page.getByTestId('search-range-apply').click();
  await expect(page.getByTestId('search-range-absolute')).toHaveAttribute('aria-pressed', 'true');
  const absolute = await engine.call('search.query', { query: SRI_FAILURES, from: day(5), to: day(2), limit: 1 });
  await expect(search.total).toHaveAttribute('data-from', absolute.from);
  await expect(search.total).toHaveAttribute('data-total', String(absolute.total));
  expect(new URL(page.url()).hash).toContain(`from=${encodeURIComponent(absolute.from)}`);
});

test('recherche : les résultats se chargent par pages en faisant défiler, lien direct avec requête', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  await page.goto(`${engine.origin}/#/search?q=${encodeURIComponent('service.name:SRI')}&from=now-30d`);
  const search = new SearchPage(page);
  await expect(search.query).toHaveValue('service.name:SRI');
  await expect(search.range('30d')).toHaveAttribute('aria-pressed', 'true');
  const total = await search.totalValue();
  expect(total).toBeGreaterThan(400);
  // Virtualised: the first page (200) is loaded but only the visible rows are in the DOM.
  await expect(search.grid).toHaveAttribute('aria-rowcount', '201');
  expect(await search.rows.count()).toBeLessThan(80);

  for (let i = 0; i < 10; i++) {
    await search.scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const loaded = Number(await search.grid.getAttribute('aria-rowcount')) - 1;
    if (loaded >= Math.min(total, 600)) break;
    await page.waitForTimeout(150);
  }
  await expect.poll(async () => Number(await search.grid.getAttribute('aria-rowcount')) - 1).toBeGreaterThan(400);
  await expect(search.rows.first()).toBeVisible();
  await shot(page, testInfo, 'search-scrolled');
});
