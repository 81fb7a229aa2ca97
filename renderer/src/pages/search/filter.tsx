import { createContext, useContext, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type FilterValueType = string | number | boolean | null;
/** Adds `field:"value"` to the query (`negate`: `NOT field:"value"`) and runs it. */
export type OnFilter = (field: string, value: FilterValueType, negate: boolean) => void;

export const FilterContext = createContext<OnFilter>(() => undefined);

interface Props {
  field: string;
  value: FilterValueType;
  children: ReactNode;
}

/** A value that narrows the search when clicked; Shift- or Alt-click excludes it instead. */
export function FilterValue({ field, value, children }: Props) {
  const { t } = useTranslation();
  const onFilter = useContext(FilterContext);
  const shown = value === null || value === '' ? t('search.filter.absent') : String(value);
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    onFilter(field, value, e.shiftKey || e.altKey);
  };
  return (
    <button
      type="button"
      className="filter-value"
      data-testid="filter-value"
      data-field={field}
      title={t('search.filter.hint', { field, value: shown })}
      aria-label={t('search.filter.aria', { field, value: shown })}
      onClick={click}
    >
      {children}
    </button>
  );
}
