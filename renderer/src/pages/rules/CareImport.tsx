import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFormat } from '../../hooks/useFormat';
import { ActionError } from '../incidents/ActionError';
import { useAction, useCanWrite } from '../incidents/hooks';

type Result = { imported: number; users: number; rejected: { line: number; reason: string }[] };

/** Care relationships (user ↔ patient) as CSV, read by the "accès sans relation de soins" rule. */
export function CareImport() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const canWrite = useCanWrite();
  const action = useAction();
  const [replace, setReplace] = useState(true);
  const [result, setResult] = useState<Result | null>(null);

  async function pick(file: File | undefined) {
    if (!file) return;
    setResult(null);
    const r = await action.run(async () => api.call('careRelationships.import', { csv: await file.text(), replace }));
    if (r) setResult(r);
  }

  return (
    <section className="card rules-section" data-testid="care-import">
      <h2>{t('rules.care.title')}</h2>
      <p className="help">{t('rules.care.help')}</p>
      {canWrite && (
        <div className="rules-form">
          <label className="field-check">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="care-replace" />
            {t('rules.care.replace')}
          </label>
          <span>
            <label htmlFor={id}>{t('rules.care.pick')}</label>{' '}
            <input
              id={id}
              type="file"
              accept=".csv,text/csv"
              disabled={action.busy}
              data-testid="care-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                void pick(file);
              }}
            />
          </span>
        </div>
      )}
      <ActionError error={action.error} />
      {result && (
        <div data-testid="care-result">
          <p>{t('rules.care.summary', { imported: fmt.number(result.imported), users: fmt.number(result.users), rejected: fmt.number(result.rejected.length) })}</p>
          {result.rejected.length > 0 && (
            <ul className="rule-problems">
              {result.rejected.slice(0, 50).map((r) => (
                <li key={r.line}>
                  <strong>{t('rules.problem.line', { line: r.line })}</strong> <span lang="fr">{r.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
