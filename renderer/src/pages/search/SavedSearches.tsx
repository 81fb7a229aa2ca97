import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useApiQuery } from '../../hooks/useApiQuery';

type Saved = OpOutput<'search.saved.list'>[number];

interface Props {
  /** What "save" records: the query in the bar and the range expressions (date math stays relative). */
  current: { query: string; from: string; to: string };
  onLoad: (saved: Saved) => void;
}

/** Save the current search under a name; list, load and delete the saved ones. */
export function SavedSearches({ current, onLoad }: Props) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const list = useApiQuery('search.saved.list', {});
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    const existing = list.data?.find((s) => s.name === name.trim());
    void act(async () => {
      const saved = await api.call('search.saved.save', { ...current, name: name.trim(), ...(existing ? { id: existing.id } : {}) });
      toasts.push({ kind: 'info', text: t('search.saved.savedToast', { name: saved.name }) });
      setName('');
    });
  };

  const remove = (saved: Saved) =>
    act(async () => {
      await api.call('search.saved.delete', { id: saved.id });
      toasts.push({ kind: 'info', text: t('search.saved.deletedToast', { name: saved.name }) });
    });

  const items = list.data ?? [];
  return (
    <section className="saved-searches" data-testid="saved-searches" aria-label={t('search.saved.title')}>
      <form className="saved-form" onSubmit={save}>
        <label htmlFor="saved-name">{t('search.saved.name')}</label>
        <input id="saved-name" data-testid="saved-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <button type="submit" data-testid="saved-save" disabled={busy || !name.trim()}>
          {t('search.saved.save')}
        </button>
      </form>
      <ErrorMessage error={error ?? list.error} />
      {items.length === 0 ? (
        <p className="muted" data-testid="saved-empty">
          {t('search.saved.empty')}
        </p>
      ) : (
        <ul className="saved-list">
          {items.map((s) => (
            <li key={s.id} data-testid="saved-item" data-name={s.name}>
              <button type="button" className="link-button" data-testid="saved-load" onClick={() => onLoad(s)} title={s.query}>
                {s.name}
              </button>
              <code className="saved-query">{s.query || t('search.saved.allEvents')}</code>
              <button
                type="button"
                className="saved-delete"
                data-testid="saved-delete"
                aria-label={t('search.saved.delete', { name: s.name })}
                disabled={busy}
                onClick={() => void remove(s)}
              >
                {t('search.saved.deleteShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
