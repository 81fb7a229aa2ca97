import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { ActionError } from '../ActionError';
import { useAction } from '../hooks';

interface Props {
  incidentId: number;
  category: string;
  onApplied: () => void;
}

/** 'Appliquer un playbook': creates the template's tasks; applying it again adds only tasks not yet created. */
export function PlaybookApply({ incidentId, category, onApplied }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const playbooks = useApiQuery('incidents.playbooks.list', {});
  const action = useAction();
  const [chosen, setChosen] = useState('');
  const [result, setResult] = useState<{ created: number; existing: number } | null>(null);
  const suggested = playbooks.data?.find((p) => p.category === category)?.id ?? '';
  const value = chosen || suggested;

  async function apply() {
    setResult(null);
    const done = await action.run(() => api.call('incidents.playbooks.apply', { incidentId, playbookId: value }));
    if (done) {
      setResult({ created: done.created, existing: done.existing });
      onApplied();
    }
  }

  return (
    <div className="card playbook-apply" data-testid="playbook-apply">
      <div className="field-inline">
        <label htmlFor={`${id}-pb`}>{t('incidents.tasks.playbook')}</label>
        <select id={`${id}-pb`} value={value} onChange={(e) => setChosen(e.target.value)} data-testid="playbook-select">
          <option value="">{t('incidents.tasks.choosePlaybook')}</option>
          {(playbooks.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {t('incidents.tasks.playbookOption', { title: p.title, count: p.taskCount })}
            </option>
          ))}
        </select>
        <button type="button" disabled={!value || action.busy} onClick={() => void apply()} data-testid="playbook-apply-button">
          {t('incidents.tasks.applyPlaybook')}
        </button>
      </div>
      {result && (
        <p role="status" className="help" data-testid="playbook-result">
          {t('incidents.tasks.applied', { created: result.created, existing: result.existing })}
        </p>
      )}
      <ActionError error={action.error ?? playbooks.error} />
    </div>
  );
}
