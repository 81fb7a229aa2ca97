import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '@contract';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { AuthLayout } from './AuthLayout';

/** The vault exists and is locked: passphrase, or the key this device remembers. */
export function Unlock({ status, onDone }: { status: VaultStatus; onDone: (s: VaultStatus) => void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  async function run(call: () => Promise<VaultStatus>) {
    setBusy(true);
    setError(null);
    try {
      onDone(await call());
    } catch (err) {
      setError(err);
      setPassphrase('');
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!passphrase) return;
    void run(() => api.call('vault.unlock', { passphrase, remember }));
  }

  const intro = status.operator ? t('unlock.introNamed', { name: status.operator.name }) : t('unlock.intro');
  return (
    <AuthLayout title={t('unlock.title')} intro={intro} testId="unlock">
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="unlock-passphrase">{t('unlock.passphrase')}</label>
          <input
            id="unlock-passphrase"
            ref={input}
            data-testid="unlock-passphrase"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </div>
        {status.rememberAvailable && !status.remembered && (
          <div className="field field-check">
            <input id="unlock-remember" data-testid="unlock-remember" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            <label htmlFor="unlock-remember">{t('unlock.remember')}</label>
          </div>
        )}
        <ErrorMessage error={error} testId="unlock-error" />
        <div className="button-row">
          <button type="submit" className="primary" data-testid="unlock-submit" disabled={busy || !passphrase}>
            {t(busy ? 'unlock.submitting' : 'unlock.submit')}
          </button>
          {status.remembered && (
            <>
              <button type="button" data-testid="unlock-remembered" disabled={busy} onClick={() => void run(() => api.call('vault.unlockRemembered', {}))}>
                {t('unlock.withDevice')}
              </button>
              <button type="button" className="link" data-testid="unlock-forget" disabled={busy} onClick={() => void run(() => api.call('vault.forget', {}))}>
                {t('unlock.forget')}
              </button>
            </>
          )}
        </div>
      </form>
    </AuthLayout>
  );
}
