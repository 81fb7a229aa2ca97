import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertRow } from '@contract';
import { useToasts } from '../components/Toasts';
import { SEVERITY_LIST } from '../domain';
import { useApiEvent } from './useApiEvent';

/** A burst ends when no alert came for this long… */
const QUIET_MS = 1500;
/** …or at the latest this long after its first alert. */
const MAX_WAIT_MS = 10_000;

/**
 * New alerts (`alert.new`) as toasts: alerts arriving together (a retro-hunt,
 * an ingest, a demo load) give one toast naming the count and the worst
 * severity; a single alert gives its title. Mirrors the desktop notifier
 * (electron/alert-burst.ts), which shows only high and critical alerts.
 */
export function useAlertToasts(): void {
  const { t } = useTranslation();
  const toasts = useToasts();
  const burst = useRef<{ alerts: AlertRow[]; first: number; timer: ReturnType<typeof setTimeout> | null }>({ alerts: [], first: 0, timer: null });

  const show = () => {
    const b = burst.current;
    b.timer = null;
    const alerts = b.alerts;
    b.alerts = [];
    if (alerts.length === 0) return;
    const worst = alerts.reduce((a, c) => (SEVERITY_LIST.indexOf(c.severity) > SEVERITY_LIST.indexOf(a.severity) ? c : a));
    const severity = t(`severity.${worst.severity}`);
    toasts.push({
      kind: 'alert',
      severity: worst.severity,
      text: alerts.length === 1 ? t('toast.newAlert', { title: worst.title, severity }) : t('toast.newAlerts', { count: alerts.length, severity }),
    });
  };
  const showRef = useRef(show);
  showRef.current = show;

  useApiEvent('alert.new', (alert) => {
    const b = burst.current;
    const now = Date.now();
    if (b.alerts.length === 0) b.first = now;
    b.alerts.push(alert);
    if (b.timer) clearTimeout(b.timer);
    b.timer = setTimeout(() => showRef.current(), Math.max(0, Math.min(QUIET_MS, b.first + MAX_WAIT_MS - now)));
  });

  useEffect(
    () => () => {
      if (burst.current.timer) clearTimeout(burst.current.timer);
    },
    [],
  );
}
