import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressEvent } from '@contract';
import { api } from '../../api/client';
import { ProgressBar } from '../../components/ProgressBar';
import { useApiEvent } from '../../hooks/useApiEvent';
import { ActionError } from '../incidents/ActionError';
import { useAction, useCanWrite } from '../incidents/hooks';
import { RetroSummary } from './RetroSummary';
import { retroTaskName, type RetroTask } from './types';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DDTHH:mm` in local time, for datetime-local inputs. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Retro-hunt: every enabled rule over a past range, with progress, cancel and a summary. */
export function RetroHunt() {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const action = useAction();
  const [from, setFrom] = useState(() => localInput(Date.now() - 30 * DAY_MS));
  const [to, setTo] = useState(() => localInput(Date.now()));
  const [taskId, setTaskId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [task, setTask] = useState<RetroTask | null>(null);

  /** Re-reads the hunt's status; a failed read keeps the last known state (the next progress event retries). */
  async function refresh(id: string) {
    const status = await api.call('detection.status', {}).catch(() => null);
    const found = status?.tasks.find((x) => x.taskId === id);
    if (found) setTask(found);
  }

  useApiEvent('progress', (p) => {
    if (!taskId || p.task !== retroTaskName(taskId)) return;
    setProgress(p);
    if (!p.step.endsWith('.retro')) void refresh(taskId);
  });

  async function start() {
    setProgress(null);
    setTask(null);
    const r = await action.run(() => api.call('detection.retroHunt', { from: new Date(from).toISOString(), to: new Date(to).toISOString() }));
    if (!r) return;
    setTaskId(r.taskId);
    // A short hunt may end before the first progress event reaches the page.
    setTimeout(() => void refresh(r.taskId), 1500);
  }

  async function cancel() {
    if (taskId && (await action.run(() => api.call('detection.cancel', { taskId })))) await refresh(taskId);
  }

  const running = taskId !== null && (task === null || task.status === 'running');
  return (
    <section className="card rules-section" data-testid="retro-hunt">
      <h2>{t('rules.retro.title')}</h2>
      <p className="help">{t('rules.retro.help')}</p>
      <div className="rules-form">
        <label>
          {t('rules.retro.from')}
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="retro-from" />
        </label>
        <label>
          {t('rules.retro.to')}
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="retro-to" />
        </label>
        {canWrite && (
          <button type="button" className="primary" disabled={running || action.busy || !from || !to} onClick={() => void start()} data-testid="retro-start">
            {t('rules.retro.start')}
          </button>
        )}
        {canWrite && running && (
          <button type="button" onClick={() => void cancel()} data-testid="retro-cancel">
            {t('rules.retro.cancel')}
          </button>
        )}
      </div>
      <ActionError error={action.error} />
      {running && progress && (
        <div data-testid="retro-progress">
          <ProgressBar progress={progress} />
        </div>
      )}
      {running && !progress && <p aria-busy="true">{t('rules.retro.starting')}</p>}
      {task && task.status !== 'running' && <RetroSummary task={task} />}
    </section>
  );
}
