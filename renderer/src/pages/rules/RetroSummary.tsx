import { useTranslation } from 'react-i18next';
import { routeHref } from '../../hooks/useHashRoute';
import { useFormat } from '../../hooks/useFormat';
import type { RetroTask } from './types';

/** The end of a retro-hunt, as `detection.status` reports it. */
export function RetroSummary({ task }: { task: RetroTask }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className={`state state-${task.status}`} data-testid="retro-summary" data-status={task.status}>
      <p>
        <strong>{t(`rules.retro.status.${task.status}`)}</strong>
      </p>
      <dl className="fields">
        <div>
          <dt>{t('rules.retro.scanned')}</dt>
          <dd data-testid="retro-scanned">{t('rules.retro.scannedOf', { done: fmt.number(task.scanned), total: fmt.number(task.total) })}</dd>
        </div>
        <div>
          <dt>{t('rules.retro.hits')}</dt>
          <dd data-testid="retro-hits">{fmt.number(task.hits)}</dd>
        </div>
        <div>
          <dt>{t('rules.retro.alertsCreated')}</dt>
          <dd data-testid="retro-created">{fmt.number(task.alertsCreated)}</dd>
        </div>
        <div>
          <dt>{t('rules.retro.inExisting')}</dt>
          <dd data-testid="retro-existing">
            {t('rules.retro.inExistingValue', { matches: fmt.number(task.matchesInExisting), alerts: fmt.number(task.existingAlerts) })}
          </dd>
        </div>
        <div>
          <dt>{t('rules.retro.suppressed')}</dt>
          <dd>{fmt.number(task.suppressed)}</dd>
        </div>
        <div>
          <dt>{t('rules.retro.duration')}</dt>
          <dd>
            {fmt.dateTime(task.startedAt)} → {fmt.dateTime(task.endedAt)}
          </dd>
        </div>
      </dl>
      {task.message && (
        <p lang="fr" data-testid="retro-message">
          {task.message}
        </p>
      )}
      <a href={routeHref('alerts')} data-testid="retro-alerts-link">
        {t('rules.retro.seeAlerts')}
      </a>
    </div>
  );
}
