import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/useFormat';
import type { SearchState } from './useSearch';

/** "1 234 événements du … au … (35 ms)", or "plus de 10 000" when the engine stopped counting. */
export function ResultSummary({ state }: { state: SearchState }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!state.resolved) return null;
  const count = t(state.totalExact ? 'search.summary.count' : 'search.summary.countMore', {
    count: state.total,
    formatted: fmt.number(state.total),
  });
  return (
    <p
      className="search-summary muted"
      data-testid="search-total"
      data-total={state.total}
      data-exact={state.totalExact}
      data-from={state.resolved.from}
      data-to={state.resolved.to}
      aria-live="polite"
    >
      <strong>{count}</strong>{' '}
      {t('search.summary.range', { from: fmt.dateTime(state.resolved.from), to: fmt.dateTime(state.resolved.to) })}{' '}
      <span className="took">{t('search.summary.took', { ms: fmt.number(state.tookMs) })}</span>
      {state.rows.length > 0 && state.rows.length < state.total && (
        <span> · {t('search.summary.loaded', { formatted: fmt.number(state.rows.length) })}</span>
      )}
    </p>
  );
}
