import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDetail as Detail } from '@contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useFormat } from '../../hooks/useFormat';
import type { Formatters } from '../../i18n/format';

type Say = (key: string, fallback: string) => string;
type Field = [key: string, render: (e: Detail, fmt: Formatters, say: Say) => ReactNode];

const FIELDS: Field[] = [
  ['timestamp', (e, f) => f.dateTime(e['@timestamp'])],
  ['ingested', (e, f) => f.dateTime(e['event.ingested'])],
  ['severity', (e) => <SeverityBadge severity={e['event.severity']} />],
  ['service', (e) => e['service.name']],
  ['dataset', (e) => e['event.dataset']],
  ['category', (e) => e['event.category']],
  ['action', (e) => e['event.action']],
  ['outcome', (e, _f, say) => say(`events.outcome.${e['event.outcome']}`, e['event.outcome'])],
  ['host', (e) => e['host.name'] ?? '—'],
  ['process', (e) => e['process.name'] ?? '—'],
  ['userId', (e) => e['user.id'] ?? '—'],
  ['user', (e) => e['user.name'] ?? '—'],
  ['roles', (e) => e['user.roles'] ?? '—'],
  ['sourceIp', (e) => e['source.ip'] ?? '—'],
  ['destinationIp', (e) => e['destination.ip'] ?? '—'],
  ['patient', (e) => e['health.patient.pseudonym'] ?? '—'],
  ['object', (e) => e['health.object'] ?? '—'],
  ['purpose', (e) => e['health.purpose_of_use'] ?? '—'],
  ['breakGlass', (e, _f, say) => say(e['health.break_glass'] ? 'common.yes' : 'common.no', '')],
  ['message', (e) => e.message],
];

/** One event in full, including its original bytes as received. */
export function EventDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const query = useApiQuery('events.get', { id });
  const say: Say = (key, fallback) => t(key, { defaultValue: fallback });
  const event = query.data?.id === id ? query.data : undefined;
  const attributes = event && Object.keys(event.attributes).length > 0 ? JSON.stringify(event.attributes, null, 2) : null;

  return (
    <aside className="detail card" data-testid="event-detail" aria-label={t('events.detail.title')}>
      <div className="detail-head">
        <h2>{t('events.detail.title')}</h2>
        <button type="button" onClick={onClose} data-testid="event-detail-close">
          {t('common.close')}
        </button>
      </div>
      <ErrorMessage error={query.error} />
      {!event && query.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {event && (
        <>
          <dl className="fields">
            {FIELDS.map(([key, render]) => (
              <div key={key}>
                <dt>{t(`events.fields.${key}`)}</dt>
                <dd>{render(event, fmt, say)}</dd>
              </div>
            ))}
          </dl>
          <h3>{t('events.detail.original')}</h3>
          <pre className="original" data-testid="event-original">
            {event['event.original']}
          </pre>
          {attributes && (
            <>
              <h3>{t('events.detail.attributes')}</h3>
              <pre className="original">{attributes}</pre>
            </>
          )}
        </>
      )}
    </aside>
  );
}
