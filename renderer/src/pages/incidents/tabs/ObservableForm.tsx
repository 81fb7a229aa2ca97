import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import { useAction } from '../hooks';
import { OBSERVABLE_TYPE_LIST, TLP_LIST, type ObservableType, type Tlp } from '../types';

/** Adds an observable: value, type (or detected by the engine), its own TLP, a note. */
export function ObservableForm({ incidentId, defaultTlp, onAdded }: { incidentId: number; defaultTlp: Tlp; onAdded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [value, setValue] = useState('');
  const [type, setType] = useState<ObservableType | ''>('');
  const [tlp, setTlp] = useState<Tlp>(defaultTlp);
  const [description, setDescription] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const added = await action.run(() =>
      api.call('incidents.observables.add', { incidentId, value: value.trim(), tlp, description, ...(type ? { type } : {}) }),
    );
    if (added) {
      setValue('');
      setDescription('');
      onAdded();
    }
  }

  return (
    <form className="card inline-form" onSubmit={(e) => void submit(e)} data-testid="observable-form" aria-label={t('incidents.observables.add')}>
      <div className="field grow">
        <label htmlFor={`${id}-value`}>{t('incidents.observables.columns.value')}</label>
        <input id={`${id}-value`} required maxLength={2048} value={value} onChange={(e) => setValue(e.target.value)} data-testid="observable-value" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('incidents.observables.columns.type')}</label>
        <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as ObservableType | '')} data-testid="observable-type">
          <option value="">{t('incidents.observables.detect')}</option>
          {OBSERVABLE_TYPE_LIST.map((o) => (
            <option key={o} value={o}>
              {t(`incidents.observables.types.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tlp`}>TLP</label>
        <select id={`${id}-tlp`} value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)} data-testid="observable-tlp">
          {TLP_LIST.map((v) => (
            <option key={v} value={v}>{`TLP:${v}`}</option>
          ))}
        </select>
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-desc`}>{t('incidents.observables.columns.description')}</label>
        <input id={`${id}-desc`} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={!value.trim() || action.busy} data-testid="observable-add">
        {t('incidents.observables.add')}
      </button>
      <ActionError error={action.error} />
    </form>
  );
}
