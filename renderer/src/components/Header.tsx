import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';

export function Header() {
  const { t } = useTranslation();
  const { status, lock } = useSession();
  const operator = status.operator;
  return (
    <header className="topbar">
      <p className="tagline">{t('app.tagline')}</p>
      <div className="operator" data-testid="operator">
        {operator && (
          <>
            <span className="operator-name" data-testid="operator-name">
              {operator.name}
            </span>
            <span className="operator-role" data-testid="operator-role">
              {t(`roles.${operator.role}`)}
            </span>
          </>
        )}
        <button type="button" data-testid="lock-button" onClick={() => void lock()}>
          {t('header.lock')}
        </button>
      </div>
    </header>
  );
}
