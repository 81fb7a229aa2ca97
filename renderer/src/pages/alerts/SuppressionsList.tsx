import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useFormat } from '../../hooks/useFormat';
import { ActionError } from '../incidents/ActionError';
import { useAction, useCanWrite } from '../incidents/hooks';

type SuppressionRow = OpOutput<'alerts.suppressions.list'>[number];

/** The suppression rules (expired ones kept and marked), with their hits; delete. */
export function SuppressionsList({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  const [includeExpired, setIncludeExpired] = useState(true);
  const list = useApiQuery('alerts.suppressions.list', { includeExpired }, { refreshKey });
  const action = useAction();

  async function remove(s: SuppressionRow) {
    if (await action.run(() => api.call('alerts.suppressions.delete', { id: s.id }))) list.reload();
  }

  const columns: Column<SuppressionRow>[] = [
    { key: 'rule', header: t('alertTriage.suppressions.rule'), render: (s) => <code>{s.ruleId}</code> },
    {
      key: 'fields',
      header: t('alertTriage.suppressions.fields'),
      render: (s) => Object.entries(s.fields).map(([k, v]) => <div key={k} className="mono">{`${k}=${v}`}</div>),
    },
    { key: 'reason', header: t('alertTriage.suppressions.reason'), render: (s) => <span data-testid="suppression-reason-cell">{s.reason}</span> },
    {
      key: 'expires',
      header: t('alertTriage.suppressions.expires'),
      render: (s) => (
        <span data-testid="suppression-state" data-active={s.active ? 'true' : 'false'}>
          {fmt.dateTime(s.expiresAt)} {!s.active && <strong className="badge">{t('alertTriage.suppressions.expired')}</strong>}
        </span>
      ),
    },
    { key: 'by', header: t('alertTriage.suppressions.by'), render: (s) => `${s.createdBy} · ${fmt.dateTime(s.createdAt)}` },
    { key: 'hits', header: t('alertTriage.suppressions.hits'), render: (s) => fmt.number(s.hits), className: 'num' },
    {
      key: 'delete',
      header: t('alertTriage.suppressions.actions'),
      render: (s) =>
        canWrite ? (
          <button type="button" disabled={action.busy} onClick={() => void remove(s)} data-testid="suppression-delete">
            {t('alertTriage.suppressions.delete')}
          </button>
        ) : null,
    },
  ];

  return (
    <section className="card rules-section" data-testid="suppressions">
      <h2>{t('alertTriage.suppressions.title')}</h2>
      <label className="field-check">
        <input type="checkbox" checked={includeExpired} onChange={(e) => setIncludeExpired(e.target.checked)} data-testid="suppressions-expired" />
        {t('alertTriage.suppressions.showExpired')}
      </label>
      <ErrorMessage error={list.error} />
      <ActionError error={action.error} />
      {list.data && list.data.length === 0 && <p data-testid="suppressions-empty">{t('alertTriage.suppressions.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <DataTable label={t('alertTriage.suppressions.title')} columns={columns} rows={list.data} rowKey={(s) => s.id} testId="suppressions-table" />
      )}
    </section>
  );
}
