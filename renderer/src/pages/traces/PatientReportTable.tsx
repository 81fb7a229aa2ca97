import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { BreakGlassBadge, dash, gridColumns, outcomeText } from '../../components/gridCells';
import { VirtualGrid } from '../../components/VirtualGrid';
import { useFormat } from '../../hooks/useFormat';

type Row = OpOutput<'reports.patientAccess'>['rows'][number];

const ROW_HEIGHT = 36;
const COLUMNS = ['at', 'user', 'role', 'service', 'action', 'object', 'sourceIp', 'purpose', 'outcome'] as const;
const TEMPLATE = '10rem minmax(6rem, 1fr) minmax(6rem, 1fr) 7rem minmax(6rem, 1fr) minmax(6rem, 1fr) 7.5rem 7rem 5rem';

/** Every access of the report, oldest first; break-glass and night accesses stand out. */
export function PatientReportTable({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();

  const cell = (row: Row, column: (typeof COLUMNS)[number]) => {
    switch (column) {
      case 'at':
        return (
          <>
            {fmt.dateTime(row.at)}
            {row.night && <span className="report-night"> ☾</span>}
          </>
        );
      case 'outcome':
        return outcomeText(t, row.outcome);
      case 'purpose':
        return row.breakGlass ? <BreakGlassBadge>{t('patientReport.breakGlass')}</BreakGlassBadge> : dash(row.purpose);
      default:
        return dash(row[column]);
    }
  };

  return (
    <VirtualGrid
      className="vtable-report"
      label={t('patientReport.tableLabel')}
      rows={rows}
      columns={gridColumns(COLUMNS, (c) => t(`patientReport.columns.${c}`), cell)}
      rowHeight={ROW_HEIGHT}
      template={TEMPLATE}
      rowTestId="report-row"
      rowProps={(row) => ({
        className: row.breakGlass ? 'break-glass' : undefined,
        title: row.night ? t('patientReport.nightHint') : undefined,
        data: { night: row.night },
      })}
    />
  );
}
