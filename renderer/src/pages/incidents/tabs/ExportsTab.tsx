import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import type { TabProps } from '../DetailTabs';
import { downloadBase64, downloadText } from '../../../files';
import { useAction } from '../hooks';
import { EXPORT_FORMAT_LIST, TLP_LIST, type ExportFormat, type IncidentExport, type Tlp } from '../types';
import { useBytes } from './bytes';

/** Exports: report (PDF, HTML), JSON bundle, MISP event, STIX bundle, at a chosen TLP (what is marked above is stripped). */
export function ExportsTab({ incident, reload }: TabProps) {
  const { t } = useTranslation();
  const id = useId();
  const bytes = useBytes();
  const action = useAction();
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [tlp, setTlp] = useState<Tlp>(incident.tlp);
  const [done, setDone] = useState<IncidentExport | null>(null);

  async function run() {
    setDone(null);
    const file = await action.run(() => api.call('incidents.export', { incidentId: incident.id, format, tlp }));
    if (!file) return;
    if (file.contentBase64 !== undefined) downloadBase64(file.filename, file.mime, file.contentBase64);
    else downloadText(file.filename, file.mime, file.content ?? '');
    setDone(file);
    // The export is written to the incident's history.
    reload();
  }

  return (
    <div className="card exports" data-testid="exports">
      <fieldset className="export-formats">
        <legend>{t('incidents.exports.format')}</legend>
        {EXPORT_FORMAT_LIST.map((f) => (
          <label key={f} className="field-check">
            <input type="radio" name={`${id}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`export-format-${f}`} />
            <span>
              <strong>{t(`incidents.exports.formats.${f}.label`)}</strong> <span className="help">{t(`incidents.exports.formats.${f}.help`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field-inline">
        <label htmlFor={`${id}-tlp`}>{t('incidents.exports.tlp')}</label>
        <select id={`${id}-tlp`} value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)} data-testid="export-tlp">
          {TLP_LIST.map((v) => (
            <option key={v} value={v}>{`TLP:${v}`}</option>
          ))}
        </select>
        <button type="button" className="primary" disabled={action.busy} onClick={() => void run()} data-testid="export-run">
          {t('incidents.exports.run')}
        </button>
      </div>
      <p className="help">{t('incidents.exports.tlpHelp', { tlp: incident.tlp })}</p>
      <ActionError error={action.error} />
      {done && (
        <div role="status" className="export-result" data-testid="export-result">
          <p>
            {t('incidents.exports.done', { filename: done.filename, size: bytes(done.size), tlp: done.tlp })}
            <br />
            <span className="help">
              SHA-256 <code className="hash">{done.sha256}</code>
            </span>
          </p>
          {done.redactions.length === 0 ? (
            <p data-testid="export-redactions-none">{t('incidents.exports.noRedaction')}</p>
          ) : (
            <div className="notice" data-testid="export-redactions">
              <p>{t('incidents.exports.redactions', { tlp: done.tlp })}</p>
              <ul lang="fr">
                {done.redactions.map((r) => (
                  <li key={r.section}>{r.reason}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
