import { useTranslation } from 'react-i18next';
import type { OpOutput } from '@contract';
import { useFormat } from '../../hooks/useFormat';

type AlertDetailData = OpOutput<'alerts.get'>;

type Entry = AlertDetailData['history'][number];

/** Who changed what on the alert, and when (statuses shown in words). */
export function AlertDetailHistory({ history }: { history: Entry[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const value = (e: Entry, v: string | null) => {
    if (v === null || v === '') return '—';
    return e.field === 'status' ? t(`alertStatus.${v}`, { defaultValue: v }) : v;
  };
  return (
    <section data-testid="alert-history">
      <h3>{t('alertTriage.history.title')}</h3>
      {history.length === 0 && <p className="muted">{t('alertTriage.history.none')}</p>}
      <ul className="history-list">
        {history.map((e) => (
          <li key={e.id} data-testid="alert-history-entry" data-field={e.field}>
            <span className="muted">
              {fmt.dateTime(e.at)} · <span data-testid="alert-history-actor">{e.actor}</span>
            </span>{' '}
            <strong>{t(`alertTriage.history.field.${e.field}`)}</strong>{' '}
            <span data-testid="alert-history-from">{value(e, e.from)}</span> → <span data-testid="alert-history-to">{value(e, e.to)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
