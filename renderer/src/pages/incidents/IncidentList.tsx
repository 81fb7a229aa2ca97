import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useDebounced } from '../../hooks/useDebounced';
import { DeadlinesBanner } from './DeadlinesBanner';
import { FiltersBar } from './FiltersBar';
import { useCanWrite, useNow } from './hooks';
import { ImportBundleButton } from './ImportBundleButton';
import { IncidentTable } from './IncidentTable';
import { parseListQuery, toListInput, type ListFilters } from './listFilters';
import { NewIncidentForm } from './NewIncidentForm';
import { incidentHref } from './route';
import type { Deadline } from './types';

const PAGE_SIZE = 50;

/** The incident list (filtered and paged by the engine): upcoming legal deadlines, filters, 'Nouvel incident', shared-bundle import. */
export function IncidentList({ query }: { query: string }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const parsed = useMemo(() => parseListQuery(query), [query]);
  const [filters, setFilters] = useState<ListFilters>(parsed.filters);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const minute = useNow(60_000);
  // Typing in the text fields does not send one query per key.
  const applied = useDebounced(filters, 250);
  const list = useApiQuery('incidents.list', toListInput(applied, { limit: PAGE_SIZE, offset }));
  const all = useApiQuery('incidents.list', { limit: 1, offset: 0 });
  const deadlines = useApiQuery('legal.deadlines', {}, { refreshKey: minute });

  useEffect(() => setFilters(parsed.filters), [parsed]);
  useEffect(() => setOffset(0), [applied]);
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
  const total = all.data?.total;

  return (
    <div className="page incidents-page" data-testid="page-incidents">
      <PageHeader title={t('incidents.title')}>
        {canWrite && (
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="new-incident">
            {t('incidents.create.button')}
          </button>
        )}
        {canWrite && <ImportBundleButton />}
        <button type="button" onClick={() => (list.reload(), all.reload(), deadlines.reload())}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      {deadlines.data && <DeadlinesBanner deadlines={deadlines.data} />}
      {creating && <NewIncidentForm onCancel={() => setCreating(false)} />}
      <ErrorMessage error={list.error ?? all.error ?? deadlines.error} />
      {total == null && (list.loading || all.loading) && <p aria-busy="true">{t('common.loading')}</p>}
      {total === 0 && (
        <EmptyState title={t('incidents.empty.title')} testId="incidents-empty">
          <p>{t('incidents.empty.body')}</p>
        </EmptyState>
      )}
      {total != null && total > 0 && (
        <>
          <FiltersBar filters={filters} onChange={setFilters} shown={page?.total ?? 0} total={total} />
          {page && page.items.length > 0 && <IncidentTable rows={page.items} deadlines={byIncident} />}
          {page && page.total === 0 && (
            <p className="muted" data-testid="incidents-filtered-out">
              {t('incidents.filters.none')}
            </p>
          )}
          {page && page.total > PAGE_SIZE && <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} />}
        </>
      )}
    </div>
  );
}
