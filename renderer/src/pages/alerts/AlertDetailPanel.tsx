import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useFormat } from '../../hooks/useFormat';
import { useCanWrite } from '../incidents/hooks';
import { AlertDetailComments } from './AlertDetailComments';
import { AlertDetailEvents } from './AlertDetailEvents';
import { AlertDetailHistory } from './AlertDetailHistory';
import { AlertTriageActions } from './AlertTriageActions';
import { AlertTriageForm } from './AlertTriageForm';
import { SuppressionsForm } from './SuppressionsForm';
import '../rules/rules.css';

/** One alert: what raised it, its events, triage (status, assignee, comments), history and follow-up. */
export function AlertDetailPanel({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  const query = useApiQuery('alerts.get', { id });
  const [suppressing, setSuppressing] = useState(false);
  const alert = query.data?.id === id ? query.data : undefined;
  const changed = () => {
    query.reload();
    onChanged();
  };

  return (
    <aside className="card alert-detail" data-testid="alert-detail" aria-label={t('alertTriage.title')}>
      <div className="detail-head">
        <h2 data-testid="alert-detail-title">{alert ? alert.title : t('alertTriage.title')}</h2>
        <button type="button" onClick={onClose} data-testid="alert-detail-close">
          {t('alertTriage.close')}
        </button>
      </div>
      <ErrorMessage error={query.error} />
      {!alert && query.loading && <p aria-busy="true">{t('alertTriage.loading')}</p>}
      {alert && (
        <>
          <dl className="fields">
            <div>
              <dt>{t('alertTriage.fields.rule')}</dt>
              <dd data-testid="alert-detail-rule">{alert.rule ? alert.rule.title : alert.ruleId}</dd>
            </div>
            <div>
              <dt>{t('alertTriage.fields.severity')}</dt>
              <dd>
                <SeverityBadge severity={alert.severity} />
              </dd>
            </div>
            <div>
              <dt>{t('alertTriage.fields.group')}</dt>
              <dd>
                <code>{alert.groupKey}</code>
              </dd>
            </div>
            <div>
              <dt>{t('alertTriage.fields.firstSeen')}</dt>
              <dd>{fmt.dateTime(alert.firstSeen)}</dd>
            </div>
            <div>
              <dt>{t('alertTriage.fields.lastSeen')}</dt>
              <dd>{fmt.dateTime(alert.lastSeen)}</dd>
            </div>
            <div>
              <dt>{t('alertTriage.fields.count')}</dt>
              <dd>{fmt.number(alert.eventCount)}</dd>
            </div>
          </dl>
          {alert.rule?.description && <p className="help">{alert.rule.description}</p>}
          {alert.rule && alert.rule.falsepositives.length > 0 && (
            <p className="help">
              {t('alertTriage.falsepositives')} {alert.rule.falsepositives.join(' ; ')}
            </p>
          )}
          <AlertTriageForm key={`${alert.status}-${alert.assignee ?? ''}`} alert={alert} canWrite={canWrite} onChanged={changed} />
          {canWrite && (
            <div className="button-row">
              <AlertTriageActions alert={alert} onChanged={changed} />
              <button type="button" onClick={() => setSuppressing((s) => !s)} data-testid="alert-suppress">
                {t('alertTriage.suppress')}
              </button>
            </div>
          )}
          {suppressing && (
            <SuppressionsForm
              alert={alert}
              onCreated={() => {
                setSuppressing(false);
                changed();
              }}
              onCancel={() => setSuppressing(false)}
            />
          )}
          <AlertDetailEvents events={alert.events} total={alert.eventCount} />
          <AlertDetailComments alertId={alert.id} comments={alert.comments} canWrite={canWrite} onAdded={query.reload} />
          <AlertDetailHistory history={alert.history} />
        </>
      )}
    </aside>
  );
}
