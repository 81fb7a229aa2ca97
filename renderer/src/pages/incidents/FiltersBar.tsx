import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Choice, choicesOf } from '../../components/Fields';
import { PHASE_LIST } from '../../domain';
import { NO_FILTERS, type ListFilters, type StateFilter } from './listFilters';
import { CATEGORY_LIST, SEVERITIES, TLP_LIST } from './types';

interface Props {
  filters: ListFilters;
  onChange: (next: ListFilters) => void;
  shown: number;
  total: number;
}

const STATES: StateFilter[] = ['all', 'open', 'closed'];

/** Filters of the incident list (sent to the engine: `incidents.list` filters and pages). */
export function FiltersBar({ filters, onChange, shown, total }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const set = <K extends keyof ListFilters>(key: K, value: ListFilters[K]) => onChange({ ...filters, [key]: value });
  const select = (key: 'severity' | 'phase' | 'category' | 'tlp', options: readonly string[], label: (v: string) => string) => (
    <Choice
      label={t(`incidents.filters.${key}`)}
      testId={`filter-${key}`}
      value={filters[key]}
      onChange={(v) => set(key, v as never)}
      empty={t('incidents.filters.any')}
      options={choicesOf(options, label)}
    />
  );
  return (
    <form className="incident-filters" role="search" aria-label={t('incidents.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('incidents.filters.text')}</label>
        <input id={`${id}-text`} type="search" data-testid="filter-text" value={filters.text} onChange={(e) => set('text', e.target.value)} />
      </div>
      {select('severity', SEVERITIES, (v) => t(`severity.${v}`))}
      {select('phase', PHASE_LIST, (v) => t(`phase.${v}`))}
      {select('category', CATEGORY_LIST, (v) => t(`incidents.category.${v}`))}
      {select('tlp', TLP_LIST, (v) => `TLP:${v}`)}
      <div className="field">
        <label htmlFor={`${id}-assignee`}>{t('incidents.filters.assignee')}</label>
        <input id={`${id}-assignee`} type="search" data-testid="filter-assignee" value={filters.assignee} onChange={(e) => set('assignee', e.target.value)} />
      </div>
      <div className="field field-check">
        <input id={`${id}-overdue`} type="checkbox" data-testid="filter-overdue" checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked)} />
        <label htmlFor={`${id}-overdue`}>{t('incidents.filters.overdue')}</label>
      </div>
      <Choice
        label={t('incidents.filters.state')}
        testId="filter-state"
        value={filters.state}
        onChange={(v) => set('state', v)}
        options={choicesOf(STATES, (s) => t(`incidents.filters.states.${s}`))}
      />
      {filters.created && (
        <p className="help" data-testid="filter-created">
          {t('incidents.filters.created')}{' '}
          <button type="button" className="link" onClick={() => set('created', null)}>
            {t('incidents.filters.removeCreated')}
          </button>
        </p>
      )}
      <p className="help filter-count" aria-live="polite" data-testid="filter-count">
        {t('incidents.filters.count', { shown, total })}
      </p>
      <button type="button" onClick={() => onChange(NO_FILTERS)} data-testid="filter-reset">
        {t('incidents.filters.reset')}
      </button>
    </form>
  );
}
