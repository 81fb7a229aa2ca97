import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { ColumnChooser } from './search/ColumnChooser';
import { COMPACT_COLUMNS, storeColumns, storedColumns } from './search/columns';
import { EventDrawer } from './search/EventDrawer';
import { ExportButtons } from './search/ExportButtons';
import { FilterContext, type OnFilter } from './search/filter';
import { addFilter, searchHref, type SearchLink } from './search/query';
import { QueryBar } from './search/QueryBar';
import { ResultsTable } from './search/ResultsTable';
import { ResultSummary } from './search/ResultSummary';
import { SavedSearches } from './search/SavedSearches';
import { syntaxErrorOf } from './search/syntax';
import { DEFAULT_RANGE, parseRange, rangeExpr, type SearchRange } from './search/range';
import { TimeRangePicker } from './search/TimeRangePicker';
import { initialLink, useSearchLink } from './search/useSearchLink';
import { useSearch } from './search/useSearch';
import './search/search.css';

type Sort = 'desc' | 'asc';

/**
 * Recherche: the event search (query language of main/search), with time range, virtualised results,
 * detail, click-to-filter, saved searches and recorded exports. Opened on `#/search?q=…&from=…&to=…`
 * (the dashboard's drill-downs). A section of its own: Événements stays the plain, paged event log.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const [first] = useState(initialLink);
  const [draft, setDraft] = useState(first?.query ?? '');
  const [range, setRange] = useState<SearchRange>(() => parseRange(first?.from, first?.to) ?? DEFAULT_RANGE);
  const [sort, setSort] = useState<Sort>('desc');
  const [selected, setSelected] = useState<number | null>(null);
  const [columns, setColumns] = useState(storedColumns);
  const [savedOpen, setSavedOpen] = useState(false);
  const { state, run, loadMore } = useSearch();

  const current = useRef({ range, sort });
  current.current = { range, sort };

  const execute = useCallback(
    (query: string, nextRange: SearchRange = current.current.range, nextSort: Sort = current.current.sort) => {
      setDraft(query);
      setRange(nextRange);
      setSort(nextSort);
      setSelected(null);
      const expr = rangeExpr(nextRange);
      // The address follows the search (shareable, and the back button after a drill-down).
      window.history.replaceState(null, '', searchHref({ query, ...expr }));
      void run({ query, ...expr, sort: nextSort });
    },
    [run],
  );

  const openLink = useCallback(
    (link: SearchLink) => execute(link.query, parseRange(link.from, link.to) ?? current.current.range),
    [execute],
  );
  useSearchLink(openLink);
  useEffect(() => execute(first?.query ?? '', undefined), [execute, first]);

  const onFilter = useCallback<OnFilter>((field, value, negate) => execute(addFilter(draft, field, value, negate)), [draft, execute]);

  const syntax = syntaxErrorOf(state.error);
  const request = state.request;
  const exportable = request && state.resolved && !state.error ? { query: request.query, sort: request.sort, ...state.resolved } : null;
  const kept = columns.filter((c) => COMPACT_COLUMNS.includes(c));
  const compactColumns = kept.length > 0 ? kept : columns;
  const chooseColumns = (keys: string[]) => {
    setColumns(keys);
    storeColumns(keys);
  };

  return (
    <FilterContext.Provider value={onFilter}>
      <div className="page page-search" data-testid="page-search">
        <PageHeader title={t('search.title')}>
          <button type="button" aria-expanded={savedOpen} data-testid="saved-toggle" onClick={() => setSavedOpen(!savedOpen)}>
            {t('search.saved.title')}
          </button>
          <ColumnChooser value={columns} onChange={chooseColumns} />
        </PageHeader>
        {savedOpen && (
          <SavedSearches
            current={{ query: draft, ...rangeExpr(range) }}
            onLoad={(s) => execute(s.query, parseRange(s.from, s.to) ?? DEFAULT_RANGE)}
          />
        )}
        <QueryBar
          value={draft}
          onChange={setDraft}
          onSubmit={(q) => execute(q)}
          busy={state.loading}
          syntaxError={syntax && request ? { query: request.query, error: syntax } : null}
        />
        <div className="search-toolbar">
          <TimeRangePicker key={JSON.stringify(range)} value={range} onChange={(r) => execute(draft, r)} />
          <ExportButtons search={exportable} />
        </div>
        {!syntax && <ErrorMessage error={state.error} testId="search-error" />}
        {state.loading && <p aria-busy="true">{t('search.loading')}</p>}
        <ResultSummary state={state} />
        {!state.loading && !state.error && state.resolved && state.total === 0 && (
          <EmptyState title={t('search.empty.title')} testId="search-empty">
            <p>{t('search.empty.body')}</p>
          </EmptyState>
        )}
        {state.rows.length > 0 && (
          <div className={selected === null ? 'split' : 'split with-detail'}>
            <ResultsTable
              rows={state.rows}
              columns={selected === null ? columns : compactColumns}
              selected={selected}
              onSelect={setSelected}
              hasMore={state.nextCursor !== null}
              loadingMore={state.loadingMore}
              onLoadMore={loadMore}
              sort={sort}
              onSort={() => request && execute(request.query, range, sort === 'desc' ? 'asc' : 'desc')}
            />
            {selected !== null && <EventDrawer id={selected} onClose={() => setSelected(null)} />}
          </div>
        )}
      </div>
    </FilterContext.Provider>
  );
}
