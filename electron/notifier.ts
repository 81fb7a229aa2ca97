/**
 * Desktop notifications raised by the engine (`EngineHost.notifier`).
 * - Alerts (`kind: 'alert'`) go through `AlertBurst` (alert-burst.ts): high
 *   and critical only, one notification per burst, French summary.
 * - Legal deadlines of the deadline job (CNIL 24 h, 6 h, 1 h, overdue; ARS
 *   overdue) are shown one by one, whatever their severity.
 * The text comes from the engine (French, already pseudonymised); clicking a
 * notification brings the window forward, on the notification's in-app link
 * when it has one (a deadline: its incident's legal tab). Electron's `Notification` is
 * injected (main.ts) so this module can be tested without Electron.
 */
import type { Severity } from '../main/api/contract';
import type { Notifier } from '../main/engine/types';
import { AlertBurst, type Shown } from './alert-burst';

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

export function urgencyOf(severity: Severity): NotificationOptions['urgency'] {
  return severity === 'critical' ? 'critical' : severity === 'info' || severity === 'low' ? 'low' : 'normal';
}

export function createNotifier(onClick: (link?: string) => void, api: NotificationApi): Notifier & { flush(): void } {
  // Shown notifications stay referenced until closed, or their click is lost to GC.
  const live = new Set<DesktopNotification>();
  const show = ({ title, body, urgency }: Shown | Omit<NotificationOptions, 'silent'>, link?: string) => {
    if (!api.isSupported()) return;
    const shown = api.create({ title: title.slice(0, 120), body: body.slice(0, 400), urgency, silent: false });
    live.add(shown);
    shown.on('click', () => {
      live.delete(shown);
      onClick(link);
    });
    shown.on('close', () => live.delete(shown));
    shown.show();
  };
  const alerts = new AlertBurst(show);
  return {
    notify({ kind, title, body, severity, link }) {
      if (kind === 'alert') return alerts.push({ title: body, severity });
      show({ title, body, urgency: urgencyOf(severity) }, link);
    },
    flush: () => alerts.flush(),
  };
}
