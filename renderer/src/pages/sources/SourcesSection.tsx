import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceHealth } from '@contract';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { roleCanWrite } from '../../domain';
import { routeHref } from '../../hooks/useHashRoute';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useApiQuery } from '../../hooks/useApiQuery';
import { SourceForm } from './SourceForm';
import { SourcesTable, type SourceAction } from './SourcesTable';
import { TestResult } from './TestResult';
import type { SourceRow, SourceTestResult } from './types';

type Editing = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; source: SourceRow };

/** The Sources tab: listeners, connectors and watched folders, their health, and the add/edit form. */
export function SourcesSection() {
  const { t } = useTranslation();
  const { status } = useSession();
  const canWrite = roleCanWrite(status.operator?.role);
  const list = useApiQuery('sources.list', {});
  const [health, setHealth] = useState<Record<number, SourceHealth>>({});
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [busyId, setBusyId] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [tested, setTested] = useState<{ name: string; result: SourceTestResult } | null>(null);

  useApiEvent('source.health', (h) => setHealth((all) => ({ ...all, [h.sourceId]: h })));

  const refresh = () => {
    setHealth({});
    list.reload();
  };

  async function act(row: SourceRow, action: SourceAction) {
    setActionError(null);
    if (action === 'edit') {
      setEditing({ mode: 'edit', source: row });
      return;
    }
    if (action === 'delete') {
      setConfirmDelete(row.id);
      return;
    }
    setBusyId(row.id);
    try {
      if (action === 'test') {
        setTested(null);
        setTested({ name: row.name, result: await api.call('sources.test', { id: row.id }) });
      } else {
        await api.call('sources.setEnabled', { id: row.id, enabled: !row.enabled });
        refresh();
      }
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  }

  async function remove(row: SourceRow, confirmed: boolean) {
    setConfirmDelete(null);
    if (!confirmed) return;
    setBusyId(row.id);
    try {
      await api.call('sources.delete', { id: row.id });
      refresh();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
    }
  }

  const rows = list.data;
  return (
    <section data-testid="sources-section">
      <div className="button-row section-actions">
        {canWrite && editing.mode === 'closed' && (
          <button type="button" className="primary" data-testid="source-add" onClick={() => setEditing({ mode: 'add' })}>
            {t('sources.actions.add')}
          </button>
        )}
        <button type="button" onClick={refresh}>
          {t('common.refresh')}
        </button>
      </div>
      {editing.mode !== 'closed' && (
        <SourceForm
          key={editing.mode === 'edit' ? editing.source.id : 'new'}
          source={editing.mode === 'edit' ? editing.source : null}
          onCancel={() => setEditing({ mode: 'closed' })}
          onSaved={() => {
            setEditing({ mode: 'closed' });
            refresh();
          }}
        />
      )}
      <ErrorMessage error={list.error ?? actionError} />
      {tested && <TestResult result={tested.result} name={tested.name} />}
      {!rows && list.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {rows && rows.length === 0 && editing.mode === 'closed' && (
        <EmptyState title={t('sources.empty.title')} testId="sources-empty">
          <p>{t('sources.empty.body')}</p>
          <h3>{t('common.nextSteps')}</h3>
          <ul>
            <li>
              <a href={routeHref('sources', 'imports')}>{t('sources.empty.import')}</a>
            </li>
            <li>{t('sources.empty.listener')}</li>
            <li>{t('sources.empty.connector')}</li>
            <li>
              <a href={routeHref('dashboard')}>{t('sources.empty.demo')}</a>
            </li>
          </ul>
        </EmptyState>
      )}
      {rows && rows.length > 0 && (
        <SourcesTable
          rows={rows}
          health={health}
          canWrite={canWrite}
          busyId={busyId}
          confirmDelete={confirmDelete}
          onAction={(row, action) => void act(row, action)}
          onConfirmDelete={(row, confirmed) => void remove(row, confirmed)}
        />
      )}
    </section>
  );
}
