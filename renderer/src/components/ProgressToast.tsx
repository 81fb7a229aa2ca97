import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressEvent } from '@contract';
import { useApiEvent } from '../hooks/useApiEvent';
import { firstTextKey } from '../i18n';
import { ProgressBar } from './ProgressBar';

/** How long a finished task stays on screen. */
export const LINGER_MS = 4000;

const finished = (task: ProgressEvent) => task.total > 0 && task.done >= task.total;

/**
 * Shows the engine's long tasks (demo load, jobs) as they progress. Each task
 * has its own removal timer, started by its own last step reaching 100 % and
 * cancelled if the task reports again: other tasks' events never keep a
 * finished one on screen.
 */
export function ProgressToast() {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<Record<string, ProgressEvent>>({});
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useApiEvent('progress', (event) => {
    setTasks((all) => ({ ...all, [event.task]: event }));
    const pending = timers.current.get(event.task);
    if (pending) clearTimeout(pending);
    timers.current.delete(event.task);
    if (!finished(event)) return;
    const timer = setTimeout(() => {
      timers.current.delete(event.task);
      setTasks((all) => {
        if (all[event.task] !== event) return all;
        const next = { ...all };
        delete next[event.task];
        return next;
      });
    }, LINGER_MS);
    timers.current.set(event.task, timer);
  });

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  const list = Object.values(tasks);
  if (list.length === 0) return null;
  return (
    <div className="progress-toasts" role="status" aria-live="polite" data-testid="progress-toast">
      {list.map((task) => (
        <div key={task.task} className="toast toast-info" data-task={task.task}>
          <span className="progress-title">{t(firstTextKey([`progress.tasks.${task.task}`]) ?? 'progress.working')}</span>
          <ProgressBar progress={task} />
        </div>
      ))}
    </div>
  );
}
