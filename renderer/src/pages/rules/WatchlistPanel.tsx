import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useFormat } from '../../hooks/useFormat';
import { ActionError } from '../incidents/ActionError';
import { useAction, useCanWrite } from '../incidents/hooks';
import type { WatchEntry } from './types';
import { WatchlistForm } from './WatchlistForm';

/** The watch-list read by the "dossier sous surveillance" rule: list, add, remove. */
export function WatchlistPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  const list = useApiQuery('watchlist.list', {});
  const action = useAction();

  async function remove(entry: WatchEntry) {
    if (await action.run(() => api.call('watchlist.remove', { id: entry.id }))) list.reload();
  }

  const columns: Column<WatchEntry>[] = [
    { key: 'pseudonym', header: t('rules.watch.columns.pseudonym'), render: (w) => <code data-testid="watch-pseudonym">{w.pseudonym}</code> },
    { key: 'category', header: t('rules.watch.columns.category'), render: (w) => t(`rules.watch.category.${w.category}`) },
    { key: 'label', header: t('rules.watch.columns.label'), render: (w) => w.label || '—' },
    { key: 'user', header: t('rules.watch.columns.user'), render: (w) => w.userName ?? '—' },
    { key: 'added', header: t('rules.watch.columns.added'), render: (w) => `${w.addedBy} · ${fmt.dateTime(w.addedAt)}` },
    {
      key: 'remove',
      header: t('rules.columns.actions'),
      render: (w) =>
        canWrite ? (
          <button type="button" disabled={action.busy} onClick={() => void remove(w)} data-testid="watch-remove">
            {t('rules.watch.remove')}
          </button>
        ) : null,
    },
  ];

  return (
    <section className="card rules-section" data-testid="watchlist">
      <h2>{t('rules.watch.title')}</h2>
      <p className="help">{t('rules.watch.help')}</p>
      {canWrite && <WatchlistForm onAdded={list.reload} />}
      <ErrorMessage error={list.error} />
      <ActionError error={action.error} />
      {list.data && list.data.length === 0 && <p data-testid="watch-empty">{t('rules.watch.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <DataTable label={t('rules.watch.title')} columns={columns} rows={list.data} rowKey={(w) => w.id} testId="watch-table" />
      )}
    </section>
  );
}
