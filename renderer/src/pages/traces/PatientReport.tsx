import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useFormat } from '../../hooks/useFormat';
import { downloadBase64 } from '../../files';
import { PatientReportTable } from './PatientReportTable';

type Report = OpOutput<'reports.patientAccess'>;

/** Roles allowed to produce a patient access report (the contract's REPORT_ROLES). */
const REPORT_ROLES = ['dpo', 'admin', 'rssi'];
const DEFAULT_MONTHS = 6;
const PSEUDONYM = /^P-[A-Z2-7]{16}$/;

/**
 * Patient access report (DPO answering a patient's request): every access to one record over the last
 * months, on screen and as PDF. Each generation is recorded by the engine. `pseudonym`: the one picked in the traces table.
 */
export function PatientReport({ pseudonym }: { pseudonym: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const toasts = useToasts();
  const { status } = useSession();
  const [patient, setPatient] = useState(pseudonym);
  const [months, setMonths] = useState(DEFAULT_MONTHS);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'report' | 'pdf' | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (pseudonym) setPatient(pseudonym);
  }, [pseudonym]);

  if (!REPORT_ROLES.includes(status.operator?.role ?? '')) return null;

  const value = patient.trim().toUpperCase();
  const valid = PSEUDONYM.test(value) && months >= 1 && months <= 120;
  const input = { patient: value, months };

  const run = async (kind: 'report' | 'pdf') => {
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'report') {
        setReport(await api.call('reports.patientAccess', input));
      } else {
        const pdf = await api.call('reports.patientAccessPdf', input);
        downloadBase64(pdf.filename, pdf.mime, pdf.base64);
        toasts.push({ kind: 'info', text: t('patientReport.pdfDone', { filename: pdf.filename, count: pdf.pages }) });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) void run('report');
  };

  const s = report?.summary;
  return (
    <section className="card patient-report" data-testid="patient-report" aria-labelledby="patient-report-title">
      <h2 id="patient-report-title">{t('patientReport.title')}</h2>
      <p className="help">{t('patientReport.intro')}</p>
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor="report-patient">{t('patientReport.patient')}</label>
          <input
            id="report-patient"
            className="mono"
            data-testid="report-patient"
            value={patient}
            placeholder="P-XXXXXXXXXXXXXXXX"
            aria-invalid={patient !== '' && !PSEUDONYM.test(value)}
            onChange={(e) => setPatient(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="report-months">{t('patientReport.months')}</label>
          <input
            id="report-months"
            type="number"
            min={1}
            max={120}
            data-testid="report-months"
            value={months}
            onChange={(e) => setMonths(Number(e.target.value))}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="primary" data-testid="report-run" disabled={!valid || busy !== null}>
            {t(busy === 'report' ? 'patientReport.running' : 'patientReport.run')}
          </button>
          <button type="button" data-testid="report-pdf" disabled={!valid || busy !== null} onClick={() => void run('pdf')}>
            {t(busy === 'pdf' ? 'patientReport.pdfRunning' : 'patientReport.pdf')}
          </button>
        </div>
      </form>
      {patient !== '' && !PSEUDONYM.test(value) && <p className="field-error">{t('patientReport.invalid')}</p>}
      <ErrorMessage error={error} testId="report-error" />
      {report && s && (
        <div data-testid="report-result" data-total={s.total}>
          <p>
            {t('patientReport.summary', {
              count: s.total,
              formatted: fmt.number(s.total),
              pseudonym: report.pseudonym,
              from: fmt.dateTime(report.from),
              to: fmt.dateTime(report.to),
            })}{' '}
            {t('patientReport.details', { users: s.users, breakGlass: s.breakGlass, night: s.night, failures: s.failures })}
          </p>
          {report.truncated && <p className="field-warning">{t('patientReport.truncated', { count: report.rows.length })}</p>}
          {report.rows.length > 0 ? <PatientReportTable rows={report.rows} /> : <p className="muted">{t('patientReport.none')}</p>}
          <p className="help">{t('patientReport.recorded')}</p>
        </div>
      )}
    </section>
  );
}
