import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertRow } from '@contract';
import { api } from '../../api/client';
import { useToasts } from '../../components/Toasts';
import { ActionError } from './ActionError';
import { useAction, useCanWrite } from './hooks';
import { IncidentPicker } from './IncidentPicker';
import { incidentHref } from './route';

/** On an alert: open an incident from it, or attach it to an open incident. */
export function AlertIncidentActions({ alert, onLinked }: { alert: AlertRow; onLinked: () => void }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const toasts = useToasts();
  const action = useAction();
  const [attaching, setAttaching] = useState(false);
  const [target, setTarget] = useState<number | null>(null);

  if (!canWrite) {
    return alert.incidentId == null ? <>—</> : <a href={incidentHref(alert.incidentId)}>{t('incidents.ref', { id: alert.incidentId })}</a>;
  }

  async function create() {
    const incident = await action.run(() => api.call('incidents.createFromAlert', { alertId: alert.id }));
    if (incident) window.location.hash = incidentHref(incident.id);
  }

  async function attach() {
    if (target == null) return;
    const incident = await action.run(() => api.call('incidents.linkAlert', { incidentId: target, alertId: alert.id }));
    if (!incident) return;
    setAttaching(false);
    toasts.push({ kind: 'info', text: t('incidents.alertActions.attached', { alert: alert.id, id: incident.id }) });
    onLinked();
  }

  return (
    <div className="alert-actions" data-testid="alert-actions" data-alert-id={alert.id}>
      {alert.incidentId != null && (
        <a href={incidentHref(alert.incidentId)} data-testid="alert-incident-link">
          {t('incidents.ref', { id: alert.incidentId })}
        </a>
      )}{' '}
      {alert.incidentId == null && (
        <button type="button" disabled={action.busy} onClick={() => void create()} data-testid="alert-create-incident">
          {t('incidents.alertActions.create')}
        </button>
      )}{' '}
      {!attaching ? (
        <button type="button" disabled={action.busy} onClick={() => setAttaching(true)} data-testid="alert-attach">
          {t('incidents.alertActions.attach')}
        </button>
      ) : (
        <span className="button-row">
          <IncidentPicker
            label={t('incidents.alertActions.attachTo', { id: alert.id })}
            value={target}
            onChange={setTarget}
            openOnly
            exclude={(i) => i.id === alert.incidentId}
            testId="alert-attach-select"
          />
          <button type="button" className="primary" disabled={target == null || action.busy} onClick={() => void attach()} data-testid="alert-attach-confirm">
            {t('incidents.alertActions.attachConfirm')}
          </button>
          <button type="button" onClick={() => setAttaching(false)}>
            {t('common.cancel')}
          </button>
        </span>
      )}
      <ActionError error={action.error} />
    </div>
  );
}
