import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import { useAction } from '../hooks';
import { fromParisInput, nowParisInput } from '../../../parisTime';
import type { BreachRecord } from '../types';

/** Opens the breach record: the time the organisation became aware of it starts the 72 hours. */
export function GdprStart({ incidentId, canWrite, onCreated }: { incidentId: number; canWrite: boolean; onCreated: (r: BreachRecord) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [awareAt, setAwareAt] = useState(nowParisInput);
  const instant = fromParisInput(awareAt);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!instant) return;
    const created = await action.run(() => api.call('legal.gdpr.update', { incidentId, awareAt: instant }));
    if (created) onCreated(created);
  }

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="gdpr-start">
      <p>{t('incidents.gdpr.none')}</p>
      {canWrite && (
        <>
          <div className="field-inline">
            <label htmlFor={`${id}-aware`}>{t('incidents.gdpr.fields.awareAt')}</label>
            <input id={`${id}-aware`} type="datetime-local" step={1} required value={awareAt} onChange={(e) => setAwareAt(e.target.value)} data-testid="gdpr-aware-at" />
            <button type="submit" className="primary" disabled={!instant || action.busy} data-testid="gdpr-open">
              {t('incidents.gdpr.open')}
            </button>
          </div>
          <p className="help">{t('incidents.gdpr.awareHelp')}</p>
        </>
      )}
      <ActionError error={action.error} />
    </form>
  );
}
