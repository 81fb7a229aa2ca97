import { describe, expect, it } from 'vitest';
import { bundleSchema } from '../../../../main/incidents/export/bundle';
import { exportIncident } from '../../../../main/incidents/export/export';
import { escapeHtml } from '../../../../main/incidents/export/html';
import { pdfText } from '../../../../main/incidents/export/pdf-kit';
import { addTimeline, HOUR, legalVault, T0 } from '../legal/fixture';
import { pdfPageCount, pdfTextOf } from './pdf-text';
import { RED_EMAIL, seedIncident } from './seed';

const NOW = T0 + 6 * HOUR;
const XSS = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

describe('HTML report', () => {
  it('escapes every value and loads nothing external', async () => {
    const db = await legalVault();
    const id = await seedIncident(db, { title: `Titre ${XSS}`, description: `Description ${XSS}` });
    const r = await exportIncident(db, { incidentId: id, format: 'html', tlp: 'RED' }, 'rssi "dupont" <admin>', NOW);
    const html = r.content ?? '';
    expect(r.mime).toBe('text/html;charset=utf-8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain('Titre &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('rssi &quot;dupont&quot; &lt;admin&gt;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).toContain('<html lang="fr">');
    for (const h of ['Résumé', 'Statut légal', 'Chronologie', 'Tâches', 'Observables', 'Preuves', 'Historique']) expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).toContain('style="color:#FF2B2B"><span>TLP:RED</span>');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('says what was stripped for the TLP', async () => {
    const db = await legalVault();
    const id = await seedIncident(db);
    const r = await exportIncident(db, { incidentId: id, format: 'html', tlp: 'AMBER' }, 'rssi', NOW);
    const html = r.content ?? '';
    expect(html).toContain('<p class="note" role="note">Export au niveau TLP:AMBER');
    expect(html).toContain('<h2>Éléments retirés pour ce niveau TLP</h2>');
    expect(html).not.toContain(RED_EMAIL);
    expect(html).toContain('style="color:#FFC000"><span>TLP:AMBER</span>');
    expect(r.redactions.map((x) => x.section)).toEqual(['observables', 'evidence', 'timeline', 'mentions']);
  });
});

describe('PDF report', () => {
  it('is a valid PDF in French with the TLP banner on every page', async () => {
    const db = await legalVault();
    const id = await seedIncident(db);
    for (let n = 0; n < 70; n++) await addTimeline(db, id, { title: `Connexion suspecte n°${n} — poste ADM-${n}`, at: T0 + n * 60_000, tlp: 'GREEN' });
    const r = await exportIncident(db, { incidentId: id, format: 'pdf', tlp: 'AMBER' }, 'rssi.dupont', NOW);
    expect(r.mime).toBe('application/pdf');
    expect(r.content).toBeUndefined();
    const pdf = Buffer.from(r.contentBase64 ?? '', 'base64');
    expect(pdf.length).toBe(r.size);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = pdfTextOf(pdf);
    expect(text).toContain('Rapport d’incident n°');
    expect(text).toContain('Hameçonnage ciblé du CH de Vienne');
    expect(text).toContain('Éléments retirés pour ce niveau TLP');
    expect(text).toContain('Statut légal');
    expect(text).toContain('VIOL-2026-001');
    expect(text).toContain('Connexion suspecte n°69');
    expect(text.match(/TLP:AMBER\n/g)?.length ?? 0).toBeGreaterThanOrEqual(pages);
    expect(text).toContain(`Page ${pages}/${pages}`);
    expect(text).not.toContain(RED_EMAIL);
  });

  it('cuts overlong cells instead of overflowing the page; words legal history rows in French', async () => {
    const db = await legalVault();
    const id = await seedIncident(db);
    await addTimeline(db, id, { title: 'Journal brut', content: 'x'.repeat(20_000), tlp: 'GREEN' });
    await exportIncident(db, { incidentId: id, format: 'json', tlp: 'GREEN' }, 'tf.bernard', NOW - HOUR);
    const r = await exportIncident(db, { incidentId: id, format: 'pdf', tlp: 'RED' }, 'rssi', NOW);
    const text = pdfTextOf(Buffer.from(r.contentBase64 ?? '', 'base64'));
    expect(text).toContain('(tronqué)');
    expect(text).toContain('Export JSON (TLP:GREEN)');
    expect(text).toContain('Violation de données inscrite au registre : VIOL-2026-001');
  });

  it('keeps French characters and never garbles the others', () => {
    expect(pdfText('Éradication « fin » — œuvre 10 € ’')).toBe('Éradication « fin » — œuvre 10 € ’');
    expect(pdfText('a → b ≥ c\u202fd\tz')).toBe('a -> b >= c d    z');
    expect(pdfText('Łódź 漢 \u0007')).toBe('Lódz ? ');
  });
});

describe('every export', () => {
  it('is recorded in the incident history with its format, TLP, file name and SHA-256', async () => {
    const db = await legalVault();
    const id = await seedIncident(db);
    const json = await exportIncident(db, { incidentId: id, format: 'json', tlp: 'GREEN' }, 'tf.bernard', NOW);
    expect(json.filename).toBe(`incident-${id}-2026-03-28-tlp-green.vigie.json`);
    const parsed = bundleSchema.parse(JSON.parse(json.content ?? ''));
    expect(parsed).toMatchObject({ format: 'vigie.incident-bundle', version: 1, tlp: 'GREEN', exportedBy: 'tf.bernard' });
    const misp = await exportIncident(db, { incidentId: id, format: 'misp', tlp: 'AMBER+STRICT' }, 'tf.bernard', NOW + 1);
    expect(misp.filename).toBe(`incident-${id}-2026-03-28-tlp-amber-strict.misp.json`);
    const stix = await exportIncident(db, { incidentId: id, format: 'stix', tlp: 'RED' }, 'tf.bernard', NOW + 2);
    expect(stix.mime).toBe('application/stix+json;version=2.1');
    const rows = await db.all<{ actor: string; to_value: string; ts: number }>("SELECT actor, to_value, ts FROM incident_history WHERE incident_id = ? AND field = 'export' ORDER BY id", [id]);
    expect(rows.map((r) => ({ ...r, to_value: JSON.parse(r.to_value) as unknown }))).toEqual([
      { actor: 'tf.bernard', ts: NOW, to_value: { format: 'json', tlp: 'GREEN', filename: json.filename, sha256: json.sha256, redactions: expect.any(Array) } },
      { actor: 'tf.bernard', ts: NOW + 1, to_value: { format: 'misp', tlp: 'AMBER+STRICT', filename: misp.filename, sha256: misp.sha256, redactions: [{ section: 'observables', removed: 1 }, { section: 'evidence', removed: 1 }, { section: 'timeline', removed: 1 }, { section: 'mentions', removed: expect.any(Number) }] } },
      { actor: 'tf.bernard', ts: NOW + 2, to_value: { format: 'stix', tlp: 'RED', filename: stix.filename, sha256: stix.sha256, redactions: [] } },
    ]);
  });
});
