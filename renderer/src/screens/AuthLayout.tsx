import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../components/LanguageSelect';
import { markLocaleChosenBeforeUnlock } from '../i18n';

/** Frame of the screens shown before the vault is open (create, unlock). */
export function AuthLayout({ title, intro, testId, children }: { title: string; intro: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="auth" data-testid={testId}>
      <div className="auth-card">
        <div className="auth-top">
          <p className="brand">{t('app.name')}</p>
          <LanguageSelect onChanged={markLocaleChosenBeforeUnlock} />
        </div>
        <h1 data-testid="auth-heading">{title}</h1>
        <p className="auth-intro">{intro}</p>
        {children}
      </div>
    </main>
  );
}
