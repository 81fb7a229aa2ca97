import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Pager } from '../../components/Pager';
import { routeHref } from '../../hooks/useHashRoute';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useDebounced } from '../../hooks/useDebounced';
import { useFormat } from '../../hooks/useFormat';
import { currentLocale } from '../../i18n';
import { importQueue, type ImportRow } from './importQueue';
import { ImportSummary } from './ImportSummary';
import { formatBytes } from './units';

const PAGE_SIZE = 50;

/** Every import so far (files, uploads, watched folder), newest first, with a Resume action for interrupted ones. */
export function ImportHistory({ refreshKey, canResume }: { refreshKey: number; canResume: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [offset, setOffset] = useState(0);
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  // Many files ending together (a dropped folder) reload the table once.
  const settled = useDebounced(`${refreshKey}:${tick}`, 300);
  const list = useApiQuery('ingest.imports', { limit: PAGE_SIZE, offset }, { refreshKey: settled });
  // Imports started elsewhere (watched folder, resumed ones) appear when they end.
  useApiEvent('import.progress', (p) => {
    if (p.status !== 'running') setTick((n) => n + 1);
  });

  async function resume(row: ImportRow) {
    setBusy(row.id);
    setError(null);
    try {
      await api.call('ingest.resume', { importId: row.id });
      importQueue.follow(row.id, row.origin);
      setTick((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const columns: Column<ImportRow>[] = [
    { key: 'started', header: t('imports.history.columns.started'), render: (r) => fmt.dateTime(r.startedAt) },
    {
      key: 'origin',
      header: t('imports.history.columns.origin'),
      render: (r) => (
        <>
          <span className="mono">{r.origin}</span>
          <div className="muted">
            {[r.upload ? t('imports.history.uploaded') : null, r.size !== null ? formatBytes(r.size, currentLocale()) : null, r.gzip ? 'gzip' : null]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </>
      ),
    },
    { key: 'format', header: t('imports.history.columns.format'), render: (r) => t(`imports.formats.${r.format}`, { defaultValue: r.format }) },
    {
      key: 'status',
      header: t('imports.history.columns.status'),
      render: (r) => (
        <>
          <span className={`state state-${r.status}`} data-testid="import-history-status">
            {t(`imports.status.${r.status}`)}
          </span>
          {r.message && <div className="muted">{r.message}</div>}
        </>
      ),
    },
    { key: 'counts', header: t('imports.history.columns.counts'), render: (r) => <ImportSummary counts={r} final={r.status !== 'running'} /> },
    {
      key: 'actions',
      header: t('imports.history.columns.actions'),
      render: (r) => (
        <div className="actions-cell">
          {r.quarantined > 0 && (
            <a href={`${routeHref('sources', 'quarantine')}?import=${r.id}`} data-testid="import-history-quarantine">
              {t('imports.history.seeQuarantine')}
            </a>
          )}
          {canResume && r.resumable && (
            <button type="button" disabled={busy === r.id} data-testid="import-resume" onClick={() => void resume(r)}>
              {t('imports.history.resume')}
            </button>
          )}
        </div>
      ),
    },
  ];

  const page = list.data;
  return (
    <section className="card" aria-labelledby="import-history-title" data-testid="import-history">
      <h2 id="import-history-title">{t('imports.history.title')}</h2>
      <ErrorMessage error={list.error ?? error} />
      {page && page.total === 0 && <p className="muted">{t('imports.history.empty')}</p>}
      {page && page.total > 0 && (
        <>
          <DataTable label={t('imports.history.title')} columns={columns} rows={page.items} rowKey={(r) => r.id} testId="import-history-table" />
          <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} />
        </>
      )}
    </section>
  );
}
