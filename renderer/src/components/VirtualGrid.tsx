import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type AriaAttributes, type KeyboardEvent, type ReactNode } from 'react';

export interface GridColumn<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Full text of a cell that is often cut. */
  title?: (row: T) => string | undefined;
  sort?: AriaAttributes['aria-sort'];
}

/** Per-row attributes: extra classes, a tooltip and `data-*` attributes for tests and styles. */
export interface GridRowProps {
  className?: string;
  title?: string;
  data?: Record<string, string | number | boolean>;
}

interface Props<T extends { id: number | string }> {
  /** Class of the grid (`vtable-events`…): the column tracks live in CSS unless `template` is given. */
  className: string;
  label: string;
  rows: T[];
  columns: GridColumn<T>[];
  rowHeight: number;
  rowTestId: string;
  testId?: string;
  bodyTestId?: string;
  /** CSS grid tracks for columns chosen at run time. */
  template?: string;
  overscan?: number;
  rowProps?: (row: T) => GridRowProps;
  /** Rows become focusable and selectable (click, Enter, Space). */
  selected?: T['id'] | null;
  onSelect?: (id: T['id']) => void;
  /** A last row shown after the data (e.g. « loading more »). */
  more?: ReactNode;
  /** Called when the last rendered row is within `nearEndRows` of the end. */
  onNearEnd?: () => void;
  nearEndRows?: number;
}

/**
 * Virtualised ARIA grid: a header row and a scrolling body where only the
 * visible rows are in the DOM (events, search results, access traces, patient report).
 */
export function VirtualGrid<T extends { id: number | string }>(p: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: p.rows.length + (p.more ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => p.rowHeight,
    overscan: p.overscan ?? 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : 0;
  const { onNearEnd, nearEndRows = 0 } = p;
  const rowCount = p.rows.length;

  useEffect(() => {
    if (onNearEnd && lastIndex >= rowCount - nearEndRows) onNearEnd();
  }, [onNearEnd, nearEndRows, lastIndex, rowCount]);

  const onKey = (e: KeyboardEvent, id: T['id']) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      p.onSelect?.(id);
    }
  };
  const tracks = p.template ? { gridTemplateColumns: p.template } : {};

  return (
    <div className={`vtable ${p.className}`} role="grid" aria-label={p.label} aria-rowcount={p.rows.length + 1} data-testid={p.testId}>
      <div role="rowgroup" className="vtable-head">
        <div role="row" className="vrow" aria-rowindex={1} style={tracks}>
          {p.columns.map((c) => (
            <div role="columnheader" key={c.key} aria-sort={c.sort}>
              {c.header}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vtable-body" ref={scroller} data-testid={p.bodyTestId}>
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const place = { height: item.size, transform: `translateY(${item.start}px)` };
            const row = p.rows[item.index];
            if (!row) {
              return (
                <div key="more" role="row" className="vrow more-row" style={place}>
                  {p.more}
                </div>
              );
            }
            const extra = p.rowProps?.(row) ?? {};
            const data = Object.fromEntries(Object.entries(extra.data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
            const selectable = p.onSelect
              ? {
                  'aria-selected': row.id === p.selected,
                  tabIndex: 0,
                  onClick: () => p.onSelect?.(row.id),
                  onKeyDown: (e: KeyboardEvent) => onKey(e, row.id),
                }
              : {};
            const classes = ['vrow', p.onSelect ? 'clickable' : '', p.onSelect && row.id === p.selected ? 'selected' : '', extra.className ?? ''];
            return (
              <div
                role="row"
                key={row.id}
                aria-rowindex={item.index + 2}
                data-testid={p.rowTestId}
                {...data}
                {...selectable}
                className={classes.filter(Boolean).join(' ')}
                style={{ ...place, ...tracks }}
                title={extra.title}
              >
                {p.columns.map((c) => (
                  <div role="gridcell" key={c.key} data-column={c.key} title={c.title?.(row)}>
                    {c.cell(row)}
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
