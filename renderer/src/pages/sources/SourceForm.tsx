import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpInput } from '@contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Choice, choicesOf } from '../../components/Fields';
import { ValidationDetails } from '../../components/ValidationDetails';
import { useApiQuery } from '../../hooks/useApiQuery';
import { emptyDraft, fromSource, SOURCE_KIND_LIST, toConfig, toSecret, type SourceDraft, type SourceKindName } from './draft';
import { SourceFields } from './SourceFields';
import { TestResult } from './TestResult';
import type { SourceRow, SourceTestResult } from './types';

interface Props {
  /** The source being edited, or null to add one. */
  source: SourceRow | null;
  onSaved: (row: SourceRow) => void;
  onCancel: () => void;
}

/** Add or edit a source. Secrets are write-only: typed here, sent once, never shown again. */
export function SourceForm({ source, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<SourceDraft>(() => (source ? fromSource(source) : emptyDraft()));
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<SourceTestResult | null>(null);
  const mappings = useApiQuery('csvMappings.list', {}, { enabled: draft.kind === 'folder' });
  const set = <K extends keyof SourceDraft>(key: K, value: SourceDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const changeKind = (kind: SourceKindName) => setDraft((d) => ({ ...emptyDraft(kind), name: d.name }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy('save');
    setError(null);
    try {
      const config = toConfig(draft);
      const secret = toSecret(draft);
      const row = source
        ? await api.call('sources.update', { id: source.id, name: draft.name.trim(), config, ...(secret !== undefined ? { secret } : {}) })
        : await api.call('sources.create', {
            name: draft.name.trim(),
            kind: draft.kind,
            config,
            ...(secret !== undefined ? { secret } : {}),
          } as OpInput<'sources.create'>);
      onSaved(row);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  async function test() {
    setBusy('test');
    setError(null);
    setResult(null);
    try {
      const secret = toSecret(draft);
      // A stored source keeps its secret: testing the saved config is the honest check when none is typed.
      const input =
        source && secret === undefined && JSON.stringify(toConfig(fromSource(source))) === JSON.stringify(toConfig(draft))
          ? { id: source.id }
          : ({ kind: draft.kind, config: toConfig(draft), ...(secret !== undefined ? { secret } : {}) } as OpInput<'sources.test'>);
      setResult(await api.call('sources.test', input));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="card source-form" onSubmit={(e) => void save(e)} data-testid="source-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{source ? t('sources.form.editTitle', { name: source.name }) : t('sources.form.addTitle')}</h2>
      <div className="options-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('sources.form.name')}</label>
          <input id={`${id}-name`} data-testid="source-name" required maxLength={100} value={draft.name} onChange={(e) => set('name', e.target.value)} />
        </div>
        <Choice
          label={t('sources.form.kind')}
          testId="source-kind"
          value={draft.kind}
          disabled={source !== null}
          onChange={changeKind}
          options={choicesOf(SOURCE_KIND_LIST, (k) => t(`sources.kinds.${k}`))}
        />
      </div>
      <p className="help">{t(`sources.kindHelp.${draft.kind}`)}</p>
      <SourceFields id={id} draft={draft} set={set} hasSecret={source?.hasSecret ?? false} csvMappings={(mappings.data ?? []).map((m) => m.name)} />
      <ErrorMessage error={error} testId="source-form-error" />
      <ValidationDetails error={error} />
      {result && <TestResult result={result} />}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy !== null} data-testid="source-save">
          {t(source ? 'sources.form.save' : 'sources.form.create')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void test()} data-testid="source-form-test">
          {t(busy === 'test' ? 'sources.testing' : 'sources.actions.test')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
