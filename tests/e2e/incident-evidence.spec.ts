import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { IncidentPage } from './pages/IncidentPage';
import { expect, snap, test } from './support/fixtures';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

test('preuve : fichier ajouté, SHA-256 affichée égale à celle du fichier, téléchargement tracé', async ({ unlocked: page, engine }, testInfo) => {
  const created = await engine.call('incidents.create', { title: 'Compromission du compte d’un prestataire', severity: 'high', category: 'provider-compromise' });
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, created.id, 'evidence');
  const panel = incident.panel('evidence');
  await expect(panel.getByTestId('evidence-empty')).toBeVisible();

  const content = Buffer.from('2026-03-28T10:02:11+01:00 sshd[812]: Accepted password for presta-maint from 185.220.101.47\n', 'utf8');
  await panel.getByTestId('evidence-description').fill('Extrait du journal sshd');
  await panel.getByTestId('evidence-input').setInputFiles({ name: 'auth.log', mimeType: 'text/plain', buffer: content });
  await expect(panel.getByTestId('evidence-added')).toContainText('auth.log');
  await expect(incident.evidenceRows).toHaveCount(1);
  const row = incident.evidenceRows.first();
  await expect(row.getByTestId('evidence-name')).toHaveText('auth.log');
  await expect(row.getByTestId('evidence-sha256')).toHaveText(sha256(content));
  await expect(row.getByTestId('evidence-size')).toHaveAttribute('data-bytes', String(content.length));
  await expect(row).toContainText('Camille Laurent');
  await snap(page, testInfo, 'preuve-ajoutee');

  // Download: same bytes, and the chain of custody records it.
  const download = await incident.download(row.getByTestId('evidence-download'));
  expect(download.suggestedFilename()).toBe('auth.log');
  expect(sha256(await readFile(await download.path()))).toBe(sha256(content));
  await row.getByTestId('evidence-custody').click();
  const custody = panel.getByTestId('custody-table-row');
  await expect(custody).toHaveCount(2);
  await expect(custody.locator('[data-action="added"]')).toHaveText('ajoutée');
  await expect(custody.locator('[data-action="downloaded"]')).toHaveText('téléchargée');
  await expect(custody.filter({ hasText: 'téléchargée' })).toContainText('SHA-256 vérifiée');
  await snap(page, testInfo, 'chaine-de-tracabilite');

  await incident.open('history');
  await expect(incident.history('evidence')).toHaveCount(1);
});

test('preuve de plus de 512 Kio : envoyée par morceaux, empreinte identique', async ({ unlocked: page, engine }, testInfo) => {
  const created = await engine.call('incidents.create', { title: 'Exfiltration suspectée', severity: 'high', category: 'patient-data-leak' });
  const incident = new IncidentPage(page);
  await incident.goto(engine.origin, created.id, 'evidence');
  const panel = incident.panel('evidence');

  const content = randomBytes(1_300_000);
  await panel.getByTestId('evidence-input').setInputFiles({ name: 'capture réseau.pcap', mimeType: 'application/octet-stream', buffer: content });
  await expect(incident.evidenceRows).toHaveCount(1, { timeout: 30_000 });
  const row = incident.evidenceRows.first();
  await expect(row.getByTestId('evidence-sha256')).toHaveText(sha256(content));
  await expect(row.getByTestId('evidence-size')).toHaveAttribute('data-bytes', String(content.length));
  const stored = (await engine.call('incidents.evidence.list', { incidentId: created.id }))[0];
  expect(stored.sha256).toBe(sha256(content));
  await snap(page, testInfo, 'preuve-par-morceaux');
});
