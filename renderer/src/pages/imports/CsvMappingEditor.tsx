import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ValidationDetails } from '../../components/ValidationDetails';
import { CsvColumnRows } from './CsvColumnRows';
import { CsvPreviewTable, type CsvPreview } from './CsvPreviewTable';
import {
  DELIMITERS,
  draftOfMapping,
  draftProblems,
  emptyMappingDraft,
  mappingOfDraft,
  readSample,
  type CsvMapping,
  type CsvMappingDraft,
} from './csvMappingDraft';

interface Props {
  mappings: CsvMapping[];
  /** Called after a save or a delete, with the name to select (null after a delete). */
  onChanged: (name: string | null) => void;
  onClose: () => void;
}

const PREVIEW_DELAY_MS = 300;

/**
 * Creates, edits and deletes saved CSV column mappings, with a live preview
 * of the draft on the first records of a chosen file (picked here, or a path
 * of this machine read by the engine). Problems are shown before saving.
 */
export function CsvMappingEditor({ mappings, onChanged, onClose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState<string>('');
  const [draft, setDraft] = useState<CsvMappingDraft>(emptyMappingDraft);
  const [sample, setSample] = useState<{ name: string; text?: string; path?: string } | null>(null);
  const [pathInput, setPathInput] = useState('');
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const set = <K extends keyof CsvMappingDraft>(key: K, value: CsvMappingDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const problems = draftProblems(draft);
  const mapping = mappingOfDraft(draft);
  const mappingKey = JSON.stringify(mapping);

  function choose(name: string) {
    setEditing(name);
    setConfirmDelete(false);
    setError(null);
    const m = mappings.find((x) => x.name === name);
    setDraft(m ? draftOfMapping(m) : emptyMappingDraft());
  }

  useEffect(() => {
    if (!sample) return;
    let live = true;
    const timer = setTimeout(() => {
      const source = sample.path !== undefined ? { path: sample.path } : { sample: sample.text ?? '' };
      api.call('csvMappings.preview', { mapping: JSON.parse(mappingKey) as CsvMapping, ...source }).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setPreviewError(null);
        },
        (e: unknown) => {
          if (!live) return;
          setPreview(null);
          setPreviewError(e);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [sample, mappingKey]);

  async function pickFile(file: File | undefined) {
    if (!file) return;
    setSample({ name: file.name, text: await readSample(file) });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (problems.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api.call('csvMappings.save', { mapping });
      // Renaming keeps one mapping: the old name goes.
      if (editing && editing !== saved.name) await api.call('csvMappings.delete', { name: editing });
      setEditing(saved.name);
      onChanged(saved.name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.call('csvMappings.delete', { name: editing });
      choose('');
      onChanged(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card csv-editor" onSubmit={(e) => void save(e)} data-testid="csv-editor" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('imports.csvEditor.title')}</h2>
      <p className="help">{t('imports.csvEditor.intro')}</p>
      <div className="options-grid">
        <div className="field">
          <label htmlFor={`${id}-which`}>{t('imports.csvEditor.which')}</label>
          <select id={`${id}-which`} data-testid="csv-editor-which" value={editing} onChange={(e) => choose(e.target.value)}>
            <option value="">{t('imports.csvEditor.new')}</option>
            {mappings.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('imports.csvEditor.name')}</label>
          <input id={`${id}-name`} data-testid="csv-editor-name" maxLength={100} value={draft.name} onChange={(e) => set('name', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-delimiter`}>{t('imports.csvEditor.delimiter')}</label>
          <select id={`${id}-delimiter`} data-testid="csv-editor-delimiter" value={draft.delimiter} onChange={(e) => set('delimiter', e.target.value)}>
            {DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {t(`imports.csvEditor.delimiters.${d === '\t' ? 'tab' : d === ';' ? 'semicolon' : d === ',' ? 'comma' : 'pipe'}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-ts`}>{t('imports.csvEditor.timestampFormat')}</label>
          <input
            id={`${id}-ts`}
            data-testid="csv-editor-timestamp-format"
            value={draft.timestampFormat}
            placeholder="dd/MM/yyyy HH:mm:ss"
            spellCheck={false}
            onChange={(e) => set('timestampFormat', e.target.value)}
          />
          <p className="help">{t('imports.csvEditor.timestampHelp')}</p>
        </div>
      </div>
      <div className="field field-check">
        <input id={`${id}-header`} type="checkbox" data-testid="csv-editor-header" checked={draft.header} onChange={(e) => set('header', e.target.checked)} />
        <label htmlFor={`${id}-header`}>{t('imports.csvEditor.header')}</label>
      </div>
      <CsvColumnRows id={id} draft={draft} setDraft={setDraft} header={preview?.header ?? null} />

      <h3>{t('imports.csvEditor.previewTitle')}</h3>
      <div className="options-grid">
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('imports.csvEditor.sampleFile')}</label>
          <input id={`${id}-file`} type="file" data-testid="csv-editor-file" accept=".csv,.txt,.tsv,.gz,text/csv" onChange={(e) => void pickFile(e.target.files?.[0])} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-path`}>{t('imports.csvEditor.samplePath')}</label>
          <div className="button-row">
            <input id={`${id}-path`} data-testid="csv-editor-path" value={pathInput} spellCheck={false} onChange={(e) => setPathInput(e.target.value)} />
            <button type="button" disabled={pathInput.trim() === ''} onClick={() => setSample({ name: pathInput.trim(), path: pathInput.trim() })}>
              {t('imports.csvEditor.readPath')}
            </button>
          </div>
        </div>
      </div>
      {sample ? <p className="help">{t('imports.csvEditor.sampleOf', { name: sample.name })}</p> : <p className="help">{t('imports.csvEditor.noSample')}</p>}
      <ErrorMessage error={previewError} testId="csv-preview-error" />
      {preview?.problem && (
        <p className="field-warning" role="alert" data-testid="csv-preview-problem">
          {t('imports.csvEditor.mappingProblem', { problem: preview.problem })}
        </p>
      )}
      {preview && <CsvPreviewTable preview={preview} />}

      {problems.length > 0 && (
        <ul className="field-error" data-testid="csv-editor-problems">
          {problems.map((p, i) => (
            <li key={i}>{t(`imports.csvEditor.problems.${p.key}`, p.values)}</li>
          ))}
        </ul>
      )}
      <ErrorMessage error={error} testId="csv-editor-error" />
      <ValidationDetails error={error} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || problems.length > 0} data-testid="csv-editor-save">
          {t('imports.csvEditor.save')}
        </button>
        {editing !== '' &&
          (confirmDelete ? (
            <button type="button" className="danger" disabled={busy} data-testid="csv-editor-delete-confirm" onClick={() => void remove()}>
              {t('imports.csvEditor.deleteConfirm', { name: editing })}
            </button>
          ) : (
            <button type="button" disabled={busy} data-testid="csv-editor-delete" onClick={() => setConfirmDelete(true)}>
              {t('imports.csvEditor.delete')}
            </button>
          ))}
        <button type="button" onClick={onClose} data-testid="csv-editor-close">
          {t('common.dismiss')}
        </button>
      </div>
    </form>
  );
}
