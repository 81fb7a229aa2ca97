import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  suggestions?: readonly string[];
  disabled?: boolean;
  testId: string;
}

/** A list of short names (hub services, assignees, risks): added one by one, removed by their button. */
export function ChipsEditor({ label, values, onChange, suggestions, disabled, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const add = () => {
    const v = draft.trim();
    if (v && !values.includes(v)) onChange([...values, v]);
    setDraft('');
  };
  return (
    <fieldset className="chips-editor" data-testid={testId}>
      <legend>{label}</legend>
      <ul className="chips">
        {values.map((v) => (
          <li key={v} className="chip">
            {v}
            {!disabled && (
              <button type="button" className="chip-remove" aria-label={t('incidents.chips.remove', { value: v })} onClick={() => onChange(values.filter((x) => x !== v))}>
                ×
              </button>
            )}
          </li>
        ))}
        {values.length === 0 && <li className="muted">{t('incidents.chips.none')}</li>}
      </ul>
      {!disabled && (
        <div className="field-inline">
          <label htmlFor={`${id}-add`} className="visually-hidden">
            {t('incidents.chips.addLabel', { what: label })}
          </label>
          <input
            id={`${id}-add`}
            list={suggestions ? `${id}-list` : undefined}
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
            data-testid={`${testId}-input`}
          />
          {suggestions && (
            <datalist id={`${id}-list`}>
              {suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
          <button type="button" onClick={add} disabled={!draft.trim()} data-testid={`${testId}-add`}>
            {t('incidents.chips.add')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
