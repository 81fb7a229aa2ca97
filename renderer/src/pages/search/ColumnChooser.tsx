import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { COLUMNS, DEFAULT_COLUMNS } from './columns';
import { usePopover } from './usePopover';

interface Props {
  value: string[];
  onChange: (keys: string[]) => void;
}

/** Which columns the result table shows (kept on this device). */
export function ColumnChooser({ value, onChange }: Props) {
  const { t } = useTranslation();
  const { open, setOpen, anchor } = usePopover<HTMLDivElement>();
  const id = useId();

  const toggle = (key: string) => {
    const next = value.includes(key) ? value.filter((k) => k !== key) : [...value, key];
    // Keep the table's order, and at least one column.
    if (next.length > 0) onChange(COLUMNS.map((c) => c.key).filter((k) => next.includes(k)));
  };

  return (
    <div className="popover-anchor" ref={anchor}>
      <button type="button" aria-expanded={open} aria-controls={id} data-testid="columns-toggle" onClick={() => setOpen(!open)}>
        {t('search.columnsChooser.toggle')}
      </button>
      {open && (
        <fieldset className="popover column-chooser" id={id} data-testid="columns-chooser">
          <legend>{t('search.columnsChooser.title')}</legend>
          {COLUMNS.map((c) => (
            <label key={c.key} className="field-check">
              <input type="checkbox" checked={value.includes(c.key)} onChange={() => toggle(c.key)} data-testid={`column-${c.key}`} />
              {t(`search.columns.${c.key}`)}
            </label>
          ))}
          <div className="button-row">
            <button type="button" className="link-button" onClick={() => onChange(DEFAULT_COLUMNS)}>
              {t('search.columnsChooser.reset')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('common.close')}
            </button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
