import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useToasts } from '../../../components/Toasts';
import { ActionError } from '../ActionError';
import { useAction, useNow } from '../hooks';
import { nowParisInput } from '../../../parisTime';
import type { BreachRecord } from '../types';
import { ClockPanel } from './ClockPanel';
import { GdprArt33 } from './GdprArt33';
import { GdprArt34 } from './GdprArt34';
import { countValid, draftOf, isLate, patchOf, type GdprDraft } from './gdprDraft';
import { GdprNotification } from './GdprNotification';
import { GdprStart } from './GdprStart';

interface Props {
  incidentId: number;
  record: BreachRecord | null;
  canWrite: boolean;
  onChange: (r: BreachRecord) => void;
}

/** Personal-data breach (GDPR Art. 33 and 34): the 72-hour clock, the notification's content, the register entry. */
export function GdprSection({ incidentId, record, canWrite, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <section className="card legal-section" aria-labelledby="gdpr-title" data-testid="gdpr-section">
      <h2 id="gdpr-title">{t('incidents.gdpr.title')}</h2>
      {record ? (
        <GdprRecordForm key={record.updatedAt} record={record} canWrite={canWrite} onChange={onChange} />
      ) : (
        <GdprStart incidentId={incidentId} canWrite={canWrite} onCreated={onChange} />
      )}
    </section>
  );
}

function GdprRecordForm({ record, canWrite, onChange }: { record: BreachRecord; canWrite: boolean; onChange: (r: BreachRecord) => void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const action = useAction();
  const now = useNow(60_000);
  const [draft, setDraft] = useState<GdprDraft>(() => draftOf(record));
  const set = <K extends keyof GdprDraft>(key: K, value: GdprDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const patch = patchOf(record, draft);
  const dirty = Object.keys(patch).length > 0;
  const late = isLate(record, draft, now);
  const valid = countValid(draft.subjectsApprox) && countValid(draft.recordsApprox) && draft.awareAt !== '' && !(late && draft.notifiedAt && !draft.delayReasons.trim());

  async function save(e: FormEvent) {
    e.preventDefault();
    const saved = await action.run(() => api.call('legal.gdpr.update', { incidentId: record.incidentId, ...patch }));
    if (saved) {
      toasts.push({ kind: 'info', text: t('incidents.gdpr.saved', { ref: saved.ref }) });
      onChange(saved);
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} data-testid="gdpr-form">
      <p className="legal-ref">
        <strong data-testid="gdpr-ref">{record.ref}</strong>{' '}
        <span className={`state ${record.notifiedAt ? 'state-ok' : ''}`} data-testid="gdpr-state">
          {record.notifiedAt ? t('incidents.gdpr.declared') : record.notificationRequired ? t('incidents.gdpr.notDeclared') : t('incidents.gdpr.notRequired')}
        </span>
      </p>
      <ClockPanel clock={record.clock} testId="gdpr-clock" />
      {record.missing.length > 0 && (
        <div className="notice" data-testid="gdpr-missing">
          <p>{t('incidents.gdpr.missing')}</p>
          <ul lang="fr">
            {record.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <GdprArt33 draft={draft} set={set} disabled={!canWrite} />
      <GdprNotification draft={draft} set={set} disabled={!canWrite} late={late} />
      <GdprArt34 draft={draft} set={set} disabled={!canWrite} />
      <ActionError error={action.error} />
      {canWrite && (
        <div className="button-row">
          <button type="submit" className="primary" disabled={!dirty || !valid || action.busy} data-testid="gdpr-save">
            {t('common.save')}
          </button>
          {!record.notifiedAt && draft.notifiedAt === '' && (
            <button type="button" onClick={() => set('notifiedAt', nowParisInput())} data-testid="gdpr-notified-now">
              {t('incidents.gdpr.notifiedNow')}
            </button>
          )}
          <button type="button" disabled={!dirty} onClick={() => setDraft(draftOf(record))}>
            {t('incidents.summary.discard')}
          </button>
        </div>
      )}
    </form>
  );
}
