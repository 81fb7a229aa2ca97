import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { useFormat } from '../../hooks/useFormat';

type Row = OpOutput<'reports.patientAccess'>['rows'][number];

const ROW_HEIGHT = 36;
const COLUMNS = ['at', 'user', 'role', 'service', 'action', 'object', 'sourceIp', 'purpose', 'outcome'] as const;
const TEMPLATE = '10rem minmax(6rem, 1fr) minmax(6rem, 1fr) 7rem minmax(6rem, 1fr) minmax(6rem, 1fr) 7.5rem 7rem 5rem';

/** Every access of the report, oldest first; break-glass and night accesses stand out. */
export function PatientReportTable({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const cell = (row: Row, column: (typeof COLUMNS)[number]) => {
    switch (column) {
      case 'at':
        return fmt.dateTime(row.at);
      case 'outcome':
        return t(`events.outcome.${row.outcome}`, { defaultValue: row.outcome });
      case 'purpose':
        return row.breakGlass ? (
          <span className="badge badge-break-glass">{t('patientReport.breakGlass')}</span>
        ) : (
          (row.purpose ?? '—')
        );
      default:
        return row[column] ?? '—';
    }
  };

  return (
    <div className="vtable vtable-report" role="grid" aria-label={t('patientReport.tableLabel')} aria-rowcount={rows.length + 1}>
      <div role="rowgroup" className="vtable-head">
        <div role="row" className="vrow" aria-rowindex={1} style={{ gridTemplateColumns: TEMPLATE }}>
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c}>
              {t(`patientReport.columns.${c}`)}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vtable-body" ref={scroller} style={{ height: 'auto', maxHeight: '24rem' }}>
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return (
              <div
                role="row"
                key={row.id}
                aria-rowindex={item.index + 2}
                data-testid="report-row"
                data-night={row.night}
                className={`vrow${row.breakGlass ? ' break-glass' : ''}`}
                style={{ height: item.size, transform: `translateY(${item.start}px)`, gridTemplateColumns: TEMPLATE }}
                title={row.night ? t('patientReport.nightHint') : undefined}
              >
                {COLUMNS.map((c) => (
                  <div role="gridcell" key={c}>
                    {cell(row, c)}
                    {c === 'at' && row.night && <span className="report-night"> ☾</span>}
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
