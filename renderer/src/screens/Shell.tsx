import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Settings, VaultStatus } from '@contract';
import { api } from '../api/client';
import { SessionContext, type Session } from '../app/session';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Header } from '../components/Header';
import { ProgressToast } from '../components/ProgressToast';
import { Sidebar } from '../components/Sidebar';
import { useToasts } from '../components/Toasts';
import { useAlertToasts } from '../hooks/useAlertToasts';
import { useErrorText } from '../hooks/useErrorText';
import { useHashRoute } from '../hooks/useHashRoute';
import { useIdleActivity } from '../hooks/useIdleActivity';
import { applyLocale, takeLocaleChosenBeforeUnlock } from '../i18n';
import { applyTheme } from '../theme';
import { useDeadlineToasts } from '../pages/incidents/useDeadlineToasts';
import { RoutePage } from './RoutePage';

/** The unlocked application: sidebar, header, current page, toasts. */
export function Shell({ status, onStatus }: { status: VaultStatus; onStatus: (s: VaultStatus) => void }) {
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

  useAlertToasts();

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
