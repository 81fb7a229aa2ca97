import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionError } from '../incidents/ActionError';
import { useAction, useCanWrite } from '../incidents/hooks';
import { RuleImport } from './RuleImport';
import { levelSeverity, type RuleRow } from './types';

function matches(rule: RuleRow, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  if (!q) return true;
  return [rule.title, rule.id, rule.logsource, rule.origin, rule.status ?? '', rule.level ?? ''].some((s) => s.toLowerCase().includes(q));
}

/** Every Sigma document known to Vigie: filter, enable/disable, open in the editor, import more. */
export function RulesList({ onEdit }: { onEdit: (id: string) => void }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const list = useApiQuery('detection.rules.list', {});
  const action = useAction();
  const [filter, setFilter] = useState('');
  // The state asked for, shown at once (the box follows the click) until the list reloads.
  const [asked, setAsked] = useState<Record<string, boolean>>({});
  useEffect(() => setAsked({}), [list.data]);
  const rows = (list.data ?? []).filter((r) => matches(r, filter));

  async function toggle(rule: RuleRow, enabled: boolean) {
    setAsked((a) => ({ ...a, [rule.id]: enabled }));
    if (await action.run(() => api.call('detection.rules.setEnabled', { id: rule.id, enabled }))) list.reload();
    else setAsked(({ [rule.id]: _dropped, ...rest }) => rest);
  }

  const columns: Column<RuleRow>[] = [
    {
      key: 'title',
      header: t('rules.columns.title'),
      render: (r) => (
        <>
          <span data-testid="rule-title">{r.title}</span>
          {r.rejected && (
            <div className="rule-rejected" data-testid="rule-rejected">
              {t('rules.rejected', { code: r.rejected.code, reason: r.rejected.reason })}
            </div>
          )}
        </>
      ),
    },
    { key: 'level', header: t('rules.columns.level'), render: (r) => (r.level ? <SeverityBadge severity={levelSeverity(r.level)} /> : '—') },
    { key: 'kind', header: t('rules.columns.kind'), render: (r) => t(`rules.kind.${r.kind}`) },
    { key: 'status', header: t('rules.columns.status'), render: (r) => r.status ?? '—' },
    { key: 'origin', header: t('rules.columns.origin'), render: (r) => <span data-testid="rule-origin">{t(`rules.origin.${r.origin}`)}</span> },
    { key: 'logsource', header: t('rules.columns.logsource'), render: (r) => <code>{r.logsource}</code> },
    {
      key: 'enabled',
      header: t('rules.columns.enabled'),
      render: (r) => (
        <label className="field-check">
          <input
            type="checkbox"
            checked={asked[r.id] ?? r.enabled}
            disabled={!canWrite || action.busy}
            onChange={(e) => void toggle(r, e.target.checked)}
            data-testid="rule-toggle"
          />
          <span data-testid="rule-enabled">{r.enabled ? t('rules.enabled') : t('rules.disabled')}</span>
        </label>
      ),
    },
    {
      key: 'edit',
      header: t('rules.columns.actions'),
      render: (r) => (
        <button type="button" onClick={() => onEdit(r.id)} data-testid="rule-edit">
          {t('rules.edit')}
        </button>
      ),
    },
  ];

  return (
    <div data-testid="rules-list">
      {canWrite && <RuleImport onImported={list.reload} />}
      <div className="rules-form">
        <label>
          {t('rules.filter')}
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="rules-filter" />
        </label>
        <button type="button" onClick={list.reload}>
          {t('common.refresh')}
        </button>
      </div>
      <ErrorMessage error={list.error} />
      <ActionError error={action.error} />
      {!list.data && list.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {list.data && rows.length === 0 && <p data-testid="rules-none">{t('rules.none')}</p>}
      {rows.length > 0 && <DataTable label={t('rules.title')} columns={columns} rows={rows} rowKey={(r) => r.id} testId="rules-table" />}
    </div>
  );
}
