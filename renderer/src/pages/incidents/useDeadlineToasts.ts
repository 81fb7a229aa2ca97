import { useTranslation } from 'react-i18next';
import type { DeadlineNotification } from '@contract';
import { useToasts } from '../../components/Toasts';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useFormat } from '../../hooks/useFormat';

/** Legal deadlines stay on screen longer than other toasts (they call for an action). */
const DEADLINE_TOAST_MS = 30_000;

/** The toast text of a deadline notification (CNIL 24 h / 6 h / 1 h / overdue, ARS overdue), in the UI language. */
export function useDeadlineText(): (n: DeadlineNotification) => string {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (n) =>
    t(`deadlineToast.${n.kind}.${n.threshold}`, {
      id: n.incidentId,
      title: n.incidentTitle,
      due: n.dueAt ? fmt.dateTime(n.dueAt) : '',
      defaultValue: n.title,
    });
}

/**
 * Shows a toast for each `legal.deadline` event (the engine's deadline job,
 * every 5 min; each threshold once). In Electron the engine also raises a
 * desktop notification; in a browser tab the toast is the notification.
 */
export function useDeadlineToasts(): void {
  const toasts = useToasts();
  const text = useDeadlineText();
  useApiEvent('legal.deadline', (n) => {
    toasts.push({ kind: 'alert', severity: n.severity, text: text(n) }, DEADLINE_TOAST_MS);
  });
}
