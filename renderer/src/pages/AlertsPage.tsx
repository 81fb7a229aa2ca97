import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertRow } from '@contract';
import { DataTable, type Column } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { SeverityBadge } from '../components/SeverityBadge';
import { useApiEvent } from '../hooks/useApiEvent';
import { useApiQuery } from '../hooks/useApiQuery';
import { useFormat } from '../hooks/useFormat';
import { useHashParam } from '../hooks/useHashRoute';
import { AlertFilterBar } from './alerts/AlertFilterBar';
import { isFiltered, parseAlertQuery } from './alerts/listQuery';
import { AlertTriagePanels } from './alerts/AlertTriagePanels';
import { AlertIncidentActions } from './incidents/AlertIncidentActions';

const PAGE_SIZE = 100;

export function AlertsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  // `#/alerts?q=…`: the dashboard's alert panels open the list filtered to the bar clicked.
  const query = useHashParam('q');
  const filter = useMemo(() => parseAlertQuery(query), [query]);
  useEffect(() => setOffset(0), [query]);
  const list = useApiQuery('alerts.list', { limit: PAGE_SIZE, offset, ...(filter ?? {}) });
  useApiEvent('alert.new', () => list.reload());
  const page = list.data;

  const columns: Column<AlertRow>[] = [
    { key: 'severity', header: t('alerts.columns.severity'), render: (a) => <SeverityBadge severity={a.severity} /> },
    {
      key: 'title',
      header: t('alerts.columns.title'),
      render: (a) => (
        <button type="button" className="link-button" onClick={() => setOpenId(a.id)} data-testid="alert-open">
          {a.title}
        </button>
      ),
    },
    {
      key: 'status',
      header: t('alerts.columns.status'),
      render: (a) => <span className={`status status-${a.status}`}>{t(`alertStatus.${a.status}`)}</span>,
    },
    { key: 'group', header: t('alerts.columns.group'), render: (a) => a.groupKey },
    { key: 'count', header: t('alerts.columns.count'), render: (a) => fmt.number(a.eventCount), className: 'num' },
    { key: 'first', header: t('alerts.columns.firstSeen'), render: (a) => fmt.dateTime(a.firstSeen) },
    { key: 'last', header: t('alerts.columns.lastSeen'), render: (a) => fmt.dateTime(a.lastSeen) },
    {
      key: 'incident',
      header: t('alerts.columns.incident'),
      render: (a) => <AlertIncidentActions alert={a} onLinked={list.reload} />,
    },
  ];

  return (
    <div className="page" data-testid="page-alerts">
      <PageHeader title={t('alerts.title')}>
        <button type="button" onClick={list.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      {(filter === null || isFiltered(filter)) && <AlertFilterBar query={query} filter={filter} />}
      <ErrorMessage error={list.error} />
      <AlertTriagePanels openId={openId} onClose={() => setOpenId(null)} onChanged={list.reload} />
      {!page && list.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {page && page.total === 0 && (
        <EmptyState title={t('alerts.empty.title')} testId="alerts-empty">
          <p>{t('alerts.empty.body')}</p>
        </EmptyState>
      )}
      {page && page.total > 0 && (
        <>
          <DataTable label={t('alerts.title')} columns={columns} rows={page.items} rowKey={(a) => a.id} testId="alerts-table" />
          <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} />
        </>
      )}
    </div>
  );
}
