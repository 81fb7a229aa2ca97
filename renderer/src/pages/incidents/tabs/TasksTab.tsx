import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { DataTable, type Column } from '../../../components/DataTable';
import { useFormat } from '../../../hooks/useFormat';
import { ActionError } from '../ActionError';
import type { TabProps } from '../DetailTabs';
import { useAction } from '../hooks';
import { TASK_STATUS_LIST, type IncidentTask, type TaskStatus } from '../types';
import { PlaybookApply } from './PlaybookApply';
import { TaskForm } from './TaskForm';

/** Tâches: playbook, new task, the list with each task's status changed in place. */
export function TasksTab({ incident, reload, canWrite }: TabProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const action = useAction();
  const now = Date.now();
  const done = incident.tasks.filter((x) => x.status === 'done').length;

  const setStatus = async (task: IncidentTask, status: TaskStatus) => {
    if (await action.run(() => api.call('incidents.tasks.update', { taskId: task.id, status }))) reload();
  };

  const columns: Column<IncidentTask>[] = [
    {
      key: 'title',
      header: t('incidents.tasks.columns.title'),
      render: (x) => (
        <>
          <span className="task-title">{x.title}</span>
          {x.description && <p className="help">{x.description}</p>}
        </>
      ),
    },
    { key: 'owner', header: t('incidents.tasks.columns.owner'), render: (x) => x.owner ?? '—' },
    {
      key: 'due',
      header: t('incidents.tasks.columns.due'),
      render: (x) => (
        <>
          {fmt.dateTime(x.dueAt)}
          {x.dueAt && Date.parse(x.dueAt) < now && x.status !== 'done' && x.status !== 'cancelled' && (
            <span className="marker marker-late">{t('incidents.tasks.late')}</span>
          )}
        </>
      ),
    },
    { key: 'phase', header: t('incidents.tasks.columns.phase'), render: (x) => (x.phase ? t(`phase.${x.phase}`) : '—') },
    {
      key: 'status',
      header: t('incidents.tasks.columns.status'),
      render: (x) => (
        <select
          aria-label={t('incidents.tasks.statusOf', { title: x.title })}
          value={x.status}
          disabled={!canWrite || action.busy}
          onChange={(e) => void setStatus(x, e.target.value as TaskStatus)}
          data-testid="task-status"
        >
          {TASK_STATUS_LIST.map((s) => (
            <option key={s} value={s}>
              {t(`incidents.tasks.status.${s}`)}
            </option>
          ))}
        </select>
      ),
    },
    { key: 'playbook', header: t('incidents.tasks.columns.playbook'), render: (x) => x.playbookId ?? '—' },
  ];

  return (
    <>
      {canWrite && <PlaybookApply incidentId={incident.id} category={incident.category} onApplied={reload} />}
      {canWrite && <TaskForm incidentId={incident.id} onAdded={reload} />}
      <ActionError error={action.error} />
      <p className="help" data-testid="tasks-progress">
        {t('incidents.tasks.progress', { done, count: incident.tasks.length })}
      </p>
      {incident.tasks.length === 0 ? (
        <p className="muted" data-testid="tasks-empty">
          {t('incidents.tasks.empty')}
        </p>
      ) : (
        <DataTable label={t('incidents.tabs.tasks')} columns={columns} rows={incident.tasks} rowKey={(x) => x.id} testId="tasks-table" />
      )}
    </>
  );
}
