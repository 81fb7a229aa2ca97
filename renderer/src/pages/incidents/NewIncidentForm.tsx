import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Severity } from '@contract';
import { api } from '../../api/client';
import { Choice, choicesOf } from '../../components/Fields';
import { ActionError } from './ActionError';
import { finessProblem } from './finess';
import { useAction } from './hooks';
import { incidentHref } from './route';
import { CATEGORY_LIST, SEVERITIES, TLP_LIST, type Category, type Tlp } from './types';

/** 'Nouvel incident': the essentials; everything else is edited in the incident's Synthèse. */
export function NewIncidentForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [category, setCategory] = useState<Category>('other');
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [description, setDescription] = useState('');
  const [structure, setStructure] = useState('');
  const [finess, setFiness] = useState('');
  const problem = finessProblem(finess);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await action.run(() =>
      api.call('incidents.create', {
        title: title.trim(),
        severity,
        category,
        tlp,
        description,
        structures: structure.trim() ? [{ name: structure.trim(), finess: finess.trim().toUpperCase() || null }] : [],
      }),
    );
    if (created) window.location.hash = incidentHref(created.id);
  }

  return (
    <form className="card new-incident" onSubmit={(e) => void submit(e)} data-testid="new-incident-form" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('incidents.create.title')}</h2>
      <div className="form-grid">
        <div className="field span-2">
          <label htmlFor={`${id}-title`}>{t('incidents.fields.title')}</label>
          <input id={`${id}-title`} required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="new-title" />
        </div>
        <Choice label={t('incidents.fields.severity')} value={severity} onChange={setSeverity} testId="new-severity" options={choicesOf(SEVERITIES, (s) => t(`severity.${s}`))} />
        <Choice label={t('incidents.fields.category')} value={category} onChange={setCategory} testId="new-category" options={choicesOf(CATEGORY_LIST, (c) => t(`incidents.category.${c}`))} />
        <Choice label={t('incidents.fields.tlp')} value={tlp} onChange={setTlp} testId="new-tlp" options={choicesOf(TLP_LIST, (v) => `TLP:${v}`)} />
        <div className="field">
          <label htmlFor={`${id}-str`}>{t('incidents.fields.structureName')}</label>
          <input id={`${id}-str`} maxLength={200} value={structure} onChange={(e) => setStructure(e.target.value)} data-testid="new-structure" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-finess`}>{t('incidents.fields.finess')}</label>
          <input
            id={`${id}-finess`}
            maxLength={9}
            value={finess}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-finess-error` : undefined}
            onChange={(e) => setFiness(e.target.value)}
            data-testid="new-finess"
          />
          {problem && (
            <span id={`${id}-finess-error`} className="field-error" data-testid="finess-error">
              {t(`incidents.finess.${problem}`)}
            </span>
          )}
        </div>
        <div className="field span-2">
          <label htmlFor={`${id}-desc`}>{t('incidents.fields.description')}</label>
          <textarea id={`${id}-desc`} rows={3} maxLength={20000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
      </div>
      <ActionError error={action.error} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={action.busy || !title.trim() || !!problem} data-testid="new-submit">
          {t('incidents.create.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
