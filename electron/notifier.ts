/**
 * Desktop notifications raised by the engine (`EngineHost.notifier`): high
 * and critical alerts (the engine picks them: `alert.new` of lower severity
 * only reaches the UI) and every legal-deadline notification of the
 * deadline job (CNIL 24 h, 6 h, 1 h, overdue; ARS overdue), whatever its
 * severity. The text comes from the engine (French, already pseudonymised);
 * clicking one brings the window forward. Electron's `Notification` is
 * injected (main.ts) so this module can be tested without Electron.
 */
import type { Severity } from '../main/api/contract';
import type { Notifier } from '../main/engine/types';

export interface NotificationOptions {
  title: string;
  body: string;
  urgency: 'normal' | 'critical' | 'low';
  silent: boolean;
}

/** The subset of an Electron `Notification` used here. */
export interface DesktopNotification {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

/** The subset of Electron's `Notification` class used here. */
export interface NotificationApi {
  isSupported(): boolean;
  create(options: NotificationOptions): DesktopNotification;
}

export function notificationOptions(n: { title: string; body: string; severity: Severity }): NotificationOptions {
  return {
    title: n.title.slice(0, 120),
    body: n.body.slice(0, 400),
    urgency: n.severity === 'critical' ? 'critical' : n.severity === 'info' || n.severity === 'low' ? 'low' : 'normal',
    silent: false,
  };
}

export function createNotifier(onClick: () => void, api: NotificationApi): Notifier {
  // Shown notifications stay referenced until closed, or their click is lost to GC.
  const live = new Set<DesktopNotification>();
  return {
    notify(n) {
      if (!api.isSupported()) return;
      const shown = api.create(notificationOptions(n));
      live.add(shown);
      shown.on('click', () => {
        live.delete(shown);
        onClick();
      });
      shown.on('close', () => live.delete(shown));
      shown.show();
    },
  };
}
