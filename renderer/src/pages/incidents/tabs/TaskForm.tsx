import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { PHASE_LIST } from '../../../domain';
import { ActionError } from '../ActionError';
import { useAction } from '../hooks';
import { fromParisInput } from '../../../parisTime';
import type { Phase } from '../types';

/** Adds one task (title, owner, due date in Paris time, phase). */
export function TaskForm({ incidentId, onAdded }: { incidentId: number; onAdded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [phase, setPhase] = useState<Phase | ''>('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const added = await action.run(() =>
      api.call('incidents.tasks.add', {
        incidentId,
        title: title.trim(),
        owner: owner.trim() || null,
        dueAt: due ? fromParisInput(due) : null,
        phase: phase || null,
      }),
    );
    if (added) {
      setTitle('');
      setOwner('');
      setDue('');
      onAdded();
    }
  }

  return (
    <form className="card inline-form" onSubmit={(e) => void submit(e)} data-testid="task-form" aria-label={t('incidents.tasks.add')}>
      <div className="field grow">
        <label htmlFor={`${id}-title`}>{t('incidents.tasks.columns.title')}</label>
        <input id={`${id}-title`} required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="task-title" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>{t('incidents.tasks.columns.owner')}</label>
        <input id={`${id}-owner`} maxLength={120} value={owner} onChange={(e) => setOwner(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('incidents.tasks.columns.due')}</label>
        <input id={`${id}-due`} type="datetime-local" step={1} value={due} onChange={(e) => setDue(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-phase`}>{t('incidents.tasks.columns.phase')}</label>
        <select id={`${id}-phase`} value={phase} onChange={(e) => setPhase(e.target.value as Phase | '')}>
          <option value="">—</option>
          {PHASE_LIST.map((p) => (
            <option key={p} value={p}>
              {t(`phase.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={!title.trim() || action.busy} data-testid="task-add">
        {t('incidents.tasks.add')}
      </button>
      <ActionError error={action.error} />
    </form>
  );
}
