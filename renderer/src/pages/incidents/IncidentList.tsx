import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useApiQuery } from '../../hooks/useApiQuery';
import { DeadlinesBanner } from './DeadlinesBanner';
import { FiltersBar } from './FiltersBar';
import { useCanWrite, useNow } from './hooks';
import { ImportBundleButton } from './ImportBundleButton';
import { IncidentTable } from './IncidentTable';
import { applyFilters, parseListQuery, type ListFilters } from './listFilters';
import { NewIncidentForm } from './NewIncidentForm';
import { incidentHref } from './route';
import type { Deadline } from './types';

const PAGE_SIZE = 500;

/** The incident list: upcoming legal deadlines, filters, 'Nouvel incident', shared-bundle import. */
export function IncidentList({ query }: { query: string }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const parsed = useMemo(() => parseListQuery(query), [query]);
  const [filters, setFilters] = useState<ListFilters>(parsed.filters);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const minute = useNow(60_000);
  const list = useApiQuery('incidents.list', { limit: PAGE_SIZE, offset });
  const deadlines = useApiQuery('legal.deadlines', {}, { refreshKey: minute });

  useEffect(() => setFilters(parsed.filters), [parsed]);
  // A legal deadline of the dashboard (`incident:N AND kind:…`) opens that incident's obligations.
  useEffect(() => {
    if (parsed.incidentId != null) window.location.replace(incidentHref(parsed.incidentId, parsed.legal ? 'legal' : 'summary'));
  }, [parsed]);

  const byIncident = useMemo(() => {
    const map = new Map<number, Deadline[]>();
    for (const d of deadlines.data ?? []) map.set(d.incidentId, [...(map.get(d.incidentId) ?? []), d]);
    return map;
  }, [deadlines.data]);
  const page = list.data;
  const rows = useMemo(() => (page ? applyFilters(page.items, filters) : []), [page, filters]);

  return (
    <div className="page incidents-page" data-testid="page-incidents">
      <PageHeader title={t('incidents.title')}>
        {canWrite && (
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-incident">
            {t('incidents.create.button')}
          </button>
        )}
        {canWrite && <ImportBundleButton />}
        <button type="button" onClick={() => (list.reload(), deadlines.reload())}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      {deadlines.data && <DeadlinesBanner deadlines={deadlines.data} />}
      {creating && <NewIncidentForm onCancel={() => setCreating(false)} />}
      <ErrorMessage error={list.error ?? deadlines.error} />
      {!page && list.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {page && page.total === 0 && (
        <EmptyState title={t('incidents.empty.title')} testId="incidents-empty">
          <p>{t('incidents.empty.body')}</p>
        </EmptyState>
      )}
      {page && page.total > 0 && (
        <>
          <FiltersBar filters={filters} onChange={setFilters} shown={rows.length} total={page.items.length} />
          {rows.length > 0 ? (
            <IncidentTable rows={rows} deadlines={byIncident} />
          ) : (
            <p className="muted" data-testid="incidents-filtered-out">
              {t('incidents.filters.none')}
            </p>
          )}
          {page.total > PAGE_SIZE && <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} />}
        </>
      )}
    </div>
  );
}
