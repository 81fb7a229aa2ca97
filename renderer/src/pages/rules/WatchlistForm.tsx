import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ActionError } from '../incidents/ActionError';
import { useAction } from '../incidents/hooks';
import type { WatchEntry } from './types';

const CATEGORIES: WatchEntry['category'][] = ['vip', 'personnel', 'famille', 'autre'];
const PSEUDONYM = /^P-[A-Z2-7]{16}$/;

/** Adds a record: by its pseudonym, or by the patient identifier (pseudonymised by the engine, never stored). */
export function WatchlistForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [value, setValue] = useState('');
  const [system, setSystem] = useState('');
  const [category, setCategory] = useState<WatchEntry['category']>('vip');
  const [label, setLabel] = useState('');
  const [userName, setUserName] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = value.trim();
    if (!v) return;
    const target = PSEUDONYM.test(v) ? { pseudonym: v } : { identifier: v, ...(system.trim() ? { system: system.trim() } : {}) };
    const input = { ...target, category, label: label.trim(), ...(userName.trim() ? { userName: userName.trim() } : {}) };
    if (!(await action.run(() => api.call('watchlist.add', input)))) return;
    setValue('');
    setLabel('');
    setUserName('');
    onAdded();
  }

  return (
    <form className="rules-form" onSubmit={(e) => void submit(e)} data-testid="watch-form">
      <label>
        {t('rules.watch.value')}
        <input value={value} onChange={(e) => setValue(e.target.value)} required data-testid="watch-value" />
      </label>
      <label>
        {t('rules.watch.system')}
        <input value={system} onChange={(e) => setSystem(e.target.value)} disabled={PSEUDONYM.test(value.trim())} data-testid="watch-system" />
      </label>
      <label>
        {t('rules.watch.columns.category')}
        <select value={category} onChange={(e) => setCategory(e.target.value as WatchEntry['category'])} data-testid="watch-category">
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`rules.watch.category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('rules.watch.columns.label')}
        <input value={label} onChange={(e) => setLabel(e.target.value)} data-testid="watch-label" />
      </label>
      <label>
        {t('rules.watch.columns.user')}
        <input value={userName} onChange={(e) => setUserName(e.target.value)} data-testid="watch-user" />
      </label>
      <button type="submit" className="primary" disabled={action.busy || !value.trim()} data-testid="watch-add">
        {t('rules.watch.add')}
      </button>
      <ActionError error={action.error} />
    </form>
  );
}
