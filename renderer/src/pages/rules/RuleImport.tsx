import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ActionError } from '../incidents/ActionError';
import { bytesToBase64 } from '../../files';
import { useAction } from '../incidents/hooks';
import { ProblemList } from './ProblemList';
import type { RuleImportReport } from './types';

/** A rule file for the engine: YAML as text, a zip as base64 (the engine opens it). */
async function toImportFile(file: File): Promise<{ name: string; text: string }> {
  if (/\.zip$/i.test(file.name)) return { name: file.name, text: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
  return { name: file.name, text: await file.text() };
}

/** Import Sigma files (.yml, .yaml, .zip): what loaded and why the others were refused. */
export function RuleImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [report, setReport] = useState<RuleImportReport | null>(null);

  async function pick(files: File[]) {
    if (files.length === 0) return;
    setReport(null);
    const result = await action.run(async () => api.call('detection.rules.import', { files: await Promise.all(files.map(toImportFile)) }));
    if (!result) return;
    setReport(result);
    if (result.loaded.length > 0) onImported();
  }

  return (
    <section className="card rules-section" data-testid="rules-import">
      <h2>{t('rules.import.title')}</h2>
      <p className="help">{t('rules.import.help')}</p>
      <label htmlFor={id}>{t('rules.import.pick')}</label>{' '}
      <input
        id={id}
        type="file"
        multiple
        accept=".yml,.yaml,.zip"
        disabled={action.busy}
        data-testid="rules-import-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void pick(files);
        }}
      />
      {action.busy && <p aria-busy="true">{t('rules.import.busy')}</p>}
      <ActionError error={action.error} />
      {report && (
        <div data-testid="rules-import-report">
          <p data-testid="rules-import-summary">
            {t('rules.import.summary', { documents: report.documents, loaded: report.loaded.length, rejected: report.rejected.length })}
          </p>
          {report.loaded.length > 0 && (
            <ul data-testid="rules-import-loaded">
              {report.loaded.map((r) => (
                <li key={`${r.file}-${r.id}`}>
                  {r.title} <span className="muted">({r.file})</span>
                </li>
              ))}
            </ul>
          )}
          <ProblemList problems={report.rejected} testId="rules-import-rejected" />
        </div>
      )}
    </section>
  );
}
