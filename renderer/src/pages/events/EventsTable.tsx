import { useTranslation } from 'react-i18next';
import type { EventRow } from '@contract';
import { dash, gridColumns, outcomeText } from '../../components/gridCells';
import { SeverityBadge } from '../../components/SeverityBadge';
import { VirtualGrid } from '../../components/VirtualGrid';
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
        return outcomeText(t, row['event.outcome']);
      case 'user':
        return dash(row['user.name']);
      case 'message':
        return row.message;
    }
  };
  const columns = gridColumns(
    compact ? COMPACT : COLUMNS,
    (c) => t(`events.columns.${c}`),
    cell,
    (row, c) => (c === 'message' ? row.message : undefined),
  );

  return (
    <VirtualGrid
      className={`vtable-events${compact ? ' compact' : ''}`}
      label={t('events.tableLabel')}
      rows={rows}
      columns={columns}
      rowHeight={ROW_HEIGHT}
      bodyTestId="events-rows"
      rowTestId="event-row"
      rowProps={(row) => ({ data: { 'event-id': row.id } })}
      selected={selected}
      onSelect={onSelect}
    />
  );
}
