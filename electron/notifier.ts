/**
 * Desktop notifications for high and critical alerts. Lower severities only
 * reach the UI through engine events. Notification text comes from the
 * engine (already pseudonymised); clicking one brings the window forward.
 */
import { Notification } from 'electron';
import type { Notifier } from '../main/engine/types';

const NOTIFIED = new Set(['high', 'critical']);
// Shown notifications stay referenced until closed, or their click is lost to GC.
const live = new Set<Notification>();

export function createNotifier(onClick: () => void): Notifier {
  return {
    notify({ title, body, severity }) {
      if (!NOTIFIED.has(severity) || !Notification.isSupported()) return;
      const n = new Notification({
        title: title.slice(0, 120),
        body: body.slice(0, 400),
        urgency: severity === 'critical' ? 'critical' : 'normal',
        silent: false,
      });
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        onClick();
      });
      n.on('close', () => live.delete(n));
      n.show();
    },
  };
}
