import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../api/client';
import { useToasts } from '../../components/Toasts';
import { ActionError } from '../incidents/ActionError';
import { useAction } from '../incidents/hooks';

type AlertDetailData = OpOutput<'alerts.get'>;

/** `user.name=alice, source.ip=10.0.0.1` → one `field=value` per line (the alert's group key as a start). */
function groupLines(groupKey: string): string {
  return groupKey
    .split(/[,;|]\s*|\s+(?=[\w.@-]+=)/)
    .map((s) => s.trim())
    .filter((s) => s.includes('='))
    .join('\n');
}

function parseFields(text: string): Record<string, string> | null {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const eq = line.indexOf('=');
    if (eq <= 0) return null;
    fields[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** A suppression for this alert's rule: matching fields, a required reason and a required expiry date. */
export function SuppressionsForm({ alert, onCreated, onCancel }: { alert: AlertDetailData; onCreated: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const action = useAction();
  const [fieldsText, setFieldsText] = useState(() => groupLines(alert.groupKey));
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(inAMonth);
  const fields = parseFields(fieldsText);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!fields || reason.trim().length < 3 || !expires) return;
    // The end of the chosen day, local time.
    const expiresAt = new Date(`${expires}T23:59:59`).toISOString();
    const row = await action.run(() => api.call('alerts.suppressions.create', { ruleId: alert.ruleId, fields, reason: reason.trim(), expiresAt }));
    if (!row) return;
    toasts.push({ kind: 'info', text: t('alertTriage.suppression.created', { id: row.id }) });
    onCreated();
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} data-testid="suppression-form">
      <h3>{t('alertTriage.suppression.title')}</h3>
      <p className="help">{t('alertTriage.suppression.help', { rule: alert.rule?.title ?? alert.ruleId })}</p>
      <div className="rules-form">
        <label>
          {t('alertTriage.suppression.fields')}
          <textarea rows={3} value={fieldsText} onChange={(e) => setFieldsText(e.target.value)} className="mono" data-testid="suppression-fields" />
        </label>
        <label>
          {t('alertTriage.suppression.reason')}
          <textarea rows={3} required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="suppression-reason" />
        </label>
        <label>
          {t('alertTriage.suppression.expires')}
          <input type="date" required value={expires} onChange={(e) => setExpires(e.target.value)} data-testid="suppression-expires" />
        </label>
      </div>
      {!fields && <p className="field-error">{t('alertTriage.suppression.fieldsInvalid')}</p>}
      <div className="button-row">
        <button type="submit" className="primary" disabled={action.busy || !fields || reason.trim().length < 3 || !expires} data-testid="suppression-create">
          {t('alertTriage.suppression.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('alertTriage.cancel')}
        </button>
      </div>
      <ActionError error={action.error} />
    </form>
  );
}
