import { useTranslation } from 'react-i18next';
import type { IncidentRow } from '@contract';
import { DataTable, type Column } from '../../components/DataTable';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useFormat } from '../../hooks/useFormat';
import { DeadlineChip } from './DeadlineChip';
import { incidentHref } from './route';
import { TlpBadge } from './TlpBadge';
import type { Deadline } from './types';

interface Props {
  rows: IncidentRow[];
  deadlines: Map<number, Deadline[]>;
}

/** The incidents, one row each: title links to the detail; merged and child incidents say so. */
export function IncidentTable({ rows, deadlines }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns: Column<IncidentRow>[] = [
    { key: 'id', header: t('incidents.columns.id'), render: (i) => t('incidents.ref', { id: i.id }) },
    { key: 'severity', header: t('incidents.columns.severity'), render: (i) => <SeverityBadge severity={i.severity} /> },
    {
      key: 'title',
      header: t('incidents.columns.title'),
      render: (i) => (
        <>
          <a href={incidentHref(i.id)} data-testid="incident-link">
            {i.title}
          </a>
          {i.mergedInto != null && (
            <span className="marker" data-testid="marker-merged">
              {t('incidents.markers.merged', { id: i.mergedInto })}
            </span>
          )}
          {i.parentId != null && (
            <span className="marker" data-testid="marker-child">
              {t('incidents.markers.child', { id: i.parentId })}
            </span>
          )}
        </>
      ),
    },
    { key: 'tlp', header: t('incidents.columns.tlp'), render: (i) => <TlpBadge tlp={i.tlp} /> },
    { key: 'category', header: t('incidents.columns.category'), render: (i) => t(`incidents.category.${i.category}`, { defaultValue: i.category }) },
    { key: 'phase', header: t('incidents.columns.phase'), render: (i) => t(`phase.${i.phase}`) },
    { key: 'structure', header: t('incidents.columns.structure'), render: (i) => i.structure ?? '—' },
    {
      key: 'deadlines',
      header: t('incidents.columns.deadlines'),
      render: (i) => {
        const list = deadlines.get(i.id) ?? [];
        return list.length === 0 ? '—' : list.map((d) => <DeadlineChip key={d.kind} deadline={d} />);
      },
    },
    { key: 'updated', header: t('incidents.columns.updatedAt'), render: (i) => fmt.dateTime(i.updatedAt) },
  ];
  return <DataTable label={t('incidents.title')} columns={columns} rows={rows} rowKey={(i) => i.id} testId="incidents-table" />;
}
