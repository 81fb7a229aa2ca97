import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/useFormat';

interface Props {
  paused: boolean;
  onToggle: () => void;
  /** When the figures on screen were read (null before the first answer). */
  updatedAt: number | null;
}

/** "Actualisé le … · actualisation automatique toutes les 60 s" with its pause / resume switch. */
export function AutoRefresh({ paused, onToggle, updatedAt }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <p className="dash-updated muted" data-testid="dashboard-updated">
      {updatedAt !== null && <span>{t('dashboard.refresh.updatedAt', { time: fmt.dateTime(new Date(updatedAt).toISOString()) })} · </span>}
      <span data-testid="dashboard-autorefresh-state">{t(paused ? 'dashboard.refresh.paused' : 'dashboard.refresh.auto')}</span>{' '}
      <button type="button" className="link-button" aria-pressed={paused} data-testid="dashboard-autorefresh" onClick={onToggle}>
        {t(paused ? 'dashboard.refresh.resume' : 'dashboard.refresh.pause')}
      </button>
    </p>
  );
}
