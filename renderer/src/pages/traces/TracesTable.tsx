import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessTrace } from '@contract';
import { useFormat } from '../../hooks/useFormat';

const ROW_HEIGHT = 40;
const COLUMNS = ['time', 'service', 'user', 'patient', 'action', 'object', 'ip', 'purpose', 'outcome'] as const;
type ColumnKey = (typeof COLUMNS)[number];

interface Props {
  rows: AccessTrace[];
  onUser: (user: string) => void;
  onPatient: (pseudonym: string) => void;
}

/** Full text of the cells that are often cut. */
function titleOf(row: AccessTrace, column: ColumnKey): string | undefined {
  if (column === 'object') return row['health.object'] ?? undefined;
  if (column === 'service') return row['service.name'];
  if (column === 'action') return row['event.action'];
  if (column === 'ip') return row['source.ip'] ?? undefined;
  return undefined;
}

/** Who accessed which patient's record; only the visible rows are in the DOM. Break-glass rows stand out. */
export function TracesTable({ rows, onUser, onPatient }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const cell = (row: AccessTrace, column: ColumnKey) => {
    switch (column) {
      case 'time':
        return fmt.dateTime(row['@timestamp']);
      case 'service':
        return row['service.name'];
      case 'user': {
        const user = row['user.name'];
        if (!user) return '—';
        return (
          <button
            type="button"
            className="link-button"
            data-testid="trace-user-link"
            title={row['user.roles'] ? `${user} (${row['user.roles']})` : user}
            aria-label={t('traces.filterByUser', { user })}
            onClick={() => onUser(user)}
          >
            {user}
          </button>
        );
      }
      case 'patient': {
        const pseudonym = row['health.patient.pseudonym'];
        return (
          <button
            type="button"
            className="link-button mono"
            data-testid="trace-patient-link"
            aria-label={t('traces.filterByPatient', { patient: pseudonym })}
            onClick={() => onPatient(pseudonym)}
          >
            {pseudonym}
          </button>
        );
      }
      case 'action':
        return row['event.action'];
      case 'object':
        return row['health.object'] ?? '—';
      case 'ip':
        return row['source.ip'] ?? '—';
      case 'purpose': {
        const purpose = row['health.purpose_of_use'];
        const label = purpose ? t(`traces.purpose.${purpose}`, { defaultValue: purpose }) : '—';
        if (!row['health.break_glass']) return label;
        return (
          <>
            <span className="badge badge-break-glass" data-testid="break-glass-badge" title={label}>
              {t('traces.breakGlass')}
            </span>
            <span className="visually-hidden"> ({label})</span>
          </>
        );
      }
      case 'outcome':
        return t(`events.outcome.${row['event.outcome']}`, { defaultValue: row['event.outcome'] });
    }
  };

  return (
    <div className="vtable vtable-traces" role="grid" aria-label={t('traces.tableLabel')} aria-rowcount={rows.length + 1}>
      <div role="rowgroup" className="vtable-head">
        <div role="row" className="vrow" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c}>
              {t(`traces.columns.${c}`)}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vtable-body" ref={scroller} data-testid="trace-rows">
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const breakGlass = row['health.break_glass'];
            return (
              <div
                role="row"
                key={row.id}
                aria-rowindex={item.index + 2}
                data-testid="trace-row"
                data-trace-id={row.id}
                data-break-glass={breakGlass ? 'true' : 'false'}
                className={`vrow${breakGlass ? ' break-glass' : ''}`}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                {COLUMNS.map((c) => (
                  <div role="gridcell" key={c} title={titleOf(row, c)}>
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
