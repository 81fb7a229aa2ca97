import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { ActionError } from '../incidents/ActionError';
import { useAction, useCanWrite } from '../incidents/hooks';
import { ProblemList } from './ProblemList';
import { RuleTest } from './RuleTest';
import { useRuleValidation } from './useRuleValidation';

/** A new rule to start from (a fresh id each time). */
const template = () => `title: Nouvelle règle
id: ${crypto.randomUUID()}
status: experimental
description: Ce que la règle détecte
logsource:
  product: vigie
  category: patient_access
detection:
  selection:
    event.action: read
  condition: selection
level: medium
`;

/** Sigma text editor: live validation with line numbers, save, and a dry run on recent events. */
export function RuleEditor({ editId }: { editId: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const canWrite = useCanWrite();
  const toasts = useToasts();
  const save = useAction();
  const [text, setText] = useState(template);
  const [loadError, setLoadError] = useState<unknown>(null);
  const live = useRuleValidation(text);
  const [saved, setSaved] = useState<typeof live.result>(null);

  useEffect(() => {
    if (!editId) return;
    let alive = true;
    api.call('detection.rules.get', { id: editId }).then(
      (r) => alive && setText(r.text),
      (e: unknown) => alive && setLoadError(e),
    );
    return () => {
      alive = false;
    };
  }, [editId]);

  async function onSave() {
    setSaved(null);
    const result = await save.run(() => api.call('detection.rules.save', { ...(editId ? { id: editId } : {}), text }));
    if (!result) return;
    setSaved(result);
    if (result.ok) {
      toasts.push({ kind: 'info', text: t('rules.editor.saved') });
    }
  }

  const problems = live.result?.problems ?? [];
  return (
    <section className="card rules-section" data-testid="rule-editor">
      <h2>{editId ? t('rules.editor.titleEdit', { id: editId }) : t('rules.editor.titleNew')}</h2>
      <ErrorMessage error={loadError} />
      <label htmlFor={id}>{t('rules.editor.text')}</label>
      <textarea
        id={id}
        className="rule-editor"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="rule-editor-text"
      />
      <div aria-live="polite" data-testid="rule-validation" data-state={live.pending ? 'pending' : live.result?.ok ? 'ok' : 'error'}>
        {live.pending && <p className="muted">{t('rules.editor.validating')}</p>}
        {!live.pending && live.result?.ok && (
          <p className="rule-ok" data-testid="rule-valid">
            {t('rules.editor.valid', { n: live.result.documents.length })}
          </p>
        )}
        {!live.pending && <ProblemList problems={problems} testId="rule-editor-problems" />}
        <ErrorMessage error={live.error} />
      </div>
      {canWrite && (
        <div className="button-row">
          <button type="button" className="primary" disabled={save.busy || !text.trim()} onClick={() => void onSave()} data-testid="rule-save">
            {t('rules.editor.save')}
          </button>
        </div>
      )}
      <ActionError error={save.error} />
      {saved && !saved.ok && <ProblemList problems={saved.problems} testId="rule-save-problems" />}
      <RuleTest text={text} />
    </section>
  );
}
