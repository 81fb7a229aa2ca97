import { useTranslation } from 'react-i18next';
import type { CountBy } from '@contract';
import { useFormat } from '../../hooks/useFormat';

export function TopUsers({ users }: { users: CountBy[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="card" data-testid="top-users">
      <h2>{t('dashboard.topUsers.title')}</h2>
      {users.length === 0 ? (
        <p className="muted">{t('dashboard.topUsers.empty')}</p>
      ) : (
        <ol className="rank-list">
          {users.map((u) => (
            <li key={u.key}>
              <span className="rank-name">{u.key}</span>
              <span className="rank-count">{t('dashboard.topUsers.count', { count: u.count, formatted: fmt.number(u.count) })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
