import { useTranslation } from 'react-i18next';
import type { SourceHealth } from '@contract';
import { useFormat } from '../../hooks/useFormat';
import { locationOf } from './draft';
import type { SourceRow } from './types';

export type SourceAction = 'test' | 'toggle' | 'edit' | 'delete';

interface Props {
  rows: SourceRow[];
  /** Live counters from `source.health`, newer than the rows. */
  health: Record<number, SourceHealth>;
  canWrite: boolean;
  busyId: number | null;
  confirmDelete: number | null;
  onAction: (row: SourceRow, action: SourceAction) => void;
  onConfirmDelete: (row: SourceRow, confirmed: boolean) => void;
}

const COUNTERS = ['received', 'stored', 'quarantined', 'duplicates', 'dropped'] as const;

/** Each source with where it listens or reads, its state, live counters, last error and actions. */
export function SourcesTable({ rows, health, canWrite, busyId, confirmDelete, onAction, onConfirmDelete }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="table-wrap">
      <table className="table" aria-label={t('sources.tableLabel')} data-testid="sources-table">
        <thead>
          <tr>
            <th scope="col">{t('sources.columns.name')}</th>
            <th scope="col">{t('sources.columns.location')}</th>
            <th scope="col">{t('sources.columns.status')}</th>
            <th scope="col">{t('sources.columns.counters')}</th>
            <th scope="col">{t('sources.columns.lastError')}</th>
            {canWrite && <th scope="col">{t('sources.columns.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const h = health[row.id] ?? row.health;
            const status = row.enabled ? h.status : 'paused';
            const lastError = row.configError ?? h.lastError;
            return (
              <tr key={row.id} data-testid="source-row" data-source-id={row.id} data-source-name={row.name} data-status={status}>
                <td>
                  <strong>{row.name}</strong>
                  <div className="muted">{t(`sources.kinds.${row.kind}`)}</div>
                  {row.hasSecret && <div className="secret-state">{t('sources.secretStored')}</div>}
                </td>
                <td>
                  <code>{row.listening ? `${row.listening.address}:${row.listening.port}` : locationOf(row.kind, row.config)}</code>
                  {row.exposed && (
                    <div>
                      <span className="state state-error">{t('sources.exposed')}</span>
                    </div>
                  )}
                </td>
                <td>
                  <span className={`state state-${status}`} data-testid="source-status">
                    {t(`sources.status.${status}`)}
                  </span>
                  {h.lastOkAt && <div className="muted">{t('sources.lastOk', { at: fmt.dateTime(h.lastOkAt) })}</div>}
                </td>
                <td>
                  <dl className="counters">
                    {COUNTERS.map((c) => (
                      <div key={c}>
                        <dt>{t(`sources.counters.${c}`)}</dt>
                        <dd data-testid={`source-${c}`} data-value={h[c]}>
                          {fmt.number(h[c])}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </td>
                <td data-testid="source-last-error">{lastError ?? '—'}</td>
                {canWrite && (
                  <td>
                    {confirmDelete === row.id ? (
                      <div className="actions-cell" role="group" aria-label={t('sources.confirmDelete', { name: row.name })}>
                        <span>{t('sources.confirmDelete', { name: row.name })}</span>
                        <button type="button" className="danger" data-testid="source-delete-confirm" onClick={() => onConfirmDelete(row, true)}>
                          {t('sources.actions.deleteConfirm')}
                        </button>
                        <button type="button" onClick={() => onConfirmDelete(row, false)}>
                          {t('common.cancel')}
                        </button>
                      </div>
                    ) : (
                      <div className="actions-cell">
                        <button type="button" disabled={busyId === row.id} data-testid="source-test" onClick={() => onAction(row, 'test')}>
                          {t('sources.actions.test')}
                        </button>
                        <button type="button" disabled={busyId === row.id} data-testid="source-toggle" onClick={() => onAction(row, 'toggle')}>
                          {t(row.enabled ? 'sources.actions.pause' : 'sources.actions.resume')}
                        </button>
                        <button type="button" disabled={busyId === row.id} data-testid="source-edit" onClick={() => onAction(row, 'edit')}>
                          {t('sources.actions.edit')}
                        </button>
                        <button type="button" disabled={busyId === row.id} data-testid="source-delete" onClick={() => onAction(row, 'delete')}>
                          {t('sources.actions.delete')}
                        </button>
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
