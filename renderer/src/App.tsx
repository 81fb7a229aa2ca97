import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '@contract';
import { api } from './api/client';
import { ErrorMessage } from './components/ErrorMessage';
import { ToastProvider } from './components/Toasts';
import { useApiEvent } from './hooks/useApiEvent';
import { CreateVault } from './screens/CreateVault';
import { Shell } from './screens/Shell';
import { Unlock } from './screens/Unlock';

type Boot = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; status: VaultStatus };

/** Picks the screen from the vault state, and follows it as the engine changes it. */
export function App() {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });

  const refresh = useCallback(() => {
    api.call('vault.status', {}).then(
      (status) => setBoot({ kind: 'ready', status }),
      (error: unknown) => setBoot({ kind: 'error', error }),
    );
  }, []);

  useEffect(refresh, [refresh]);
  useApiEvent('vault.changed', (status) => setBoot({ kind: 'ready', status }));
  useEffect(
    () =>
      api.onCallError((_op, error) => {
        // The vault locked behind our back (idle lock, power event, other window): re-read its state.
        if (error.code === 'LOCKED') refresh();
      }),
    [refresh],
  );

  const onStatus = useCallback((status: VaultStatus) => setBoot({ kind: 'ready', status }), []);

  let screen;
  if (boot.kind === 'loading') {
    screen = (
      <main className="auth" data-testid="booting">
        <p aria-busy="true">{t('app.loading')}</p>
      </main>
    );
  } else if (boot.kind === 'error') {
    screen = (
      <main className="auth" data-testid="boot-error">
        <div className="auth-card">
          <h1>{t('app.connectionTitle')}</h1>
          <ErrorMessage error={boot.error} />
          <button type="button" className="primary" onClick={refresh}>
            {t('app.retry')}
          </button>
        </div>
      </main>
    );
  } else if (boot.status.state === 'absent') {
    screen = <CreateVault status={boot.status} onDone={onStatus} />;
  } else if (boot.status.state === 'locked') {
    screen = <Unlock status={boot.status} onDone={onStatus} />;
  } else {
    screen = <Shell status={boot.status} onStatus={onStatus} />;
  }
  return <ToastProvider>{screen}</ToastProvider>;
}
