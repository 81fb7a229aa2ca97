import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';
import { FileDropZone } from '../components/FileDropZone';
import { roleCanWrite } from '../domain';
import { useApiQuery } from '../hooks/useApiQuery';
import { CsvMappingEditor } from './imports/CsvMappingEditor';
import { ImportCard } from './imports/ImportCard';
import { ImportHistory } from './imports/ImportHistory';
import { ImportOptions } from './imports/ImportOptions';
import { PathImport } from './imports/PathImport';
import type { UploadSettings } from './imports/upload';
import { importQueue } from './imports/importQueue';
import { useImportQueue } from './imports/useImportQueue';

const DEFAULT_SETTINGS: UploadSettings = { format: 'auto', timezone: 'Europe/Paris', csvMapping: '' };

/** File imports: drop or pick files and folders, follow each import, see the history. */
export function ImportsSection() {
  const { t } = useTranslation();
  const { status } = useSession();
  const canImport = roleCanWrite(status.operator?.role);
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [editing, setEditing] = useState(false);
  const mappings = useApiQuery('csvMappings.list', {});
  const queue = useImportQueue();
  const ended = queue.jobs.filter((j) => j.endedAt !== null).length;

  return (
    <section data-testid="imports-section">
      {canImport ? (
        <section className="card" aria-labelledby="import-title">
          <h2 id="import-title">{t('imports.title')}</h2>
          <p className="muted">{t('imports.intro')}</p>
          <ImportOptions value={settings} onChange={setSettings} csvMappings={(mappings.data ?? []).map((m) => m.name)} />
          {!editing && (
            <button type="button" data-testid="csv-editor-open" onClick={() => setEditing(true)}>
              {t('imports.csvEditor.open')}
            </button>
          )}
          <FileDropZone onFiles={(files) => importQueue.enqueue(files, settings)} />
          <PathImport settings={settings} />
        </section>
      ) : (
        <p className="muted">{t('imports.notAllowed')}</p>
      )}
      {canImport && editing && (
        <CsvMappingEditor
          mappings={mappings.data ?? []}
          onChanged={(name) => {
            mappings.reload();
            setSettings((s) => ({ ...s, csvMapping: name ?? '' }));
          }}
          onClose={() => setEditing(false)}
        />
      )}
      {queue.jobs.length > 0 && (
        <section aria-labelledby="import-progress-title">
          <div className="import-card-head">
            <h2 id="import-progress-title">{t('imports.progressTitle')}</h2>
            {ended > 0 && (
              <button type="button" data-testid="import-clear-ended" onClick={() => importQueue.clearEnded()}>
                {t('imports.clearEnded')}
              </button>
            )}
          </div>
          <div className="import-cards" data-testid="import-cards">
            {queue.jobs.map((job) => (
              <ImportCard key={job.key} job={job} onCancel={() => void importQueue.cancel(job.key)} onDismiss={() => importQueue.dismiss(job.key)} />
            ))}
          </div>
        </section>
      )}
      <ImportHistory refreshKey={queue.finished} canResume={canImport} />
    </section>
  );
}
