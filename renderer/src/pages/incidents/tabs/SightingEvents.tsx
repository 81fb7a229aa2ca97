import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../hooks/useFormat';
import type { LinkedEvent } from '../types';

/** Events linked to the incident by a sightings search of one observable (most recent first). */
export function SightingEvents({ events }: { events: LinkedEvent[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (events.length === 0) return <p className="muted">{t('incidents.observables.noEvents')}</p>;
  return (
    <ul className="sighting-events" data-testid="sighting-events">
      {events.map((e) => (
        <li key={e.eventId}>
          <time dateTime={e.at}>{fmt.dateTime(e.at)}</time> <strong>{e.service}</strong> {e.action}
          {e.userName && ` · ${e.userName}`}
          {e.sourceIp && ` · ${e.sourceIp}`}
          <span className="muted"> — {e.message}</span>
        </li>
      ))}
    </ul>
  );
}
