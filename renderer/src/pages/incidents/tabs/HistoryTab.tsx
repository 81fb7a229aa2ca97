import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { DataTable, type Column } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { useFormat } from '../../../hooks/useFormat';
import type { TabProps } from '../DetailTabs';
import { useHistoryText } from '../historyText';
import type { HistoryEntry } from '../types';

type LegalEntry = OpOutput<'legal.history'>[number];

/** Historique: every change of the incident (who, when, field, from → to), then those of its legal records. */
export function HistoryTab({ incident }: TabProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useHistoryText();
  const legal = useApiQuery('legal.history', { incidentId: incident.id }, { refreshKey: incident.updatedAt });
  const rows = [...incident.history].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);

  const change = (field: string, from: string | null, to: string | null) => (
    <span className="change">
      <span data-testid="history-from">{text.value(field, from)}</span> → <span data-testid="history-to">{text.value(field, to)}</span>
    </span>
  );
  const columns: Column<HistoryEntry>[] = [
    { key: 'at', header: t('incidents.history.columns.at'), render: (h) => <time dateTime={h.at}>{fmt.dateTime(h.at)}</time> },
    { key: 'actor', header: t('incidents.history.columns.actor'), render: (h) => h.actor },
    { key: 'field', header: t('incidents.history.columns.field'), render: (h) => <span data-field={h.field}>{text.field(h.field)}</span> },
    { key: 'change', header: t('incidents.history.columns.change'), render: (h) => change(h.field, h.from, h.to) },
  ];
  const legalColumns: Column<LegalEntry>[] = [
    { key: 'at', header: t('incidents.history.columns.at'), render: (h) => <time dateTime={h.at}>{fmt.dateTime(h.at)}</time> },
    { key: 'actor', header: t('incidents.history.columns.actor'), render: (h) => h.actor },
    { key: 'kind', header: t('incidents.history.columns.record'), render: (h) => t(`incidents.history.records.${h.kind}`) },
    { key: 'field', header: t('incidents.history.columns.field'), render: (h) => <span data-field={h.field}>{text.legalField(h.kind, h.field)}</span> },
    { key: 'change', header: t('incidents.history.columns.change'), render: (h) => change(h.field, h.from, h.to) },
  ];

  return (
    <>
      <DataTable label={t('incidents.tabs.history')} columns={columns} rows={rows} rowKey={(h) => h.id} testId="history-table" />
      <h3>{t('incidents.history.legal')}</h3>
      <ErrorMessage error={legal.error} />
      {legal.data && legal.data.length === 0 && <p className="muted">{t('incidents.history.legalNone')}</p>}
      {legal.data && legal.data.length > 0 && (
        <DataTable label={t('incidents.history.legal')} columns={legalColumns} rows={legal.data} rowKey={(h) => h.id} testId="legal-history-table" />
      )}
    </>
  );
}
