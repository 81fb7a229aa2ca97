import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import { useAction } from '../hooks';
import { fromParisInput, nowParisInput, toParisInput } from '../../../parisTime';
import type { ArsRecord } from '../types';
import { Field } from '../../../components/Fields';

interface Props {
  incidentId: number;
  record: ArsRecord | null;
  canWrite: boolean;
  onChange: (r: ArsRecord) => void;
}

/** Discovery time (start of « sans délai ») and the declaration on the portal: time and reference. */
export function ArsDeclaration({ incidentId, record, canWrite, onChange }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const [discoveredAt, setDiscoveredAt] = useState(() => toParisInput(record?.discoveredAt));
  const [declaredAt, setDeclaredAt] = useState(() => toParisInput(record?.declaredAt));
  const [reference, setReference] = useState(record?.reference ?? '');

  // Compared as instants: the browser may drop ":00" seconds from what it shows.
  const same = (typed: string, stored: string | null | undefined) => fromParisInput(typed) === fromParisInput(toParisInput(stored));
  const discovered = fromParisInput(discoveredAt);
  const patch = {
    ...(discovered && !same(discoveredAt, record?.discoveredAt) ? { discoveredAt: discovered } : {}),
    ...(!same(declaredAt, record?.declaredAt) ? { declaredAt: fromParisInput(declaredAt) } : {}),
    ...(reference.trim() !== (record?.reference ?? '') ? { reference: reference.trim() || null } : {}),
  };
  const dirty = Object.keys(patch).length > 0;

  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await action.run(() => api.call('legal.ars.update', { incidentId, ...patch }));
    if (r) onChange(r);
  }

  return (
    <form className="ars-declaration" onSubmit={(e) => void save(e)} data-testid="ars-declaration">
      <h3>{t('incidents.ars.declaration')}</h3>
      <p>
        <span className={`state ${record?.declaredAt ? 'state-ok' : ''}`} data-testid="ars-state">
          {record?.declaredAt ? t('incidents.ars.declared', { by: record.declaredBy ?? '' }) : t('incidents.ars.notDeclared')}
        </span>
      </p>
      <div className="form-grid">
        <Field
          type="datetime-local"
          label={t('incidents.ars.discoveredAt')}
          value={discoveredAt}
          onChange={setDiscoveredAt}
          disabled={!canWrite}
          help={record ? undefined : t('incidents.ars.discoveredHelp')}
          testId="ars-discovered-at"
        />
        <Field type="datetime-local" label={t('incidents.ars.declaredAt')} value={declaredAt} onChange={setDeclaredAt} disabled={!canWrite} testId="ars-declared-at" />
        <Field label={t('incidents.ars.reference')} maxLength={200} value={reference} onChange={setReference} disabled={!canWrite} testId="ars-reference" />
      </div>
      <ActionError error={action.error} />
      {canWrite && (
        <div className="button-row">
          <button type="submit" className="primary" disabled={!dirty || action.busy} data-testid="ars-save">
            {t('common.save')}
          </button>
          {!record?.declaredAt && !declaredAt && (
            <button type="button" onClick={() => setDeclaredAt(nowParisInput())} data-testid="ars-declared-now">
              {t('incidents.ars.declaredNow')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
