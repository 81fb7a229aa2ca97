import { resolve } from 'node:path';
import { CsvMappingEditor } from './pages/CsvMappingEditor';
import { ImportsPage } from './pages/ImportsPage';
import { ShellPage } from './pages/ShellPage';
import { expect, snap, test } from './support/fixtures';
import { FIXTURES, syslogLines, writeLog } from './support/logs';

/** A real CSV export (OTRF security datasets): 301 S3 access records under a header row. */
const AWS_CSV = resolve(FIXTURES, 'otrf-security-datasets/data/aws/discovery/AWS_S3_HoneyBucketLogs.csv');

test('correspondance CSV : création avec aperçu en direct, erreurs affichées, import, modification, suppression', async ({
  unlocked: page,
  engine,
}, testInfo) => {
  await new ShellPage(page).open('sources');
  const imports = new ImportsPage(page);
  await imports.open();
  const editor = new CsvMappingEditor(page);
  await editor.open();

  // A new mapping: nothing typed yet, so saving is refused with the reasons.
  await expect(editor.save).toBeDisabled();
  await expect(editor.problems).toContainText('Donnez un nom à la correspondance.');
  await expect(editor.problems).toContainText("Indiquez la colonne de l'horodatage (@timestamp).");

  await editor.file.setInputFiles(AWS_CSV);
  await editor.name.fill('Honeypot S3');
  await editor.delimiter.selectOption(',');
  // A wrong column name: every previewed record says why it would go to quarantine.
  await editor.setColumn(0, '@timestamp', 'Horodatage');
  await expect(editor.previewCount).toHaveAttribute('data-total', '10');
  await expect(editor.previewCount).toHaveAttribute('data-ok', '0');
  await expect(editor.previewRows.first()).toHaveAttribute('data-ok', 'false');
  await expect(editor.previewRows.first().getByTestId('csv-preview-reason')).toContainText('Horodatage');
  await expect(editor.previewRows.first().getByTestId('csv-preview-reason')).toContainText('Champ obligatoire absent');

  // Fixed: the preview shows what would be stored, live.
  await editor.setColumn(0, '@timestamp', 'Event DateTime');
  await editor.setColumn(1, 'event.action', 'Event Name');
  await editor.setColumn(2, 'source.ip', 'Source IP');
  await editor.setColumn(3, 'user_agent.original', 'Request User Agent');
  await expect(editor.previewCount).toHaveAttribute('data-ok', '10');
  await expect(editor.previewCount).toContainText('10 sur 10');
  await expect(editor.cell(0, '@timestamp')).toHaveText('2022-02-18T17:34:57.000Z');
  await expect(editor.cell(0, 'source.ip')).toHaveText('177.131.167.145');
  await expect(editor.cell(0, 'event.action')).toHaveText('ListObjects');
  await expect(editor.root.getByTestId('csv-preview-header')).toContainText('Event DateTime');
  // The same field twice is refused before saving.
  await editor.setColumn(4, 'source.ip', 'Alert');
  await expect(editor.problems).toContainText('Le champ source.ip est indiqué deux fois.');
  await expect(editor.save).toBeDisabled();
  await editor.columnRows.nth(4).getByRole('button', { name: 'Retirer la ligne 5' }).click();
  await expect(editor.problems).toBeHidden();
  await snap(page, testInfo, 'csv-mapping-editor');

  await editor.save.click();
  await expect(page.getByTestId('import-csv-mapping')).toHaveValue('Honeypot S3');
  expect(await engine.call('csvMappings.list', {})).toEqual([
    {
      name: 'Honeypot S3',
      delimiter: ',',
      header: true,
      columns: {
        '@timestamp': 'Event DateTime',
        'event.action': 'Event Name',
        'source.ip': 'Source IP',
        'user_agent.original': 'Request User Agent',
      },
    },
  ]);

  // Import the file with it: every record stored.
  await imports.importFiles([AWS_CSV]);
  const s = await imports.finalSummary(imports.card('AWS_S3_HoneyBucketLogs.csv'));
  expect(s).toEqual({ in: 301, stored: 301, quarantined: 0, duplicates: 0, balanced: true });
  expect((await engine.call('events.list', { limit: 1 })).total).toBe(301);

  // Edit: a timestamp format that does not fit the file shows at once in the preview; saving keeps one mapping.
  await editor.which.selectOption('Honeypot S3');
  await expect(editor.name).toHaveValue('Honeypot S3');
  await editor.timestampFormat.fill('dd/MM/yyyy HH:mm:ss');
  await expect(editor.previewCount).toHaveAttribute('data-ok', '0');
  await expect(editor.previewRows.first().getByTestId('csv-preview-reason')).toContainText('Horodatage invalide');
  await editor.timestampFormat.fill('');
  await editor.setColumn(4, 'service.name', 'Event Type');
  await expect(editor.previewCount).toHaveAttribute('data-ok', '10');
  await expect(editor.cell(0, 'service.name')).toHaveText('AwsApiCall');
  await editor.save.click();
  await expect.poll(async () => (await engine.call('csvMappings.list', {}))[0]?.columns['service.name']).toBe('Event Type');

  // Delete, with a confirmation.
  await editor.delete.click();
  await editor.deleteConfirm.click();
  await expect.poll(async () => (await engine.call('csvMappings.list', {})).length).toBe(0);
  await expect(page.getByTestId('import-csv-mapping')).toHaveValue('');
  await expect(page.getByTestId('import-csv-mapping').locator('option')).toHaveCount(1);
});

test('lignes vides : ignorées, comptées et affichées à part du bilan reçus = stockés + quarantaine + doublons', async ({
  unlocked: page,
  engine,
}, testInfo) => {
  await new ShellPage(page).open('sources');
  const imports = new ImportsPage(page);
  await imports.open();
  const file = await writeLog(testInfo.outputPath('avec-vides.log'), [...syslogLines(3, 'sri').slice(0, 2), '', '', syslogLines(3, 'sri')[2], '   ', '']);
  await imports.importFiles([file]);
  const card = imports.card('avec-vides.log');
  const s = await imports.finalSummary(card);
  // 3 syslog lines stored, the line of spaces quarantined ('empty'), 3 empty lines skipped and counted.
  expect(s).toEqual({ in: 4, stored: 3, quarantined: 1, duplicates: 0, balanced: true });
  await expect(card.getByTestId('import-summary')).toHaveAttribute('data-blank', '3');
  await expect(card.getByTestId('import-summary')).toHaveText(
    '4 reçus = 3 stockés + 1 en quarantaine + 0 doublons (+ 3 lignes vides ignorées)',
  );
  const row = await engine.call('ingest.get', { importId: Number(await card.getAttribute('data-import-id')) });
  expect(row).toMatchObject({ recordsIn: 4, stored: 3, quarantined: 1, blankLines: 3 });
});
