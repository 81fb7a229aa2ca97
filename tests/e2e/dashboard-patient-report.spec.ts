import { readFile } from 'node:fs/promises';
import { ShellPage } from './pages/ShellPage';
import { TracesPage } from './pages/TracesPage';
import { expect, test } from './support/fixtures';

test('rapport d’accès patient : pseudonyme choisi dans les traces, lignes affichées, PDF téléchargé', async ({ unlocked: page, engine }, testInfo) => {
  await engine.call('demo.load', {});
  await new ShellPage(page).open('traces');
  const traces = new TracesPage(page);
  const link = traces.rows.first().getByTestId('trace-patient-link');
  const pseudonym = (await link.textContent()) ?? '';
  await link.click();

  const report = page.getByTestId('patient-report');
  await expect(report.getByTestId('report-patient')).toHaveValue(pseudonym);
  await expect(report.getByTestId('report-months')).toHaveValue('6');
  await report.getByTestId('report-run').click();
  const expected = await engine.call('reports.patientAccess', { patient: pseudonym, months: 6 });
  expect(expected.rows.length).toBeGreaterThan(0);
  await expect(report.getByTestId('report-result')).toHaveAttribute('data-total', String(expected.summary.total));
  await expect(report.getByTestId('report-row').first()).toBeVisible();
  await expect(report).toContainText(pseudonym);
  await expect(page.getByTestId('progress-toast')).toBeHidden();
  await report.screenshot({ path: testInfo.outputPath('patient-report.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('report-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByTestId('toast').filter({ hasText: 'Rapport PDF' })).toBeVisible();

  // A malformed pseudonym is refused before any call.
  await report.getByTestId('report-patient').fill('P-123');
  await expect(report.getByTestId('report-run')).toBeDisabled();
  await expect(report.getByTestId('report-pdf')).toBeDisabled();
});
