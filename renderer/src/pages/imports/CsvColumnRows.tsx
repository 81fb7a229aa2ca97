import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_FIELDS, type CsvMappingDraft } from './csvMappingDraft';

interface Props {
  id: string;
  draft: CsvMappingDraft;
  setDraft: Dispatch<SetStateAction<CsvMappingDraft>>;
  /** Header cells of the sample, offered as column names. */
  header: string[] | null;
}

/** The mapping's rows: normalized field ← column (name or 0-based index), and constant values. */
export function CsvColumnRows({ id, draft, setDraft, header }: Props) {
  const { t } = useTranslation();
  const setColumn = (i: number, patch: Partial<CsvMappingDraft['columns'][number]>) =>
    setDraft((d) => ({ ...d, columns: d.columns.map((c, k) => (k === i ? { ...c, ...patch } : c)) }));
  const setConstant = (i: number, patch: Partial<CsvMappingDraft['constants'][number]>) =>
    setDraft((d) => ({ ...d, constants: d.constants.map((c, k) => (k === i ? { ...c, ...patch } : c)) }));
  return (
    <fieldset className="csv-columns" data-testid="csv-editor-columns">
      <legend>{t('imports.csvEditor.columns')}</legend>
      <datalist id={`${id}-fields`}>
        {CSV_FIELDS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <datalist id={`${id}-cells`}>
        {(header ?? []).map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
      {draft.columns.map((c, i) => (
        <div className="button-row" key={i} data-testid="csv-editor-column-row">
          <input
            aria-label={t('imports.csvEditor.field', { n: i + 1 })}
            data-testid="csv-editor-field"
            list={`${id}-fields`}
            value={c.field}
            spellCheck={false}
            onChange={(e) => setColumn(i, { field: e.target.value })}
          />
          <span aria-hidden="true">←</span>
          <input
            aria-label={t(draft.header ? 'imports.csvEditor.column' : 'imports.csvEditor.columnIndex', { n: i + 1 })}
            data-testid="csv-editor-column"
            list={`${id}-cells`}
            value={c.column}
            spellCheck={false}
            onChange={(e) => setColumn(i, { column: e.target.value })}
          />
          <button
            type="button"
            aria-label={t('imports.csvEditor.removeRow', { n: i + 1 })}
            onClick={() => setDraft((d) => ({ ...d, columns: d.columns.filter((_, k) => k !== i) }))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" data-testid="csv-editor-add-column" onClick={() => setDraft((d) => ({ ...d, columns: [...d.columns, { field: '', column: '' }] }))}>
        {t('imports.csvEditor.addColumn')}
      </button>
      {draft.constants.map((c, i) => (
        <div className="button-row" key={`k${i}`} data-testid="csv-editor-constant-row">
          <input
            aria-label={t('imports.csvEditor.constantField', { n: i + 1 })}
            list={`${id}-fields`}
            value={c.field}
            spellCheck={false}
            onChange={(e) => setConstant(i, { field: e.target.value })}
          />
          <span aria-hidden="true">=</span>
          <input aria-label={t('imports.csvEditor.constantValue', { n: i + 1 })} value={c.value} onChange={(e) => setConstant(i, { value: e.target.value })} />
          <button
            type="button"
            aria-label={t('imports.csvEditor.removeConstant', { n: i + 1 })}
            onClick={() => setDraft((d) => ({ ...d, constants: d.constants.filter((_, k) => k !== i) }))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" data-testid="csv-editor-add-constant" onClick={() => setDraft((d) => ({ ...d, constants: [...d.constants, { field: '', value: '' }] }))}>
        {t('imports.csvEditor.addConstant')}
      </button>
      <p className="help">{t('imports.csvEditor.columnsHelp')}</p>
    </fieldset>
  );
}
