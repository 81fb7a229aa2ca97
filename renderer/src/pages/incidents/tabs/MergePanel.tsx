import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import { ConfirmDialog } from '../ConfirmDialog';
import { useAction } from '../hooks';
import { IncidentPicker } from '../IncidentPicker';
import { incidentHref } from '../route';
import type { IncidentDetail } from '../types';

/** Merges this incident into another (after confirmation): everything moves there, this one becomes read-only. */
export function MergePanel({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const action = useAction();
  const [target, setTarget] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function merge() {
    if (target == null) return;
    const merged = await action.run(() => api.call('incidents.merge', { sourceId: incident.id, targetId: target }));
    setConfirming(false);
    if (merged) window.location.hash = incidentHref(merged.id);
  }

  return (
    <div className="merge-panel" data-testid="merge-panel">
      <h3>{t('incidents.links.merge.title')}</h3>
      <p className="help">{t('incidents.links.merge.help')}</p>
      <div className="button-row">
        <IncidentPicker label={t('incidents.links.merge.target')} value={target} onChange={setTarget} exclude={(i) => i.id === incident.id} testId="merge-target" />
        <button type="button" className="danger" disabled={target == null} onClick={() => setConfirming(true)} data-testid="merge-button">
          {t('incidents.links.merge.button')}
        </button>
      </div>
      <ActionError error={action.error} />
      <ConfirmDialog
        open={confirming}
        title={t('incidents.links.merge.confirmTitle')}
        confirmLabel={t('incidents.links.merge.confirm')}
        danger
        busy={action.busy}
        onConfirm={() => void merge()}
        onCancel={() => setConfirming(false)}
        testId="merge-dialog"
      >
        <p>{t('incidents.links.merge.confirmBody', { source: incident.id, target: target ?? '' })}</p>
      </ConfirmDialog>
    </div>
  );
}
