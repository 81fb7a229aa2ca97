import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../api/client';
import { useToasts } from '../../components/Toasts';
import { ActionError } from '../incidents/ActionError';
import { useAction } from '../incidents/hooks';
import { IncidentPicker } from '../incidents/IncidentPicker';
import { incidentHref } from '../incidents/route';

type AlertDetailData = OpOutput<'alerts.get'>;

/** Promote the alert to a new incident, or attach it to an open one. */
export function AlertTriageActions({ alert, onChanged }: { alert: AlertDetailData; onChanged: () => void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const action = useAction();
  const [attaching, setAttaching] = useState(false);
  const [target, setTarget] = useState<number | null>(null);

  async function promote() {
    const r = await action.run(() => api.call('alerts.promote', { id: alert.id }));
    if (r) window.location.hash = incidentHref(r.incidentId);
  }

  async function attach() {
    if (target === null) return;
    const r = await action.run(() => api.call('alerts.attach', { id: alert.id, incidentId: target }));
    if (!r) return;
    setAttaching(false);
    toasts.push({ kind: 'info', text: t('alertTriage.attached', { id: r.incidentId }) });
    onChanged();
  }

  return (
    <>
      {alert.incidentId !== null && (
        <a href={incidentHref(alert.incidentId)} data-testid="alert-detail-incident">
          {t('alertTriage.incidentRef', { id: alert.incidentId })}
        </a>
      )}
      {alert.incidentId === null && (
        <button type="button" disabled={action.busy} onClick={() => void promote()} data-testid="alert-promote">
          {t('alertTriage.promote')}
        </button>
      )}
      {!attaching ? (
        <button type="button" disabled={action.busy} onClick={() => setAttaching(true)} data-testid="alert-detail-attach">
          {t('alertTriage.attach')}
        </button>
      ) : (
        <span className="button-row">
          <IncidentPicker
            label={t('alertTriage.attachTo')}
            value={target}
            onChange={setTarget}
            openOnly
            exclude={(i) => i.id === alert.incidentId}
            testId="alert-detail-attach-select"
          />
          <button type="button" className="primary" disabled={target === null || action.busy} onClick={() => void attach()} data-testid="alert-detail-attach-confirm">
            {t('alertTriage.attachConfirm')}
          </button>
          <button type="button" onClick={() => setAttaching(false)}>
            {t('alertTriage.cancel')}
          </button>
        </span>
      )}
      <ActionError error={action.error} />
    </>
  );
}
