import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { EventRow } from '@contract';
import { SeverityBadge } from '../../components/SeverityBadge';
import type { Formatters } from '../../i18n/format';
import type { FilterValueType } from './filter';

export interface Column {
  key: string;
  /** ECS field the cell shows (null: not filterable by click). */
  field: keyof EventRow | null;
  /** CSS grid track. */
  width: string;
  render: (row: EventRow, t: TFunction, fmt: Formatters) => ReactNode;
}

const text = (field: keyof EventRow) => (row: EventRow) => (row[field] as string | null) ?? '—';

export const COLUMNS: Column[] = [
  { key: 'time', field: null, width: '10rem', render: (r, _t, f) => f.dateTime(r['@timestamp']) },
  { key: 'severity', field: 'event.severity', width: '6.5rem', render: (r) => <SeverityBadge severity={r['event.severity']} /> },
  { key: 'service', field: 'service.name', width: 'minmax(4rem, 7rem)', render: text('service.name') },
  { key: 'host', field: 'host.name', width: 'minmax(5rem, 10rem)', render: text('host.name') },
  { key: 'user', field: 'user.name', width: 'minmax(5rem, 9rem)', render: text('user.name') },
  { key: 'ip', field: 'source.ip', width: 'minmax(5rem, 8.5rem)', render: text('source.ip') },
  { key: 'category', field: 'event.category', width: 'minmax(6rem, 9rem)', render: text('event.category') },
  { key: 'action', field: 'event.action', width: 'minmax(5rem, 10rem)', render: text('event.action') },
  {
    key: 'outcome',
    field: 'event.outcome',
    width: '6rem',
    render: (r, t) => t(`events.outcome.${r['event.outcome']}`, { defaultValue: r['event.outcome'] }),
  },
  { key: 'dataset', field: 'event.dataset', width: 'minmax(6rem, 10rem)', render: text('event.dataset') },
  { key: 'patient', field: 'health.patient.pseudonym', width: '12rem', render: text('health.patient.pseudonym') },
  {
    key: 'breakGlass',
    field: 'health.break_glass',
    width: '6rem',
    render: (r, t) => t(r['health.break_glass'] ? 'common.yes' : 'common.no'),
  },
  { key: 'message', field: null, width: 'minmax(8rem, 1fr)', render: (r) => r.message },
];

export const DEFAULT_COLUMNS = ['time', 'severity', 'service', 'host', 'user', 'ip', 'action', 'outcome', 'message'];
/** With the detail open, only these of the chosen columns stay (the detail repeats the others at length). */
export const COMPACT_COLUMNS = ['time', 'severity', 'service', 'user', 'action', 'outcome'];

export function cellValue(row: EventRow, field: keyof EventRow): FilterValueType {
  return row[field] as FilterValueType;
}

const STORAGE_KEY = 'vigie.search.columns';

/** The columns chosen on this device (unknown keys dropped, time always first). */
export function storedColumns(): string[] {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(raw)) {
      const keys = COLUMNS.map((c) => c.key).filter((k) => raw.includes(k));
      if (keys.length > 0) return keys;
    }
  } catch {
    // unreadable: defaults
  }
  return DEFAULT_COLUMNS;
}

export function storeColumns(keys: string[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
