import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentRow } from '@contract';
import { DataTable, type Column } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { SeverityBadge } from '../components/SeverityBadge';
import { useApiQuery } from '../hooks/useApiQuery';
import { useFormat } from '../hooks/useFormat';

const PAGE_SIZE = 100;

export function IncidentsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [offset, setOffset] = useState(0);
  const list = useApiQuery('incidents.list', { limit: PAGE_SIZE, offset });
  const page = list.data;

  const columns: Column<IncidentRow>[] = [
    { key: 'id', header: t('incidents.columns.id'), render: (i) => t('alerts.incidentRef', { id: i.id }) },
    { key: 'severity', header: t('incidents.columns.severity'), render: (i) => <SeverityBadge severity={i.severity} /> },
    { key: 'title', header: t('incidents.columns.title'), render: (i) => i.title },
    {
      key: 'tlp',
      header: t('incidents.columns.tlp'),
      render: (i) => <span className={`tlp tlp-${i.tlp.replace('+', '-').toLowerCase()}`}>{`TLP:${i.tlp}`}</span>,
    },
    { key: 'phase', header: t('incidents.columns.phase'), render: (i) => t(`phase.${i.phase}`) },
    { key: 'category', header: t('incidents.columns.category'), render: (i) => i.category },
    { key: 'structure', header: t('incidents.columns.structure'), render: (i) => i.structure ?? '—' },
    { key: 'created', header: t('incidents.columns.createdAt'), render: (i) => fmt.dateTime(i.createdAt) },
    { key: 'updated', header: t('incidents.columns.updatedAt'), render: (i) => fmt.dateTime(i.updatedAt) },
  ];

  return (
    <div className="page" data-testid="page-incidents">
      <PageHeader title={t('incidents.title')}>
        <button type="button" onClick={list.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <ErrorMessage error={list.error} />
      {!page && list.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {page && page.total === 0 && (
        <EmptyState title={t('incidents.empty.title')} testId="incidents-empty">
          <p>{t('incidents.empty.body')}</p>
        </EmptyState>
      )}
      {page && page.total > 0 && (
        <>
          <DataTable label={t('incidents.title')} columns={columns} rows={page.items} rowKey={(i) => i.id} testId="incidents-table" />
          <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} />
        </>
      )}
    </div>
  );
}
