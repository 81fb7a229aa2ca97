import { useTranslation } from 'react-i18next';
import type { AccessTrace } from '@contract';
import { BreakGlassBadge, dash, gridColumns, outcomeText } from '../../components/gridCells';
import { VirtualGrid } from '../../components/VirtualGrid';
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
        return dash(row['health.object']);
      case 'ip':
        return dash(row['source.ip']);
      case 'purpose': {
        const purpose = row['health.purpose_of_use'];
        const label = purpose ? t(`traces.purpose.${purpose}`, { defaultValue: purpose }) : '—';
        if (!row['health.break_glass']) return label;
        return (
          <>
            <BreakGlassBadge testId="break-glass-badge" title={label}>
              {t('traces.breakGlass')}
            </BreakGlassBadge>
            <span className="visually-hidden"> ({label})</span>
          </>
        );
      }
      case 'outcome':
        return outcomeText(t, row['event.outcome']);
    }
  };

  return (
    <VirtualGrid
      className="vtable-traces"
      label={t('traces.tableLabel')}
      rows={rows}
      columns={gridColumns(COLUMNS, (c) => t(`traces.columns.${c}`), cell, titleOf)}
      rowHeight={ROW_HEIGHT}
      bodyTestId="trace-rows"
      rowTestId="trace-row"
      rowProps={(row) => ({
        className: row['health.break_glass'] ? 'break-glass' : undefined,
        data: { 'trace-id': row.id, 'break-glass': row['health.break_glass'] },
      })}
    />
  );
}
