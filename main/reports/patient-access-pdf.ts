/**
 * The patient access report as a PDF (pdfkit, A4 landscape, French): a
 * header with the pseudonym, the period, the generation date and the
 * operator, a summary, then one table row per access — break-glass rows
 * highlighted — and « Page n / N » on every page. Only the pseudonym ever
 * designates the patient.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import type { PatientAccessPdf, PatientAccessReport, PatientAccessRow } from '../api/ops/dashboard';
import { actionLabel, formatParis, outcomeLabel, PARIS, purposeLabel } from './labels';

const MARGIN = 36;
const ROW_H = 15;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const BREAK_GLASS_FILL = '#fde2e1';
const BREAK_GLASS_TEXT = '#b3261e';

interface Column {
  title: string;
  width: number;
  value: (r: PatientAccessRow) => string;
}

const COLUMNS: Column[] = [
  { title: 'Date et heure (Paris)', width: 84, value: (r) => formatParis(Date.parse(r.at)) + (r.night ? ' (nuit)' : '') },
  { title: 'Utilisateur', width: 90, value: (r) => r.user ?? '(inconnu)' },
  { title: 'Rôle', width: 66, value: (r) => r.role ?? '' },
  { title: 'Service', width: 74, value: (r) => r.service },
  { title: 'Action', width: 92, value: (r) => actionLabel(r.action) },
  { title: 'Objet', width: 92, value: (r) => r.object ?? '' },
  { title: 'Provenance', width: 70, value: (r) => r.sourceIp ?? r.host ?? '' },
  { title: 'Motif', width: 96, value: (r) => purposeLabel(r.purpose) },
  { title: 'Résultat', width: 44, value: (r) => outcomeLabel(r.outcome) },
  { title: 'Bris de glace', width: 58, value: (r) => (r.breakGlass ? 'OUI' : '') },
];

/** `text` cut to fit `width` at the current font, with an ellipsis. */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  const clean = text.replace(/\s+/g, ' ');
  if (doc.widthOfString(clean) <= width) return clean;
  let lo = 0;
  let hi = clean.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.widthOfString(clean.slice(0, mid) + '…') <= width) lo = mid;
    else hi = mid - 1;
  }
  return clean.slice(0, lo) + '…';
}

function header(doc: PDFKit.PDFDocument, r: PatientAccessReport): void {
  const from = formatParis(Date.parse(r.from));
  const to = formatParis(Date.parse(r.to));
  doc.font(BOLD).fontSize(15).fillColor('black').text('Rapport des accès au dossier d’un patient', MARGIN, MARGIN);
  doc.moveDown(0.3).font(FONT).fontSize(9.5);
  doc.font(BOLD).text('Patient (pseudonyme) : ', { continued: true }).font(FONT).text(r.pseudonym);
  doc.font(BOLD).text('Période : ', { continued: true }).font(FONT).text(`du ${from} au ${to} (heure de Paris), ${r.months} mois glissants`);
  doc.font(BOLD).text('Généré le : ', { continued: true }).font(FONT).text(`${formatParis(Date.parse(r.generatedAt))} par ${r.operator}`);
  const s = r.summary;
  doc.moveDown(0.4).text(
    `${s.total} accès par ${s.users} utilisateur(s) — ${s.breakGlass} en bris de glace, ${s.failures} refusé(s) ou en échec, ` +
      `${s.night} de nuit (20 h – 7 h).` + (r.truncated ? ` Seuls les ${r.rows.length} premiers accès sont listés.` : ''),
  );
  if (s.byService.length) doc.text(`Par service : ${s.byService.map((b) => `${b.key} (${b.count})`).join(', ')}.`);
  doc
    .fontSize(8)
    .fillColor('#555555')
    .text('Le patient n’est désigné que par son pseudonyme : Vigie ne conserve aucun identifiant patient (INS, NIR, IPP).')
    .fillColor('black');
  doc.moveDown(0.6);
}

function tableHeader(doc: PDFKit.PDFDocument, y: number): number {
  const width = COLUMNS.reduce((s, c) => s + c.width, 0);
  doc.rect(MARGIN, y, width, ROW_H + 2).fill('#e8eaf0');
  doc.font(BOLD).fontSize(7.5).fillColor('black');
  let x = MARGIN;
  for (const c of COLUMNS) {
    doc.text(fit(doc, c.title, c.width - 4), x + 2, y + 4, { lineBreak: false });
    x += c.width;
  }
  return y + ROW_H + 2;
}

function tableRow(doc: PDFKit.PDFDocument, row: PatientAccessRow, y: number, odd: boolean): void {
  const width = COLUMNS.reduce((s, c) => s + c.width, 0);
  if (row.breakGlass) doc.rect(MARGIN, y, width, ROW_H).fill(BREAK_GLASS_FILL);
  else if (odd) doc.rect(MARGIN, y, width, ROW_H).fill('#f6f7f9');
  let x = MARGIN;
  for (const c of COLUMNS) {
    const strong = row.breakGlass && (c.title === 'Bris de glace' || c.title === 'Motif');
    doc.font(strong ? BOLD : FONT).fontSize(7.5).fillColor(strong ? BREAK_GLASS_TEXT : 'black');
    doc.text(fit(doc, c.value(row), c.width - 4), x + 2, y + 4, { lineBreak: false });
    x += c.width;
  }
}

/** Renders the report; resolves with the PDF bytes and its page count. */
export function renderPatientAccessPdf(r: PatientAccessReport): Promise<{ pdf: Buffer; pages: number }> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Accès au dossier du patient ${r.pseudonym}`,
      Author: r.operator,
      Creator: 'Vigie',
      Subject: 'Rapport des accès au dossier d’un patient',
      CreationDate: new Date(r.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  header(doc, r);
  const bottom = doc.page.height - MARGIN - 20;
  let y = tableHeader(doc, doc.y);
  if (r.rows.length === 0) {
    doc.font(FONT).fontSize(9).fillColor('black').text('Aucun accès enregistré sur la période.', MARGIN, y + 6);
  }
  r.rows.forEach((row, i) => {
    if (y + ROW_H > bottom) {
      doc.addPage();
      y = tableHeader(doc, MARGIN);
    }
    tableRow(doc, row, y, i % 2 === 1);
    y += ROW_H;
  });

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0;
    const fy = doc.page.height - MARGIN + 4;
    doc.font(FONT).fontSize(7.5).fillColor('#555555');
    doc.text(`Vigie — document confidentiel — ${r.pseudonym}`, MARGIN, fy, { lineBreak: false });
    const label = `Page ${i - start + 1} / ${count}`;
    doc.text(label, doc.page.width - MARGIN - doc.widthOfString(label), fy, { lineBreak: false });
  }
  doc.end();
  return done.then((pdf) => ({ pdf, pages: count }));
}

/** The report as a downloadable PDF: base64 bytes, SHA-256, `acces-dossier-<pseudonym>-<date>.pdf`. */
export async function patientAccessPdf(r: PatientAccessReport): Promise<PatientAccessPdf> {
  const { pdf, pages } = await renderPatientAccessPdf(r);
  const day = DateTime.fromISO(r.generatedAt, { zone: PARIS }).toFormat('yyyy-MM-dd');
  return {
    pseudonym: r.pseudonym,
    filename: `acces-dossier-${r.pseudonym}-${day}.pdf`,
    mime: 'application/pdf',
    base64: pdf.toString('base64'),
    sha256: createHash('sha256').update(pdf).digest('hex'),
    rows: r.rows.length,
    pages,
  };
}
