import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, VaultStatus } from '@contract';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { StrengthMeter } from '../components/StrengthMeter';
import { ROLE_LIST } from '../domain';
import { usePassphraseStrength } from '../hooks/usePassphraseStrength';
import { AuthLayout } from './AuthLayout';

type LocalError = 'nameRequired' | 'mismatch' | 'weak';

/** First run: name the operator, pick a role and set the vault's passphrase. */
export function CreateVault({ status, onDone }: { status: VaultStatus; onDone: (s: VaultStatus) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('rssi');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [localError, setLocalError] = useState<LocalError | null>(null);
  const [serverError, setServerError] = useState<unknown>(null);
  const { strength, checking } = usePassphraseStrength(passphrase, [name]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setLocalError(null);
    setServerError(null);
    if (!name.trim()) return setLocalError('nameRequired');
    if (passphrase !== confirm) return setLocalError('mismatch');
    setBusy(true);
    try {
      const fresh = await api.call('vault.checkPassphrase', { passphrase, userInputs: [name] });
      if (!fresh.acceptable) return setLocalError('weak');
      onDone(await api.call('vault.create', { passphrase, operator: { name: name.trim(), role }, remember }));
    } catch (err) {
      setServerError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('create.title')} intro={t('create.intro')} testId="create-vault">
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="create-name">{t('create.name')}</label>
          <input id="create-name" data-testid="create-name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="create-role">{t('create.role')}</label>
          <select id="create-role" data-testid="create-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLE_LIST.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="create-passphrase">{t('create.passphrase')}</label>
          <input
            id="create-passphrase"
            data-testid="create-passphrase"
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-describedby="create-passphrase-help"
          />
          <p id="create-passphrase-help" className="help">
            {t('create.passphraseHelp')}
          </p>
          <StrengthMeter strength={strength} checking={checking} />
        </div>
        <div className="field">
          <label htmlFor="create-confirm">{t('create.confirm')}</label>
          <input
            id="create-confirm"
            data-testid="create-confirm"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </div>
        {status.rememberAvailable && (
          <div className="field field-check">
            <input id="create-remember" data-testid="create-remember" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            <label htmlFor="create-remember">{t('create.remember')}</label>
          </div>
        )}
        {localError && (
          <p className="error-message" role="alert" data-testid="create-error">
            {t(`create.errors.${localError}`)}
          </p>
        )}
        <ErrorMessage error={serverError} testId="create-error" />
        <button type="submit" className="primary" data-testid="create-submit" disabled={busy}>
          {t(busy ? 'create.submitting' : 'create.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
