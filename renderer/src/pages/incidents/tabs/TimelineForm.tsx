import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ActionError } from '../ActionError';
import { useAction } from '../hooks';
import { fromParisInput, nowParisInput } from '../../../parisTime';

const CATEGORIES = ['Unspecified', 'Initial Access', 'Execution', 'Persistence', 'Lateral Movement', 'Exfiltration', 'Impact', 'Remediation', 'Communication'];

/** Adds a manual timeline entry (time read in Paris, category as in DFIR-IRIS). */
export function TimelineForm({ incidentId, onAdded }: { incidentId: number; onAdded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [at, setAt] = useState(nowParisInput);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('Unspecified');
  const [content, setContent] = useState('');
  const [source, setSource] = useState('');
  const instant = fromParisInput(at);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!instant) return;
    const added = await action.run(() =>
      api.call('incidents.timeline.add', { incidentId, at: instant, title: title.trim(), category, content, source: source.trim() }),
    );
    if (added) {
      setTitle('');
      setContent('');
      onAdded();
    }
  }

  return (
    <form className="card timeline-form" onSubmit={(e) => void submit(e)} data-testid="timeline-form" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('incidents.timeline.addTitle')}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('incidents.timeline.at')}</label>
          <input id={`${id}-at`} type="datetime-local" step={1} required value={at} onChange={(e) => setAt(e.target.value)} data-testid="timeline-at" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-cat`}>{t('incidents.timeline.category')}</label>
          <select id={`${id}-cat`} value={category} onChange={(e) => setCategory(e.target.value)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field span-2">
          <label htmlFor={`${id}-title`}>{t('incidents.timeline.entryTitle')}</label>
          <input id={`${id}-title`} required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="timeline-title" />
        </div>
        <div className="field span-2">
          <label htmlFor={`${id}-content`}>{t('incidents.timeline.content')}</label>
          <textarea id={`${id}-content`} rows={2} maxLength={20000} value={content} onChange={(e) => setContent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('incidents.timeline.source')}</label>
          <input id={`${id}-source`} maxLength={300} value={source} onChange={(e) => setSource(e.target.value)} />
        </div>
      </div>
      <ActionError error={action.error} />
      <button type="submit" className="primary" disabled={!title.trim() || !instant || action.busy} data-testid="timeline-add">
        {t('incidents.timeline.add')}
      </button>
    </form>
  );
}
