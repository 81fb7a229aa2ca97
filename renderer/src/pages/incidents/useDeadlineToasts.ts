import { useTranslation } from 'react-i18next';
import type { DeadlineNotification } from '@contract';
import { useToasts } from '../../components/Toasts';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useFormat } from '../../hooks/useFormat';
import { incidentHref } from './route';

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
 * « Ouvrir l’incident » leads to the incident's legal tab.
 */
export function useDeadlineToasts(): void {
  const { t } = useTranslation();
  const toasts = useToasts();
  const text = useDeadlineText();
  useApiEvent('legal.deadline', (n) => {
    const action = { label: t('deadlineToast.open'), href: incidentHref(n.incidentId, 'legal') };
    toasts.push({ kind: 'alert', severity: n.severity, text: text(n), action }, DEADLINE_TOAST_MS);
  });
}
