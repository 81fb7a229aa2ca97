import { useTranslation } from 'react-i18next';
import { ROUTES, routeHref, type Route } from '../hooks/useHashRoute';

export function Sidebar({ route }: { route: Route }) {
  const { t } = useTranslation();
  return (
    <aside className="sidebar">
      <p className="brand">{t('app.name')}</p>
      <nav aria-label={t('nav.label')}>
        <ul>
          {ROUTES.map((r) => (
            <li key={r}>
              <a href={routeHref(r)} data-testid={`nav-${r}`} aria-current={r === route ? 'page' : undefined} className={r === route ? 'active' : ''}>
                {t(`nav.${r}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
