import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useFormat } from '../../hooks/useFormat';
import { currentLocale } from '../../i18n';
import { isFinal, type ImportJob } from './importQueue';
import { ImportSummary } from './ImportSummary';
import { formatBytes, formatDuration } from './units';

/** How long a finished import keeps its progress bar before showing only its summary. */
export const BAR_LINGER_MS = 4000;

interface Props {
  job: ImportJob;
  onCancel: () => void;
  onDismiss: () => void;
}

/** One file: upload then processing progress (bytes, events/s, ETA, counters), cancel, final summary. */
export function ImportCard({ job, onCancel, onDismiss }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = currentLocale();
  const [barGone, setBarGone] = useState(false);
  const p = job.progress;
  const ended = job.endedAt !== null;

  useEffect(() => {
    if (job.endedAt === null) {
      setBarGone(false);
      return;
    }
    const timer = setTimeout(() => setBarGone(true), Math.max(0, job.endedAt + BAR_LINGER_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [job.endedAt]);

  const final = isFinal(p);
  const uploading = job.phase === 'queued' || job.phase === 'uploading';
  let done = job.sent;
  let total = job.size;
  if (!uploading && p) {
    done = p.bytesDone;
    total = p.bytesTotal ?? job.size;
  }
  const ratio = total > 0 ? Math.min(1, done / total) : ended ? 1 : 0;
  const status = final && p ? p.status : job.phase === 'committed' ? 'processing' : job.phase;
  const cancellable = uploading || (job.phase === 'committed' && !final);

  return (
    <article
      className="card import-card"
      data-testid="import-card"
      data-phase={job.phase}
      data-status={status}
      data-import-id={job.importId ?? undefined}
      aria-label={p?.origin ?? job.name}
    >
      <div className="import-card-head">
        <h3>{p?.origin ?? job.name}</h3>
        <span className={`state state-${status}`} data-testid="import-status">
          {t(`imports.status.${status}`)}
        </span>
      </div>
      {!(ended && barGone) && (
        <div className="progress" data-testid="import-progress-block">
          <div className="progress-label">
            {t(uploading ? 'imports.progress.uploading' : 'imports.progress.processing', {
              done: formatBytes(done, locale),
              total: formatBytes(total, locale),
              percent: fmt.percent(ratio),
            })}
          </div>
          <progress max={1} value={ratio} aria-label={t('imports.progress.label', { name: job.name })} data-testid="import-progress" />
        </div>
      )}
      {p && !ended && (
        <p className="muted" data-testid="import-rate">
          {t('imports.progress.rate', { rate: fmt.number(Math.round(p.eventsPerSecond)) })}
          {p.etaSeconds !== null && ` — ${t('imports.progress.eta', { eta: formatDuration(p.etaSeconds) })}`}
        </p>
      )}
      {p && <ImportSummary counts={p} final={final} />}
      {p?.message && <p className="muted">{p.message}</p>}
      <ErrorMessage error={job.error} testId="import-error" />
      <div className="button-row">
        {cancellable && (
          <button type="button" data-testid="import-cancel" onClick={onCancel}>
            {t('imports.cancel')}
          </button>
        )}
        {ended && (
          <button type="button" data-testid="import-dismiss" onClick={onDismiss}>
            {t('common.dismiss')}
          </button>
        )}
      </div>
    </article>
  );
}
