import { useTranslation } from 'react-i18next';
import type { ProgressEvent } from '@contract';
import { useFormat } from '../hooks/useFormat';
import { firstTextKey } from '../i18n';

/** One step of a long task: its label (an i18n key sent by the engine) and a bar. */
export function ProgressBar({ progress }: { progress: ProgressEvent }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ratio = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  // The engine sends an i18n key: either a full key or a step name under progress.steps.
  const key = firstTextKey([`progress.steps.${progress.step}`, progress.step]);
  const step = key ? t(key) : t('progress.working');
  return (
    <div className="progress">
      <div className="progress-label">
        {step} — {fmt.percent(ratio)}
      </div>
      <progress max={progress.total || 1} value={progress.done} aria-label={step} />
    </div>
  );
}
