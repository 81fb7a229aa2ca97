import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../api/client';
import { ALERT_STATUS_LIST } from '../../domain';
import { ActionError } from '../incidents/ActionError';
import { useAction } from '../incidents/hooks';

type AlertDetailData = OpOutput<'alerts.get'>;

/** Status and assignee of an alert, saved together. */
export function AlertTriageForm({ alert, canWrite, onChanged }: { alert: AlertDetailData; canWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [status, setStatus] = useState(alert.status);
  const [assignee, setAssignee] = useState(alert.assignee ?? '');
  const dirty = status !== alert.status || assignee.trim() !== (alert.assignee ?? '');

  async function save() {
    const patch = {
      id: alert.id,
      ...(status !== alert.status ? { status } : {}),
      ...(assignee.trim() !== (alert.assignee ?? '') ? { assignee: assignee.trim() || null } : {}),
    };
    if (await action.run(() => api.call('alerts.update', patch))) onChanged();
  }

  return (
    <div className="rules-form" data-testid="alert-triage">
      <label>
        {t('alertTriage.status')}
        <select value={status} disabled={!canWrite} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="alert-status">
          {ALERT_STATUS_LIST.map((s) => (
            <option key={s} value={s}>
              {t(`alertStatus.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alertTriage.assignee')}
        <input value={assignee} disabled={!canWrite} maxLength={120} onChange={(e) => setAssignee(e.target.value)} data-testid="alert-assignee" />
      </label>
      {canWrite && (
        <button type="button" className="primary" disabled={!dirty || action.busy} onClick={() => void save()} data-testid="alert-triage-save">
          {t('alertTriage.save')}
        </button>
      )}
      <ActionError error={action.error} />
    </div>
  );
}
