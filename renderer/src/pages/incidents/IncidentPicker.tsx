import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentRow } from '@contract';
import { useApiQuery } from '../../hooks/useApiQuery';

interface Props {
  label: string;
  value: number | null;
  onChange: (id: number | null) => void;
  /** Incidents not offered (this one, its descendants…). */
  exclude?: (i: IncidentRow) => boolean;
  /** Only incidents not closed (and not merged). */
  openOnly?: boolean;
  testId: string;
}

/** A select of incidents (most recent first), merged ones never offered. */
export function IncidentPicker({ label, value, onChange, exclude, openOnly = false, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  // Open only: filtered by the engine (not closed, not merged), so the 500 offered are all candidates.
  const list = useApiQuery('incidents.list', { limit: 500, offset: 0, state: openOnly ? 'open' : 'all' });
  const options = (list.data?.items ?? []).filter((i) => i.mergedInto == null && !(exclude && exclude(i)));
  return (
    <span className="field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)} data-testid={testId}>
        <option value="">{list.loading ? t('common.loading') : t('incidents.picker.choose')}</option>
        {options.map((i) => (
          <option key={i.id} value={i.id}>
            {t('incidents.picker.option', { id: i.id, title: i.title })}
          </option>
        ))}
      </select>
    </span>
  );
}
