import type { Handlers } from '../dispatcher';
import { patientAccessReport } from '../../reports/patient-access';
import { patientAccessPdf } from '../../reports/patient-access-pdf';
import type { HandlerCtx } from './context';

type ReportOps = 'reports.patientAccess' | 'reports.patientAccessPdf';

/**
 * Patient access reports (DPO). Every generation is written to the vault's
 * audit_log: who (the operator), when, which pseudonym and window. When the
 * patient was designated by an identifier, only the fact is recorded
 * (`designation: 'identifier'`), never the identifier, which no log receives either.
 */
export const reportHandlers: Pick<Handlers<HandlerCtx>, ReportOps> = {
  'reports.patientAccess': async (input, { session }) => {
    const report = await patientAccessReport(session.db(), input, { now: Date.now(), operator: session.operator?.name ?? 'Opérateur' });
    await session.audit('reports.patientAccess', report.pseudonym, {
      designation: typeof input.patient === 'string' ? 'pseudonym' : 'identifier',
      from: report.from,
      to: report.to,
      rows: report.rows.length,
      format: 'json',
    });
    return report;
  },
  'reports.patientAccessPdf': async (input, { session, logger }) => {
    const report = await patientAccessReport(session.db(), input, { now: Date.now(), operator: session.operator?.name ?? 'Opérateur' });
    const pdf = await patientAccessPdf(report);
    await session.audit('reports.patientAccessPdf', report.pseudonym, {
      designation: typeof input.patient === 'string' ? 'pseudonym' : 'identifier',
      from: report.from,
      to: report.to,
      rows: pdf.rows,
      format: 'pdf',
      filename: pdf.filename,
      sha256: pdf.sha256,
    });
    logger.info('patient access report generated', { rows: pdf.rows, pages: pdf.pages });
    return pdf;
  },
};
