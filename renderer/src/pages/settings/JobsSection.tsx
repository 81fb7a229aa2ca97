import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobInfo } from '@contract';
import { api } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useFormat } from '../../hooks/useFormat';

/** Scheduled maintenance jobs (rollups, retention, detection…), with their last and next run. */
export function JobsSection({ canRun }: { canRun: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const jobs = useApiQuery('jobs.list', {});
  const [runError, setRunError] = useState<unknown>(null);
  useApiEvent('job.run', () => jobs.reload());

  async function runNow(name: string) {
    setRunError(null);
    try {
      await api.call('jobs.runNow', { name });
    } catch (e) {
      setRunError(e);
    }
    jobs.reload();
  }

  const columns: Column<JobInfo>[] = [
    { key: 'name', header: t('jobs.columns.name'), render: (j) => <code>{j.name}</code> },
    { key: 'description', header: t('jobs.columns.description'), render: (j) => j.description },
    { key: 'schedule', header: t('jobs.columns.schedule'), render: (j) => <code>{j.schedule}</code> },
    {
      key: 'last',
      header: t('jobs.columns.lastRun'),
      render: (j) =>
        j.running
          ? t('jobs.running')
          : j.lastRun
            ? `${fmt.dateTime(j.lastRun.startedAt)} — ${t(`jobs.outcome.${j.lastRun.outcome}`)}`
            : t('jobs.never'),
    },
    { key: 'next', header: t('jobs.columns.nextRun'), render: (j) => (j.nextRun ? fmt.dateTime(j.nextRun) : '—') },
  ];
  if (canRun) {
    columns.push({
      key: 'run',
      header: t('jobs.columns.actions'),
      render: (j) => (
        <button type="button" disabled={j.running} onClick={() => void runNow(j.name)}>
          {t('jobs.runNow')}
        </button>
      ),
    });
  }

  return (
    <section className="card" data-testid="settings-jobs">
      <h2>{t('jobs.title')}</h2>
      <ErrorMessage error={jobs.error ?? runError} />
      {jobs.data && jobs.data.length === 0 && <p className="muted">{t('jobs.empty')}</p>}
      {jobs.data && jobs.data.length > 0 && (
        <DataTable label={t('jobs.title')} columns={columns} rows={jobs.data} rowKey={(j) => j.name} testId="jobs-table" />
      )}
    </section>
  );
}
