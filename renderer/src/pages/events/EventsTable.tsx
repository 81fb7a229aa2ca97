import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventRow } from '@contract';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useFormat } from '../../hooks/useFormat';

const ROW_HEIGHT = 38;
const COLUMNS = ['time', 'severity', 'service', 'action', 'outcome', 'user', 'message'] as const;
type ColumnKey = (typeof COLUMNS)[number];
/** With the detail panel open, the columns it repeats at length are dropped. */
const COMPACT: readonly ColumnKey[] = ['time', 'severity', 'service', 'action', 'user'];

interface Props {
  rows: EventRow[];
  selected: number | null;
  onSelect: (id: number) => void;
  compact: boolean;
}

/** One page of events; only the visible rows are in the DOM. */
export function EventsTable({ rows, selected, onSelect, compact }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const columns = compact ? COMPACT : COLUMNS;
  const cell = (row: EventRow, column: ColumnKey) => {
    switch (column) {
      case 'time':
        return fmt.dateTime(row['@timestamp']);
      case 'severity':
        return <SeverityBadge severity={row['event.severity']} />;
      case 'service':
        return row['service.name'];
      case 'action':
        return row['event.action'];
      case 'outcome':
        return t(`events.outcome.${row['event.outcome']}`, { defaultValue: row['event.outcome'] });
      case 'user':
        return row['user.name'] ?? '—';
      case 'message':
        return row.message;
    }
  };

  const onKey = (e: KeyboardEvent, id: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(id);
    }
  };

  return (
    <div className={`vtable vtable-events${compact ? ' compact' : ''}`} role="grid" aria-label={t('events.tableLabel')} aria-rowcount={rows.length + 1}>
      <div role="rowgroup" className="vtable-head">
        <div role="row" className="vrow" aria-rowindex={1}>
          {columns.map((c) => (
            <div role="columnheader" key={c}>
              {t(`events.columns.${c}`)}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vtable-body" ref={scroller} data-testid="events-rows">
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return (
              <div
                role="row"
                key={row.id}
                aria-rowindex={item.index + 2}
                aria-selected={row.id === selected}
                tabIndex={0}
                data-testid="event-row"
                data-event-id={row.id}
                className={`vrow clickable${row.id === selected ? ' selected' : ''}`}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(row.id)}
                onKeyDown={(e) => onKey(e, row.id)}
              >
                {columns.map((c) => (
                  <div role="gridcell" key={c} title={c === 'message' ? row.message : undefined}>
                    {cell(row, c)}
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
