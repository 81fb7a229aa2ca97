import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/useFormat';
import type { AlertFilter } from './listQuery';
import './alerts-filter.css';

/**
 * The filter a dashboard link put on the alert list (`#/alerts?q=…`), in words,
 * with a button that removes it. An unreadable query is said so: the full list is shown.
 */
export function AlertFilterBar({ query, filter }: { query: string; filter: AlertFilter | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const clear = () => window.location.assign('#/alerts');
  if (!filter) {
    return (
      <div className="card filter-bar" role="status" data-testid="alerts-filter-invalid">
        <span>{t('alertsFilter.invalid', { query })}</span>
        <button type="button" onClick={clear}>
          {t('alertsFilter.clear')}
        </button>
      </div>
    );
  }
  const parts: string[] = [];
  if (filter.severities?.length) parts.push(t('alertsFilter.severity', { values: filter.severities.map((s) => t(`severity.${s}`)).join(', ') }));
  if (filter.statuses?.length) parts.push(t('alertsFilter.status', { values: filter.statuses.map((s) => t(`alertStatus.${s}`)).join(', ') }));
  if (filter.activeFrom && filter.activeTo) {
    parts.push(t('alertsFilter.active', { from: fmt.dateTime(filter.activeFrom), to: fmt.dateTime(filter.activeTo) }));
  }
  return (
    <div className="card filter-bar" role="status" data-testid="alerts-filter">
      <span>
        <strong>{t('alertsFilter.label')}</strong> {parts.join(' · ')}
      </span>
      <button type="button" onClick={clear} data-testid="alerts-filter-clear">
        {t('alertsFilter.clear')}
      </button>
    </div>
  );
}
