import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventRow } from '@contract';
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
  const scroller = useRef<HTMLDivElement>(null);
  const shown = COLUMNS.filter((c) => columns.includes(c.key));
  const template = shown.map((c) => c.width).join(' ');
  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length, onLoadMore]);

  const onKey = (e: KeyboardEvent, id: number) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(id);
    }
  };

  return (
    <div className="vtable vtable-search" role="grid" aria-label={t('search.table.label')} aria-rowcount={rows.length + 1} data-testid="search-table">
      <div role="rowgroup" className="vtable-head">
        <div role="row" className="vrow" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {shown.map((c) => (
            <div role="columnheader" key={c.key} aria-sort={c.key === 'time' ? (sort === 'desc' ? 'descending' : 'ascending') : undefined}>
              {c.key === 'time' ? (
                <button type="button" className="link-button sort-button" data-testid="search-sort" onClick={onSort}>
                  {t('search.columns.time')} {sort === 'desc' ? '↓' : '↑'}
                </button>
              ) : (
                t(`search.columns.${c.key}`)
              )}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vtable-body" ref={scroller} data-testid="search-rows">
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) {
              return (
                <div key="more" role="row" className="vrow more-row" style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
                  <div role="gridcell" aria-busy="true" data-testid="search-loading-more">
                    {t('search.table.loadingMore')}
                  </div>
                </div>
              );
            }
            return (
              <div
                role="row"
                key={row.id}
                aria-rowindex={item.index + 2}
                aria-selected={row.id === selected}
                tabIndex={0}
                data-testid="search-row"
                data-event-id={row.id}
                className={`vrow clickable${row.id === selected ? ' selected' : ''}`}
                style={{ height: item.size, transform: `translateY(${item.start}px)`, gridTemplateColumns: template }}
                onClick={() => onSelect(row.id)}
                onKeyDown={(e) => onKey(e, row.id)}
              >
                {shown.map((c) => (
                  <div role="gridcell" key={c.key} data-column={c.key} title={c.key === 'message' ? row.message : undefined}>
                    {c.field ? (
                      <FilterValue field={c.field} value={cellValue(row, c.field)}>
                        {c.render(row, t, fmt)}
                      </FilterValue>
                    ) : (
                      c.render(row, t, fmt)
                    )}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
