import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { finessProblem } from './finess';
import type { IncidentDetail } from './types';

type Structure = IncidentDetail['structures'][number];

interface Props {
  structures: Structure[];
  onChange: (next: Structure[]) => void;
  disabled?: boolean;
}

/** Affected structures: name and FINESS number, checked as typed (9 characters, Luhn key). */
export function StructuresEditor({ structures, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const update = (i: number, patch: Partial<Structure>) => onChange(structures.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <fieldset className="structures-editor" data-testid="structures-editor">
      <legend>{t('incidents.fields.structures')}</legend>
      {structures.length === 0 && <p className="muted">{t('incidents.structures.none')}</p>}
      {structures.map((s, i) => {
        const problem = finessProblem(s.finess ?? '');
        return (
          <div key={i} className="structure-row" data-testid="structure-row">
            <div className="field">
              <label htmlFor={`${id}-${i}-name`}>{t('incidents.fields.structureName')}</label>
              <input id={`${id}-${i}-name`} value={s.name} maxLength={200} disabled={disabled} onChange={(e) => update(i, { name: e.target.value })} data-testid="structure-name" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-${i}-finess`}>{t('incidents.fields.finess')}</label>
              <input
                id={`${id}-${i}-finess`}
                value={s.finess ?? ''}
                maxLength={9}
                disabled={disabled}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-${i}-err` : undefined}
                onChange={(e) => update(i, { finess: e.target.value || null })}
                data-testid="structure-finess"
              />
              {problem && (
                <span id={`${id}-${i}-err`} className="field-error" data-testid="finess-error">
                  {t(`incidents.finess.${problem}`)}
                </span>
              )}
            </div>
            {!disabled && (
              <button type="button" onClick={() => onChange(structures.filter((_, j) => j !== i))} aria-label={t('incidents.structures.remove', { name: s.name || i + 1 })}>
                {t('incidents.structures.removeShort')}
              </button>
            )}
          </div>
        );
      })}
      {!disabled && (
        <button type="button" onClick={() => onChange([...structures, { name: '', finess: null }])} data-testid="structure-add">
          {t('incidents.structures.add')}
        </button>
      )}
    </fieldset>
  );
}

/** True when every structure can be saved (a name, a valid FINESS number or none). */
export function structuresValid(structures: Structure[]): boolean {
  return structures.every((s) => s.name.trim() !== '' && finessProblem(s.finess ?? '') === null);
}
