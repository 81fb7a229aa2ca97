import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { useApiQuery } from '../hooks/useApiQuery';
import { useFormat } from '../hooks/useFormat';
import { isFiltered, NO_FILTER, tracesInput, type TraceFilters } from './traces/filters';
import { PatientReport } from './traces/PatientReport';
import { TraceFilterForm } from './traces/TraceFilterForm';
import { TracesTable } from './traces/TracesTable';

const PAGE_SIZE = 200;
const KNOWN_SERVICES = ['SRI', 'ROR', 'MSSante', 'PACS', 'Telemedecine', 'Portail-Coordination'];

/** The access-trace view: who opened which patient's record, what they did, when, from where, why. */
export function AccessTracesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [filters, setFilters] = useState<TraceFilters>(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const list = useApiQuery('traces.list', tracesInput(filters, now, PAGE_SIZE, offset));
  const page = list.data;

  const services = useMemo(() => {
    const seen = new Set(KNOWN_SERVICES);
    for (const row of page?.items ?? []) seen.add(row['service.name']);
    return [...seen].sort();
  }, [page]);

  const apply = (next: TraceFilters) => {
    setFilters(next);
    setOffset(0);
    setNow(Date.now());
  };
  const clear = (patch: Partial<TraceFilters>) => apply({ ...filters, ...patch });
  const filtered = isFiltered(filters);

  const chips: [keyof TraceFilters, string][] = [];
  if (filters.user) chips.push(['user', t('traces.chips.user', { value: filters.user })]);
  if (filters.patient) chips.push(['patient', t('traces.chips.patient', { value: filters.patient })]);
  if (filters.service) chips.push(['service', t('traces.chips.service', { value: filters.service })]);
  if (filters.breakGlassOnly) chips.push(['breakGlassOnly', t('traces.chips.breakGlassOnly')]);

  return (
    <div className="page" data-testid="page-traces">
      <PageHeader title={t('traces.title')}>
        <button
          type="button"
          onClick={() => {
            setNow(Date.now());
            list.reload();
          }}
        >
          {t('common.refresh')}
        </button>
      </PageHeader>
      <p className="muted page-intro">{t('traces.intro')}</p>
      <TraceFilterForm key={JSON.stringify(filters)} value={filters} services={services} onApply={apply} />
      {chips.length > 0 && (
        <ul className="chips" aria-label={t('traces.chips.label')}>
          {chips.map(([key, label]) => (
            <li key={key} className="chip" data-testid="trace-filter-chip" data-filter={key}>
              <span>{label}</span>
              <button
                type="button"
                aria-label={t('traces.chips.remove', { filter: label })}
                onClick={() => clear({ [key]: NO_FILTER[key] })}
              >
                ×
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="link-button" data-testid="trace-clear-filters" onClick={() => apply(NO_FILTER)}>
              {t('traces.chips.clearAll')}
            </button>
          </li>
        </ul>
      )}
      <ErrorMessage error={list.error} />
      {!page && list.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {page && page.total === 0 && !filtered && (
        <EmptyState title={t('traces.empty.title')} testId="traces-empty">
          <p>{t('traces.empty.body')}</p>
          <ul>
            <li>{t('traces.empty.demo')}</li>
            <li>{t('traces.empty.sources')}</li>
          </ul>
          <p className="links">
            <a href="#/dashboard">{t('traces.empty.toDashboard')}</a>
            <a href="#/sources">{t('traces.empty.toSources')}</a>
          </p>
        </EmptyState>
      )}
      {page && page.total === 0 && filtered && (
        <EmptyState title={t('traces.noMatch.title')} testId="traces-no-match">
          <p>{t('traces.noMatch.body')}</p>
          <button type="button" onClick={() => apply(NO_FILTER)}>
            {t('traces.chips.clearAll')}
          </button>
        </EmptyState>
      )}
      {page && page.total > 0 && (
        <>
          <p className="muted" data-testid="traces-total" data-total={page.total}>
            {t('traces.total', { count: page.total, formatted: fmt.number(page.total) })}
          </p>
          <TracesTable rows={page.items} onUser={(user) => apply({ ...filters, user })} onPatient={(patient) => apply({ ...filters, patient })} />
          <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} />
        </>
      )}
      <PatientReport pseudonym={filters.patient} />
    </div>
  );
}
