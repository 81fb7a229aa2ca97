import { useTranslation } from 'react-i18next';
import type { EventRow } from '@contract';
import type { GridColumn } from '../../components/VirtualGrid';
import { VirtualGrid } from '../../components/VirtualGrid';
import { useFormat } from '../../hooks/useFormat';
import { cellValue, COLUMNS } from './columns';
import { FilterValue } from './filter';

const ROW_HEIGHT = 36;
/** Ask for the next page when the last rendered row is this close to the end. */
const PREFETCH_ROWS = 40;

interface Props {
  rows: EventRow[];
  columns: string[];
  selected: number | null;
  onSelect: (id: number) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  sort: 'desc' | 'asc';
  onSort: () => void;
}

/** Search results: only the visible rows are in the DOM; the next page loads as the end comes into view. */
export function ResultsTable({ rows, columns, selected, onSelect, hasMore, loadingMore, onLoadMore, sort, onSort }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const shown = COLUMNS.filter((c) => columns.includes(c.key));
  const grid: GridColumn<EventRow>[] = shown.map((c) => ({
    key: c.key,
    header:
      c.key === 'time' ? (
        <button type="button" className="link-button sort-button" data-testid="search-sort" onClick={onSort}>
          {t('search.columns.time')} {sort === 'desc' ? '↓' : '↑'}
        </button>
      ) : (
        t(`search.columns.${c.key}`)
      ),
    sort: c.key === 'time' ? (sort === 'desc' ? 'descending' : 'ascending') : undefined,
    title: c.key === 'message' ? (row) => row.message : undefined,
    cell: (row) =>
      c.field ? (
        <FilterValue field={c.field} value={cellValue(row, c.field)}>
          {c.render(row, t, fmt)}
        </FilterValue>
      ) : (
        c.render(row, t, fmt)
      ),
  }));

  return (
    <VirtualGrid
      className="vtable-search"
      label={t('search.table.label')}
      testId="search-table"
      rows={rows}
      columns={grid}
      rowHeight={ROW_HEIGHT}
      overscan={16}
      template={shown.map((c) => c.width).join(' ')}
      bodyTestId="search-rows"
      rowTestId="search-row"
      rowProps={(row) => ({ data: { 'event-id': row.id } })}
      selected={selected}
      onSelect={onSelect}
      more={
        hasMore ? (
          <div role="gridcell" aria-busy="true" data-testid="search-loading-more">
            {t('search.table.loadingMore')}
          </div>
        ) : undefined
      }
      onNearEnd={hasMore && !loadingMore ? onLoadMore : undefined}
      nearEndRows={PREFETCH_ROWS}
    />
  );
}
