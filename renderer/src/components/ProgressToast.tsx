import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressEvent } from '@contract';
import { useApiEvent } from '../hooks/useApiEvent';
import { firstTextKey } from '../i18n';
import { ProgressBar } from './ProgressBar';

const LINGER_MS = 1500;

/** Shows the engine's long tasks (demo load, imports, jobs) as they progress. */
export function ProgressToast() {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<Record<string, ProgressEvent>>({});

  useApiEvent('progress', (event) => setTasks((all) => ({ ...all, [event.task]: event })));

  useEffect(() => {
    const finished = Object.values(tasks).filter((task) => task.total > 0 && task.done >= task.total);
    if (finished.length === 0) return;
    const timer = setTimeout(() => {
      setTasks((all) => {
        const next = { ...all };
        for (const task of finished) if (next[task.task] === task) delete next[task.task];
        return next;
      });
    }, LINGER_MS);
    return () => clearTimeout(timer);
  }, [tasks]);

  const list = Object.values(tasks);
  if (list.length === 0) return null;
  return (
    <div className="progress-toasts" role="status" aria-live="polite" data-testid="progress-toast">
      {list.map((task) => (
        <div key={task.task} className="toast toast-info">
          <span className="progress-title">{t(firstTextKey([`progress.tasks.${task.task}`]) ?? 'progress.working')}</span>
          <ProgressBar progress={task} />
        </div>
      ))}
    </div>
  );
}
