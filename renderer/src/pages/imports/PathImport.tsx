import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ValidationDetails } from '../../components/ValidationDetails';
import { importQueue } from './importQueue';
import type { UploadSettings } from './upload';

/**
 * Imports a file or folder of this machine by its path: the engine reads it
 * directly (no upload), and such an import can be resumed if interrupted.
 */
export function PathImport({ settings }: { settings: UploadSettings }) {
  const { t } = useTranslation();
  const id = useId();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const target = path.trim();
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const { importIds } = await api.call('ingest.importPaths', {
        paths: [target],
        format: settings.format as 'auto',
        ...(settings.timezone.trim() ? { timezone: settings.timezone.trim() } : {}),
        ...(settings.csvMapping ? { csvMapping: settings.csvMapping } : {}),
      });
      importQueue.track(importIds, target);
      setPath('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="path-import" onSubmit={(e) => void submit(e)} data-testid="path-import">
      <div className="field">
        <label htmlFor={`${id}-path`}>{t('imports.path.label')}</label>
        <div className="button-row">
          <input
            id={`${id}-path`}
            data-testid="path-import-input"
            value={path}
            spellCheck={false}
            placeholder="/var/log/hub/audit.log"
            aria-describedby={`${id}-help`}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" disabled={busy || path.trim() === ''} data-testid="path-import-submit">
            {t('imports.path.submit')}
          </button>
        </div>
        <p className="help" id={`${id}-help`}>
          {t('imports.path.help')}
        </p>
      </div>
      <ErrorMessage error={error} testId="path-import-error" />
      <ValidationDetails error={error} />
    </form>
  );
}
