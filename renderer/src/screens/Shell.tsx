import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertRow, Settings, VaultStatus } from '@contract';
import { api } from '../api/client';
import { SessionContext, type Session } from '../app/session';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Header } from '../components/Header';
import { ProgressToast } from '../components/ProgressToast';
import { Sidebar } from '../components/Sidebar';
import { useToasts } from '../components/Toasts';
import { useApiEvent } from '../hooks/useApiEvent';
import { useErrorText } from '../hooks/useErrorText';
import { useHashRoute } from '../hooks/useHashRoute';
import { useIdleActivity } from '../hooks/useIdleActivity';
import { applyLocale, takeLocaleChosenBeforeUnlock } from '../i18n';
import { applyTheme } from '../theme';
import { SEVERITY_LIST } from '../domain';
import { useDeadlineToasts } from '../pages/incidents/useDeadlineToasts';
import { RoutePage } from './RoutePage';

/** The unlocked application: sidebar, header, current page, toasts. */
export function Shell({ status, onStatus }: { status: VaultStatus; onStatus: (s: VaultStatus) => void }) {
  const { t } = useTranslation();
  const route = useHashRoute();
  const toasts = useToasts();
  const errorText = useErrorText();
  const [settings, setSettings] = useState<Settings | null>(null);

  useIdleActivity();
  useDeadlineToasts();

  const adopt = useCallback((next: Settings) => {
    setSettings(next);
    applyTheme(next.theme);
    void applyLocale(next.locale);
  }, []);

  const reportRef = useRef((e: unknown) => toasts.push({ kind: 'error', text: errorText(e) }));
  reportRef.current = (e: unknown) => toasts.push({ kind: 'error', text: errorText(e) });

  useEffect(() => {
    // A language picked on the create/unlock screen becomes the vault's setting.
    const chosen = takeLocaleChosenBeforeUnlock();
    api
      .call('settings.get', {})
      .then((current) => (chosen && chosen !== current.locale ? api.call('settings.update', { locale: chosen }) : current))
      .then(adopt, (e: unknown) => reportRef.current(e));
  }, [adopt]);

  // Alerts can arrive in bursts (a retro-hunt, a demo load): one toast per burst, not one per alert.
  const alertBurst = useRef<AlertRow[]>([]);
  useApiEvent('alert.new', (alert) => {
    alertBurst.current.push(alert);
    if (alertBurst.current.length > 1) return;
    setTimeout(() => {
      const burst = alertBurst.current;
      alertBurst.current = [];
      const worst = burst.reduce((a, b) => (SEVERITY_LIST.indexOf(b.severity) > SEVERITY_LIST.indexOf(a.severity) ? b : a));
      const severity = t(`severity.${worst.severity}`);
      toasts.push({
        kind: 'alert',
        severity: worst.severity,
        text:
          burst.length === 1
            ? t('toast.newAlert', { title: worst.title, severity })
            : t('toast.newAlerts', { count: burst.length, severity }),
      });
    }, 1500);
  });

  const updateSettings = useCallback(
    async (patch: Partial<Settings>) => {
      try {
        adopt(await api.call('settings.update', patch));
      } catch (e) {
        reportRef.current(e);
      }
    },
    [adopt],
  );

  const lock = useCallback(async () => {
    try {
      onStatus(await api.call('vault.lock', {}));
    } catch (e) {
      reportRef.current(e);
    }
  }, [onStatus]);

  const session = useMemo<Session>(() => ({ status, settings, updateSettings, lock }), [status, settings, updateSettings, lock]);

  return (
    <SessionContext.Provider value={session}>
      <div className="shell" data-testid="shell">
        <Sidebar route={route} />
        <div className="shell-main">
          <Header />
          <main className="content" id="content">
            <ErrorBoundary resetKey={route}>
              <RoutePage route={route} />
            </ErrorBoundary>
          </main>
        </div>
        <ProgressToast />
      </div>
    </SessionContext.Provider>
  );
}
