/**
 * Shared pdfkit helpers: an A4 document, text made safe for the standard
 * Helvetica fonts (WinAnsi: French accents, « », œ, €, ’ are fine; other
 * characters are approximated or replaced, never garbled), tables that break
 * across pages, and the TLP banner + footer stamped on every page.
 */
import PDFDocument from 'pdfkit';
import type { Tlp } from '../model';
import { TLP_STYLE } from './tlp';

export type Pdf = InstanceType<typeof PDFDocument>;

const MARGIN = 50;
const TOP = 62;

/** WinAnsi (CP1252) characters beyond Latin-1's printable ones. */
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const APPROX: Record<string, string> = {
  '→': '->', '←': '<-', '⇒': '=>', '≥': '>=', '≤': '<=', '≠': '!=', '−': '-', '‐': '-', '‑': '-', '‒': '-',
  '\u202f': ' ', '\u2009': ' ', '\u2007': ' ', '\u200b': '', '\u2060': '', '✓': 'v', '✔': 'v', '✗': 'x', '×': 'x',
  '′': "'", '″': '"', 'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'ı': 'i',
};

function winAnsi(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.includes(c) || c === '\n';
}

/** Text the standard fonts can show: tabs → spaces, control characters dropped, others approximated or `?`. */
export function pdfText(s: string): string {
  let out = '';
  for (const c of s.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    if (winAnsi(c)) out += c;
    else if (c in APPROX) out += APPROX[c];
    else if ((c.codePointAt(0) ?? 0) < 0x20 || (c.codePointAt(0) ?? 0) === 0x7f) continue;
    else {
      const base = c.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every(winAnsi) ? base : '?';
    }
  }
  return out;
}

export function newPdf(info: { title: string; subject?: string; author?: string }): Pdf {
  return new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: 60, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: pdfText(info.title), Subject: info.subject ? pdfText(info.subject) : undefined, Author: info.author, Creator: 'Vigie' },
    lang: 'fr-FR',
  });
}

export function pdfToBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

export function heading(doc: Pdf, text: string, size = 13): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor('#004b87').text(pdfText(text), doc.page.margins.left);
  const y = doc.y + 2;
  doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).lineWidth(1).strokeColor('#004b87').stroke();
  doc.moveDown(0.5).fillColor('#000000').font('Helvetica').fontSize(9.5);
}

export function paragraph(doc: Pdf, text: string): void {
  doc.font('Helvetica').fontSize(9.5).fillColor('#000000').text(pdfText(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4);
}

/** Longest cell text drawn in a PDF table (a row must fit on one page); the JSON export has everything. */
export const PDF_CELL_MAX = 1500;
const cell = (s: string) => pdfText(s.length > PDF_CELL_MAX ? `${s.slice(0, PDF_CELL_MAX)}… (tronqué)` : s) || ' ';

/** A table with word-wrapped cells; rows never split, the header repeats on each new page. */
export function table(doc: Pdf, head: string[], rows: string[][], widths: number[], opts: { headerColumn?: boolean } = {}): void {
  const x0 = doc.page.margins.left;
  const w = contentWidth(doc);
  const cols = widths.map((f) => f * w);
  const pad = 3;
  const size = 8.5;
  const rowHeight = (cells: string[], bold: boolean[]) =>
    Math.max(
      ...cells.map((c, i) => {
        doc.font(bold[i] ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
        return doc.heightOfString(cell(c), { width: cols[i] - 2 * pad });
      }),
    ) + 2 * pad;
  const drawRow = (cells: string[], bold: boolean[], fill: string | null) => {
    const h = rowHeight(cells, bold);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (head.length) drawRow(head, head.map(() => true), '#eef3f8');
    }
    const y = doc.y;
    let x = x0;
    cells.forEach((c, i) => {
      if (fill || (opts.headerColumn && i === 0)) doc.rect(x, y, cols[i], h).fillColor(fill ?? '#f4f6f8').fill();
      doc.rect(x, y, cols[i], h).lineWidth(0.5).strokeColor('#b0b7bf').stroke();
      doc.fillColor('#000000').font(bold[i] ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
      doc.text(cell(c), x + pad, y + pad, { width: cols[i] - 2 * pad });
      x += cols[i];
    });
    doc.x = x0;
    doc.y = y + h;
  };
  if (head.length) drawRow(head, head.map(() => true), '#eef3f8');
  for (const r of rows) drawRow(r, r.map((_, i) => Boolean(opts.headerColumn && i === 0)), null);
  doc.moveDown(0.6);
}

/** Stamps the TLP banner at the top and the footer + page number at the bottom of every page. */
export function stampPages(doc: Pdf, tlp: Tlp, footer: string): void {
  const style = TLP_STYLE[tlp];
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    margins.bottom = 0;
    const width = doc.page.width - margins.left - margins.right;
    doc.rect(margins.left, 22, width, 20).fillColor('#000000').fill();
    doc.font('Helvetica-Bold').fontSize(10).fillColor(style.color).text(style.label, margins.left + 8, 27, { lineBreak: false });
    doc.font('Helvetica').fontSize(7.5).fillColor('#FFFFFF')
      .text(pdfText(style.meaning), margins.left + 120, 28, { width: width - 128, align: 'right', lineBreak: false, ellipsis: true });
    doc.font('Helvetica').fontSize(7.5).fillColor('#555555')
      .text(pdfText(footer), margins.left, doc.page.height - 38, { width: width - 60, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i - range.start + 1}/${range.count}`, margins.left + width - 60, doc.page.height - 38, { width: 60, align: 'right', lineBreak: false });
    margins.bottom = bottom;
  }
  doc.fillColor('#000000');
}
