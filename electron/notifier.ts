/**
 * Desktop notifications. Alerts go through `AlertBurst` (alert-burst.ts):
 * high and critical only, one notification per burst. Other notifications
 * (legal deadlines) are shown one by one, high and critical only. Text comes
 * from the engine (already pseudonymised); clicking one brings the window forward.
 */
import { Notification } from 'electron';
import type { Notifier } from '../main/engine/types';
import { AlertBurst, NOTIFIED_SEVERITIES, type Shown } from './alert-burst';

// Shown notifications stay referenced until closed, or their click is lost to GC.
const live = new Set<Notification>();

export function createNotifier(onClick: () => void): Notifier & { flush(): void } {
  const show = ({ title, body, urgency }: Shown) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title: title.slice(0, 120), body: body.slice(0, 400), urgency, silent: false });
    live.add(n);
    n.on('click', () => {
      live.delete(n);
      onClick();
    });
    n.on('close', () => live.delete(n));
    n.show();
  };
  const alerts = new AlertBurst(show);
  return {
    notify({ kind, title, body, severity }) {
      if (kind === 'alert') return alerts.push({ title: body, severity });
      if (!NOTIFIED_SEVERITIES.has(severity)) return;
      show({ title, body, urgency: severity === 'critical' ? 'critical' : 'normal' });
    },
    flush: () => alerts.flush(),
  };
}
