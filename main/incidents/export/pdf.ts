/** The incident report as PDF (pdfkit, A4, French), from the same document model as the HTML report. */
import { contentWidth, heading, newPdf, paragraph, pdfText, pdfToBuffer, stampPages, table } from './pdf-kit';
import type { ReportDoc } from './report-model';

export async function renderPdf(doc: ReportDoc): Promise<Buffer> {
  const pdf = newPdf({ title: doc.title, subject: 'Rapport d’incident', author: 'Vigie' });
  pdf.font('Helvetica-Bold').fontSize(17).fillColor('#000000').text(pdfText(doc.title), { width: contentWidth(pdf) });
  pdf.moveDown(0.2).font('Helvetica').fontSize(10).fillColor('#444444').text(pdfText(`${doc.subtitle} · PAP:${doc.pap}`));
  pdf.fillColor('#000000');
  if (doc.redactionNote) {
    pdf.moveDown(0.6);
    const y = pdf.y;
    pdf.font('Helvetica-Bold').fontSize(9).fillColor('#a5281b')
      .text(pdfText(doc.redactionNote), pdf.page.margins.left + 8, y + 4, { width: contentWidth(pdf) - 12 });
    pdf.rect(pdf.page.margins.left, y, 3, pdf.y - y + 4).fillColor('#c0392b').fill();
    pdf.fillColor('#000000').moveDown(0.4);
  }
  for (const section of doc.sections) {
    heading(pdf, section.title);
    for (const b of section.blocks) {
      if (b.kind === 'text') paragraph(pdf, b.text);
      else if (b.kind === 'fields') table(pdf, [], b.rows.map(([k, v]) => [k, v]), [0.3, 0.7], { headerColumn: true });
      else table(pdf, b.head, b.rows, b.widths);
    }
  }
  stampPages(pdf, doc.tlp, doc.footer);
  return pdfToBuffer(pdf);
}
