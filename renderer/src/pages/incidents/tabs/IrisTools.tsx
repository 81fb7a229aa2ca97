import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import { FilePickButton } from '../FilePickButton';
import { downloadText } from '../../../files';
import { useAction } from '../hooks';

type ImportResult = OpOutput<'incidents.timeline.importIris'>;

/** DFIR-IRIS timeline CSV: export (with or without the automatic entries) and import (duplicates skipped). */
export function IrisTools({ incidentId, canWrite, onImported }: { incidentId: number; canWrite: boolean; onImported: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [automatic, setAutomatic] = useState(true);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function exportCsv() {
    const file = await action.run(() => api.call('incidents.timeline.exportIris', { incidentId, automatic }));
    if (file) downloadText(file.filename, file.mime, file.content);
  }

  async function importCsv(file: File) {
    setResult(null);
    const done = await action.run(async () => api.call('incidents.timeline.importIris', { incidentId, csv: await file.text() }));
    if (done) {
      setResult(done);
      onImported();
    }
  }

  return (
    <div className="card iris-tools" data-testid="iris-tools">
      <h3>{t('incidents.timeline.iris.title')}</h3>
      <div className="button-row">
        <span className="field-check">
          <input id={`${id}-auto`} type="checkbox" checked={automatic} onChange={(e) => setAutomatic(e.target.checked)} />
          <label htmlFor={`${id}-auto`}>{t('incidents.timeline.iris.automatic')}</label>
        </span>
        <button type="button" onClick={() => void exportCsv()} disabled={action.busy} data-testid="iris-export">
          {t('incidents.timeline.iris.export')}
        </button>
        {canWrite && (
          <FilePickButton label={t('incidents.timeline.iris.import')} accept=".csv,text/csv" disabled={action.busy} onFile={(f) => void importCsv(f)} testId="iris-import-input" />
        )}
      </div>
      {result && (
        <div role="status" data-testid="iris-result">
          <p>{t('incidents.timeline.iris.result', { imported: result.imported, duplicates: result.duplicates, rejected: result.rejected.length })}</p>
          {result.rejected.length > 0 && (
            <ul className="field-error" lang="fr">
              {result.rejected.slice(0, 20).map((r) => (
                <li key={r.line}>{t('incidents.timeline.iris.rejectedLine', { line: r.line, message: r.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ActionError error={action.error} />
    </div>
  );
}
