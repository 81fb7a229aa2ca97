/**
 * `exportIncident`: one incident in one format at one TLP. Loads the
 * snapshot, strips what is marked above the TLP (`tlp.ts`), renders, and
 * records the export in the incident's history (field `export`: format, TLP,
 * file name, SHA-256, what was stripped). The caller also writes the audit log.
 */
import { createHash } from 'node:crypto';
import type { ExportFormat, IncidentExport } from '../../api/ops/legal';
import type { Db } from '../../store/db';
import type { Tlp } from '../model';
import { appendHistory } from '../queries';
import { parisDate } from '../legal/time';
import { buildBundle } from './bundle';
import { renderHtml } from './html';
import { getSharingIdentity } from './identity';
import { buildMispEvent } from './misp';
import { renderPdf } from './pdf';
import { buildReport } from './report-model';
import { loadSnapshot } from './snapshot';
import { buildStixBundle } from './stix';
import { redactForTlp, redactionNote } from './tlp';

const EXT: Record<ExportFormat, [string, string]> = {
  pdf: ['pdf', 'application/pdf'],
  html: ['html', 'text/html;charset=utf-8'],
  json: ['vigie.json', 'application/json'],
  misp: ['misp.json', 'application/json'],
  stix: ['stix.json', 'application/stix+json;version=2.1'],
};

export function exportFilename(incidentId: number, format: ExportFormat, tlp: Tlp, now: number): string {
  const level = tlp.toLowerCase().replace('+', '-');
  return `incident-${incidentId}-${parisDate(now)}-tlp-${level}.${EXT[format][0]}`;
}

export async function exportIncident(
  db: Db,
  input: { incidentId: number; format: ExportFormat; tlp: Tlp },
  actor: string,
  now = Date.now(),
): Promise<IncidentExport> {
  const { incidentId, format, tlp } = input;
  const full = await loadSnapshot(db, incidentId, now);
  const { snapshot, redactions } = redactForTlp(full, tlp);
  const source = await getSharingIdentity(db, now);
  const note = redactionNote(redactions, tlp);
  const filename = exportFilename(incidentId, format, tlp, now);
  const [, mime] = EXT[format];

  let bytes: Buffer;
  let text: string | undefined;
  if (format === 'pdf' || format === 'html') {
    const report = buildReport(snapshot, { tlp, redactions, redactionNote: note, exportedBy: actor, exportedAt: now });
    if (format === 'pdf') bytes = await renderPdf(report);
    else bytes = Buffer.from((text = renderHtml(report)), 'utf8');
  } else {
    const doc =
      format === 'json'
        ? buildBundle(snapshot, { tlp, redactions, exportedBy: actor, exportedAt: now, source })
        : format === 'misp'
          ? buildMispEvent(snapshot, tlp, source)
          : buildStixBundle(snapshot, tlp, source, now);
    text = `${JSON.stringify(doc, null, 2)}\n`;
    bytes = Buffer.from(text, 'utf8');
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await appendHistory(db, incidentId, {
    actor,
    field: 'export',
    to: JSON.stringify({ format, tlp, filename, sha256, redactions: redactions.map((r) => ({ section: r.section, removed: r.removed })) }),
    at: new Date(now),
  });
  return {
    filename,
    mime,
    ...(text !== undefined ? { content: text } : { contentBase64: bytes.toString('base64') }),
    tlp,
    redactions,
    sha256,
    size: bytes.length,
  };
}
