import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../ActionError';
import { uploadEvidence, type TransferProgress } from '../evidenceTransfer';
import { FilePickButton } from '../FilePickButton';
import { useAction } from '../hooks';
import { useBytes } from './bytes';

/** Adds an evidence file: optional description, then the file; progress while it is sent in chunks. */
export function EvidenceUpload({ incidentId, onAdded }: { incidentId: number; onAdded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const bytes = useBytes();
  const action = useAction();
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState<(TransferProgress & { name: string }) | null>(null);
  const [last, setLast] = useState<string | null>(null);

  async function send(file: File) {
    setLast(null);
    const row = await action.run(() => uploadEvidence(incidentId, file, description, (p) => setProgress({ ...p, name: file.name })));
    setProgress(null);
    if (row) {
      setDescription('');
      setLast(t('incidents.evidence.added', { name: row.name, size: bytes(row.size) }));
      onAdded();
    }
  }

  return (
    <div className="card evidence-upload" data-testid="evidence-upload">
      <div className="field">
        <label htmlFor={`${id}-desc`}>{t('incidents.evidence.description')}</label>
        <input id={`${id}-desc`} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="evidence-description" />
      </div>
      <FilePickButton label={t('incidents.evidence.upload')} primary disabled={action.busy} onFile={(f) => void send(f)} testId="evidence-input" />
      <p className="help">{t('incidents.evidence.uploadHelp')}</p>
      {progress && (
        <div className="progress" data-testid="evidence-progress">
          <div className="progress-label">
            {t('incidents.evidence.progress', {
              name: progress.name,
              done: bytes(progress.done),
              total: bytes(progress.total),
            })}
          </div>
          <progress max={progress.total || 1} value={progress.done} aria-label={t('incidents.evidence.progressLabel', { name: progress.name })} />
        </div>
      )}
      {last && (
        <p role="status" className="help" data-testid="evidence-added">
          {last}
        </p>
      )}
      <ActionError error={action.error} />
    </div>
  );
}
