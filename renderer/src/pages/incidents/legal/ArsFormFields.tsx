import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import { useAction } from '../hooks';
import type { ArsForm, ArsRecord } from '../types';
import { Area, Field } from '../../../components/Fields';

const DECLARANT = ['name', 'role', 'email', 'phone'] as const;
const STRUCTURE = ['structureType', 'structureAddress'] as const;
const TEXTS = ['scope', 'affectedSystems', 'affectedData', 'handlingStatus', 'impactData', 'impactPeople', 'impactSystems', 'impactStructure', 'causes'] as const;

interface Props {
  incidentId: number;
  record: ArsRecord | null;
  canWrite: boolean;
  onChange: (r: ArsRecord) => void;
}

/** The portal fields Vigie cannot deduce (declarant, structure, scope, impacts, causes): they fill the draft's blocks. */
export function ArsFormFields({ incidentId, record, canWrite, onChange }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const [form, setForm] = useState<ArsForm>(() => record?.form ?? {});
  const dirty = JSON.stringify(form) !== JSON.stringify(record?.form ?? {});
  const setDeclarant = (key: (typeof DECLARANT)[number], value: string) => setForm((f) => ({ ...f, declarant: { ...f.declarant, [key]: value } }));

  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await action.run(() => api.call('legal.ars.update', { incidentId, form }));
    if (r) onChange(r);
  }

  return (
    <details className="ars-form">
      <summary>{t('incidents.ars.form.title')}</summary>
      <form onSubmit={(e) => void save(e)} data-testid="ars-form">
        <div className="form-grid">
          {DECLARANT.map((k) => (
            <Field key={k} label={t(`incidents.ars.form.declarant.${k}`)} maxLength={k === 'email' ? 320 : 200} value={form.declarant?.[k] ?? ''} onChange={(v) => setDeclarant(k, v)} disabled={!canWrite} />
          ))}
          {STRUCTURE.map((k) => (
            <Field key={k} label={t(`incidents.ars.form.${k}`)} maxLength={500} value={form[k] ?? ''} onChange={(v) => setForm((f) => ({ ...f, [k]: v }))} disabled={!canWrite} />
          ))}
          {TEXTS.map((k) => (
            <Area key={k} className="span-2" rows={2} maxLength={10000} label={t(`incidents.ars.form.${k}`)} value={form[k] ?? ''} onChange={(v) => setForm((f) => ({ ...f, [k]: v }))} disabled={!canWrite} />
          ))}
        </div>
        <ActionError error={action.error} />
        {canWrite && (
          <button type="submit" className="primary" disabled={!dirty || action.busy} data-testid="ars-form-save">
            {t('common.save')}
          </button>
        )}
      </form>
    </details>
  );
}
