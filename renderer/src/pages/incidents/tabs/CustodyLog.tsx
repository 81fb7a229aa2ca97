import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../../components/DataTable';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { useFormat } from '../../../hooks/useFormat';
import type { CustodyRow } from '../types';

/** Chain of custody of one evidence file: every addition, view, download, export, move, failed check. */
export function CustodyLog({ evidenceId, refreshKey }: { evidenceId: number; refreshKey: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const custody = useApiQuery('incidents.evidence.custody', { evidenceId }, { refreshKey });
  const columns: Column<CustodyRow>[] = [
    { key: 'at', header: t('incidents.evidence.custody.at'), render: (c) => fmt.dateTime(c.at) },
    { key: 'actor', header: t('incidents.evidence.custody.actor'), render: (c) => c.actor },
    { key: 'action', header: t('incidents.evidence.custody.action'), render: (c) => <span data-action={c.action}>{t(`incidents.evidence.custody.actions.${c.action}`)}</span> },
    {
      key: 'verified',
      header: t('incidents.evidence.custody.verified'),
      render: (c) => t(`incidents.evidence.custody.check.${c.verified === null ? 'none' : c.verified ? 'ok' : 'failed'}`),
    },
    { key: 'sha', header: 'SHA-256', render: (c) => (c.sha256 ? <code className="hash">{c.sha256}</code> : '—') },
  ];
  return (
    <div className="custody-log" data-testid="custody-log">
      <h4>{t('incidents.evidence.custody.title')}</h4>
      <ErrorMessage error={custody.error} />
      {custody.data && <DataTable label={t('incidents.evidence.custody.title')} columns={columns} rows={custody.data} rowKey={(c) => c.id} testId="custody-table" />}
    </div>
  );
}
