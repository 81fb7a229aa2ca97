import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { api } from '../../api/client';
import { useFormat } from '../../hooks/useFormat';
import { ActionError } from '../incidents/ActionError';
import { useAction } from '../incidents/hooks';

type AlertDetailData = OpOutput<'alerts.get'>;

interface Props {
  alertId: number;
  comments: AlertDetailData['comments'];
  canWrite: boolean;
  onAdded: () => void;
}

/** The analysts' notes on an alert, oldest first, and a box to add one. */
export function AlertDetailComments({ alertId, comments, canWrite, onAdded }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const action = useAction();
  const [text, setText] = useState('');

  async function add() {
    if (!text.trim()) return;
    if (!(await action.run(() => api.call('alerts.comment', { id: alertId, text: text.trim() })))) return;
    setText('');
    onAdded();
  }

  return (
    <section data-testid="alert-comments">
      <h3>{t('alertTriage.comments.title')}</h3>
      {comments.length === 0 && <p className="muted">{t('alertTriage.comments.none')}</p>}
      <ul className="comment-list">
        {comments.map((c) => (
          <li key={c.id} data-testid="alert-comment">
            <div className="muted">
              {c.author} · {fmt.dateTime(c.at)}
            </div>
            <div className="comment-text">{c.text}</div>
          </li>
        ))}
      </ul>
      {canWrite && (
        <>
          <label htmlFor={id}>{t('alertTriage.comments.new')}</label>
          <textarea id={id} rows={3} value={text} maxLength={10_000} onChange={(e) => setText(e.target.value)} data-testid="alert-comment-text" />
          <div className="button-row">
            <button type="button" disabled={action.busy || !text.trim()} onClick={() => void add()} data-testid="alert-comment-add">
              {t('alertTriage.comments.add')}
            </button>
          </div>
          <ActionError error={action.error} />
        </>
      )}
    </section>
  );
}
