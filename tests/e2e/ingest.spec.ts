import { readFileSync } from 'node:fs';
import { ImportsPage } from './pages/ImportsPage';
import { QuarantinePage } from './pages/QuarantinePage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';
import { MIXED_LINES, scratchDir, SYSLOG_5424_FIXTURE, syslogLines, writeLog } from './support/logs';

async function openImports(page: import('@playwright/test').Page): Promise<ImportsPage> {
  await new ShellPage(page).open('sources');
  const imports = new ImportsPage(page);
  await imports.open();
  return imports;
}

test('import de fichiers : reçus = stockés + quarantaine + doublons, quarantaine lisible, réimport sans ajout', async ({
  unlocked: page,
  engine,
}, testInfo) => {
  const mixed = await writeLog(testInfo.outputPath('mixte.log'), MIXED_LINES);
  const imports = await openImports(page);
  await expect(imports.timezone).toHaveValue('Europe/Paris');
  await imports.importFiles([SYSLOG_5424_FIXTURE, mixed]);

  // Our mixed file: 9 lines, 6 readable, 3 garbage.
  const mixedCard = imports.card('mixte.log');
  const m = await imports.finalSummary(mixedCard);
  expect(m).toEqual({ in: 9, stored: 6, quarantined: 3, duplicates: 0, balanced: true });
  await expect(mixedCard.getByTestId('import-summary')).toHaveText('9 reçus = 6 stockés + 3 en quarantaine + 0 doublons');

  // The jc fixture: every line accounted for, and the card says what the engine recorded.
  const fixtureCard = imports.card('syslog-5424.out');
  const f = await imports.finalSummary(fixtureCard);
  // Blank lines are not records; every other line is counted once.
  const fixtureLines = readFileSync(SYSLOG_5424_FIXTURE, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
  expect(f.in).toBe(fixtureLines);
  expect(f.balanced).toBe(true);
  expect(f.stored).toBeGreaterThan(0);
  expect(f.quarantined).toBeGreaterThanOrEqual(2); // the impossible year 203 and the `<190)` line at least
  const fixtureId = Number(await fixtureCard.getAttribute('data-import-id'));
  const row = await engine.call('ingest.get', { importId: fixtureId });
  expect({ in: row.recordsIn, stored: row.stored, quarantined: row.quarantined, duplicates: row.duplicates }).toEqual({
    in: f.in,
    stored: f.stored,
    quarantined: f.quarantined,
    duplicates: f.duplicates,
  });
  expect(row.status).toBe('done');
  await mixedCard.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'imports-done');

  // The progress bar goes away a few seconds after the end; the summary stays.
  await expect(mixedCard.getByTestId('import-progress-block')).toBeHidden({ timeout: 10_000 });
  await expect(mixedCard.getByTestId('import-summary')).toBeVisible();

  // History lists both, done.
  await expect(imports.historyRows).toHaveCount(2);
  await expect(imports.history.getByTestId('import-history-status').first()).toHaveText('Terminé');
  const events = (await engine.call('events.list', { limit: 1 })).total;
  expect(events).toBe(6 + f.stored);

  // The quarantine of the mixed file: three lines, their reasons, the raw bytes shown escaped.
  const mixedId = Number(await mixedCard.getAttribute('data-import-id'));
  await imports.historyRows.filter({ hasText: 'mixte.log' }).getByTestId('import-history-quarantine').click();
  const quarantine = new QuarantinePage(page);
  await expect(quarantine.root).toBeVisible();
  await expect(quarantine.importFilter).toHaveValue(String(mixedId));
  await quarantine.expectTotal(3);
  const positions = (await quarantine.rows.getByTestId('quarantine-position').allTextContents()).map((p) => p.split(' · ')[0]);
  expect(positions.sort()).toEqual(['line 7', 'line 8', 'line 9']);
  const binaryRow = quarantine.rows.filter({ hasText: 'Données binaires' });
  await expect(binaryRow).toHaveCount(1);
  await expect(binaryRow.getByTestId('quarantine-raw')).toHaveText('bin\\x00\\x01\\x02ary');
  await expect(quarantine.rows.filter({ hasText: 'Format non reconnu' })).toHaveCount(2);
  for (const reason of await quarantine.rows.getByTestId('quarantine-reason').allTextContents()) expect(reason.length).toBeGreaterThan(10);
  await snap(page, testInfo, 'quarantine');

  // Re-importing the same file adds nothing.
  const before = await engine.call('quarantine.list', { limit: 1 });
  await imports.open();
  await imports.importFiles([mixed]);
  const again = imports.card('mixte.log').last();
  const r = await imports.finalSummary(again);
  expect(r.stored).toBe(0);
  expect(r.in).toBe(9);
  expect(r.balanced).toBe(true);
  expect((await engine.call('events.list', { limit: 1 })).total).toBe(events);
  expect((await engine.call('quarantine.list', { limit: 1 })).total).toBe(before.total);
  await again.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'reimport');
});

test('quarantaine : retraiter la sélection puis tout, avec la détection automatique', async ({ unlocked: page, engine }, testInfo) => {
  const mixed = await writeLog(testInfo.outputPath('mauvais-format.log'), MIXED_LINES);
  const imports = await openImports(page);
  // Wrong format chosen on purpose: only the CEF line is readable as CEF.
  await imports.format.selectOption('cef');
  await imports.importFiles([mixed]);
  const s = await imports.finalSummary(imports.card('mauvais-format.log'));
  expect(s).toEqual({ in: 9, stored: 1, quarantined: 8, duplicates: 0, balanced: true });

  const quarantine = new QuarantinePage(page);
  await quarantine.open();
  await quarantine.expectTotal(8);
  await expect(quarantine.rows.filter({ hasText: 'Illisible pour le format' }).first()).toBeVisible();

  await quarantine.reprocessFormat.selectOption('auto');
  await quarantine.select('line 1');
  await expect(quarantine.reprocessSelected).toHaveText('Retraiter la sélection (1)');
  await quarantine.reprocessSelected.click();
  await expect(quarantine.result).toHaveText('1 enregistrement retraité : 1 stocké(s), 0 toujours en quarantaine.');
  await quarantine.expectTotal(7);

  await quarantine.reprocessAll.click();
  await expect(quarantine.result).toHaveText('7 enregistrements retraités : 4 stockés, 3 toujours en quarantaine.');
  await quarantine.expectTotal(3);
  expect((await engine.call('events.list', { limit: 1 })).total).toBe(6);
  await snap(page, testInfo, 'quarantine-reprocessed');
});

test('import : un envoi en cours s’annule, et l’historique le dit', async ({ unlocked: page, engine }, testInfo) => {
  // ~24 MiB: dozens of chunks, time enough to press Cancel during the upload.
  const scratch = await scratchDir();
  const big = await writeLog(scratch.path('gros.log'), syslogLines(200_000, 'pacs'));
  const imports = await openImports(page);
  await imports.importFiles([big]);
  const card = imports.card('gros.log');
  await expect(card).toHaveAttribute('data-phase', 'uploading');
  await expect(card.getByTestId('import-progress')).toBeVisible();
  await card.getByTestId('import-cancel').click();
  await expect(card).toHaveAttribute('data-status', /^(aborted|cancelled)$/, { timeout: 20_000 });
  await expect(card.getByTestId('import-status')).toHaveText('Annulé');
  await card.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'upload-cancelled');
  const id = Number(await card.getAttribute('data-import-id'));
  await expect.poll(async () => (await engine.call('ingest.get', { importId: id })).status).toBe('cancelled');
  const row = await engine.call('ingest.get', { importId: id });
  expect(row.recordsIn).toBe(row.stored + row.quarantined + row.duplicates);
  expect(row.recordsIn).toBeLessThan(200_000);
  await scratch.remove();
});

test('import : déposer un fichier sur la zone de dépôt', async ({ unlocked: page, engine }) => {
  const imports = await openImports(page);
  const zone = page.getByTestId('import-dropzone');
  const text = [...syslogLines(3, 'ror'), ''].join('\n');
  const transfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'depose.log', { type: 'text/plain' }));
    return dt;
  }, text);
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  const s = await imports.finalSummary(imports.card('depose.log'));
  expect(s).toEqual({ in: 3, stored: 3, quarantined: 0, duplicates: 0, balanced: true });
  expect((await engine.call('events.list', { limit: 1 })).total).toBe(3);
});

test('import par chemin : annulé en cours de traitement puis repris jusqu’au bout', async ({ unlocked: page, engine }, testInfo) => {
  // Large enough to cancel mid-way on a fast machine, small enough to finish on a busy 2-core one.
  test.setTimeout(150_000);
  const lines = 200_000;
  const scratch = await scratchDir();
  const path = await writeLog(scratch.path('chemin.log'), syslogLines(lines, 'mssante'));
  const imports = await openImports(page);
  await page.getByTestId('path-import-input').fill(path);
  await page.getByTestId('path-import-submit').click();
  const card = imports.card(path);
  await expect(card).toHaveAttribute('data-status', 'processing');
  await card.getByTestId('import-cancel').click();
  await expect(card).toHaveAttribute('data-status', 'cancelled', { timeout: 20_000 });
  const id = Number(await card.getAttribute('data-import-id'));
  const cancelled = await engine.call('ingest.get', { importId: id });
  expect(cancelled.resumable).toBe(true);
  expect(cancelled.recordsIn).toBeLessThan(lines);
  await card.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'path-cancelled');

  // Resume from the history: the import ends with every line stored once.
  const row = imports.historyRows.filter({ hasText: 'chemin.log' });
  await expect(row.getByTestId('import-history-status')).toHaveText('Annulé');
  await row.getByTestId('import-resume').click();
  await expect(row.getByTestId('import-history-status')).toHaveText('Terminé', { timeout: 120_000 });
  const done = await engine.call('ingest.get', { importId: id });
  expect(done.recordsIn).toBe(lines);
  expect(done.stored + done.duplicates).toBe(lines);
  expect((await engine.call('events.list', { limit: 1 })).total).toBe(lines);
  // The card that showed the cancellation follows the resumed import to its end.
  await expect(card).toHaveAttribute('data-status', 'done');
  await expect(card.getByTestId('import-summary')).toHaveAttribute('data-in', String(lines));
  await row.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'path-resumed');
  await scratch.remove();
});
