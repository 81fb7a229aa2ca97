import { createSocket } from 'node:dgram';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ShellPage } from './pages/ShellPage';
import { SourcesPage } from './pages/SourcesPage';
import { expect, snap, test } from './support/fixtures';
import { GARBAGE, syslogLines } from './support/logs';

/** A loopback port nobody uses right now (bound then released). */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** A loopback TCP port with nothing listening on it (connections are refused). */
async function closedTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function sendUdp(port: number, messages: string[]): Promise<void> {
  const socket = createSocket('udp4');
  for (const m of messages) {
    await new Promise<void>((resolve, reject) => socket.send(Buffer.from(m), port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
  }
  await new Promise<void>((resolve) => socket.close(() => resolve()));
}

async function openSources(page: import('@playwright/test').Page): Promise<SourcesPage> {
  await new ShellPage(page).open('sources');
  const sources = new SourcesPage(page);
  await expect(sources.root).toBeVisible();
  return sources;
}

test('récepteur syslog UDP : création, compteurs en direct, pause, suppression', async ({ unlocked: page }, testInfo) => {
  const sources = await openSources(page);
  await expect(sources.empty).toBeVisible();
  await expect(sources.empty.locator('li')).not.toHaveCount(0);

  const port = await freeUdpPort();
  await sources.add.click();
  await expect(sources.form).toBeVisible();
  await sources.name.fill('Récepteur SRI');
  await sources.kind.selectOption('syslog-udp');
  await expect(sources.bind).toHaveValue('127.0.0.1');
  // Any other address warns that the port will be reachable from the network.
  await sources.bind.fill('0.0.0.0');
  await expect(page.getByTestId('source-exposed-warning')).toContainText('joignable depuis le réseau');
  await sources.bind.fill('127.0.0.1');
  await expect(page.getByTestId('source-exposed-warning')).toBeHidden();
  await sources.port.fill(String(port));
  await page.getByTestId('source-service').fill('SRI');
  await sources.save.click();
  await expect(sources.form).toBeHidden();

  const row = sources.row('Récepteur SRI');
  await expect(row).toBeVisible();
  await expect(row).toContainText(`127.0.0.1:${port}`);
  await sources.expectStatus(row, 'ok');
  await expect(row.getByTestId('source-status')).toHaveText('En service');

  await sendUdp(port, [...syslogLines(2, 'sri'), GARBAGE.unknown]);
  await expect.poll(() => sources.counter(row, 'received'), { timeout: 15_000 }).toBe(3);
  await expect.poll(() => sources.counter(row, 'stored')).toBe(2);
  await expect.poll(() => sources.counter(row, 'quarantined')).toBe(1);
  await snap(page, testInfo, 'source-udp-counters');

  // Test the running listener.
  await row.getByTestId('source-test').click();
  await expect(sources.testResult).toHaveAttribute('data-ok', 'true');
  await expect(sources.testResult).toContainText(String(port));

  // Paused: the listener stops, datagrams are not received any more.
  await row.getByTestId('source-toggle').click();
  await sources.expectStatus(row, 'paused');
  await expect(row.getByTestId('source-status')).toHaveText('En pause');
  await expect(row.getByTestId('source-toggle')).toHaveText('Reprendre');
  await sendUdp(port, syslogLines(2, 'ror'));
  await page.waitForTimeout(1000);
  expect(await sources.counter(row, 'received')).toBe(3);
  await snap(page, testInfo, 'source-udp-paused');

  // Delete, with confirmation.
  await row.getByTestId('source-delete').click();
  await page.getByTestId('source-delete-confirm').click();
  await expect(row).toBeHidden();
  await expect(sources.empty).toBeVisible();
});

test('connecteur FHIR : un test vers une adresse injoignable donne une erreur claire ; le secret reste masqué', async ({
  unlocked: page,
}, testInfo) => {
  const sources = await openSources(page);
  const port = await closedTcpPort();
  await sources.add.click();
  await sources.name.fill('FHIR du GRADeS');
  await sources.kind.selectOption('fhir');
  await sources.url.fill(`http://127.0.0.1:${port}/fhir`);
  await page.getByTestId('source-auth').selectOption('bearer');
  await page.getByTestId('source-secret').fill('jeton-tres-secret-123');
  await sources.formTest.click();
  await expect(sources.testResult).toHaveAttribute('data-ok', 'false');
  await expect(sources.testResult).toContainText('Échec du test');
  await expect(page.getByTestId('source-test-message')).not.toBeEmpty();
  await expect(sources.testResult).not.toContainText('jeton-tres-secret-123');
  await snap(page, testInfo, 'fhir-test-failed');

  await sources.save.click();
  const row = sources.row('FHIR du GRADeS');
  await expect(row).toBeVisible();
  await expect(row).toContainText('Secret enregistré');
  await expect(row).toContainText(`http://127.0.0.1:${port}/fhir`);

  // The stored secret is never shown again: the edit form leaves it empty and says it is stored.
  await row.getByTestId('source-edit').click();
  await expect(page.getByTestId('source-secret')).toHaveValue('');
  await expect(sources.form).toContainText('Secret enregistré — laissez vide pour le conserver.');
  await page.getByRole('button', { name: 'Annuler' }).click();

  // Testing the saved source fails the same way, naming it.
  await row.getByTestId('source-test').click();
  await expect(sources.testResult).toHaveAttribute('data-ok', 'false');
  await expect(sources.testResult).toContainText('Échec du test de « FHIR du GRADeS »');
  expect(await page.content()).not.toContain('jeton-tres-secret-123');
  await snap(page, testInfo, 'fhir-source');
});

test('dossier surveillé : déplacement des fichiers après import complet vers le dossier choisi', async ({ unlocked: page }, testInfo) => {
  const drop = testInfo.outputPath('depot');
  const processed = testInfo.outputPath('traites');
  await mkdir(drop, { recursive: true });
  await writeFile(join(drop, 'sri.log'), `${syslogLines(4, 'sri').join('\n')}\n${GARBAGE.unknown}\n`);
  const sources = await openSources(page);
  await sources.add.click();
  await sources.name.fill('Dépôt SRI');
  await sources.kind.selectOption('folder');
  await page.getByTestId('source-path').fill(drop);
  await expect(page.getByTestId('source-processed-path')).toBeHidden();
  await page.getByTestId('source-move-processed').check();
  await page.getByTestId('source-processed-path').fill('traites');
  await sources.save.click();
  // A relative path is refused with a clear message.
  await expect(page.getByTestId('source-form-error')).toBeVisible();
  await expect(sources.form).toContainText('Chemin absolu attendu');
  await page.getByTestId('source-processed-path').fill(processed);
  await sources.formTest.click();
  await expect(sources.testResult).toHaveAttribute('data-ok', 'true');
  await expect(sources.testResult).toContainText(`fichiers traités déplacés vers ${processed}`);
  await sources.save.click();
  await expect(sources.form).toBeHidden();

  const row = sources.row('Dépôt SRI');
  await expect.poll(() => sources.counter(row, 'stored'), { timeout: 20_000 }).toBe(4);
  await expect.poll(() => sources.counter(row, 'quarantined')).toBe(1);
  // Every line stored or quarantined: the file leaves the drop folder for the processed one.
  await expect.poll(async () => readdir(processed).catch(() => []), { timeout: 10_000 }).toEqual(['sri.log']);
  expect(await readdir(drop)).toEqual([]);

  // Edit: the option and the folder come back as saved.
  await row.getByTestId('source-edit').click();
  await expect(page.getByTestId('source-move-processed')).toBeChecked();
  await expect(page.getByTestId('source-processed-path')).toHaveValue(processed);
  await snap(page, testInfo, 'source-folder-move');
});
