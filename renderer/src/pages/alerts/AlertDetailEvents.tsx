import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventRow } from '@contract';
import { DataTable, type Column } from '../../components/DataTable';
import { useFormat } from '../../hooks/useFormat';
import { EventDetail } from '../events/EventDetail';

/** The events behind an alert; one opens in the event detail (with its original). */
export function AlertDetailEvents({ events, total }: { events: EventRow[]; total: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, setOpen] = useState<number | null>(null);

  const columns: Column<EventRow>[] = [
    {
      key: 'at',
      header: t('alertTriage.events.at'),
      render: (e) => (
        <button type="button" className="link-button" onClick={() => setOpen(e.id)} data-testid="alert-event-open">
          {fmt.dateTime(e['@timestamp'])}
        </button>
      ),
    },
    { key: 'service', header: t('alertTriage.events.service'), render: (e) => e['service.name'] },
    { key: 'action', header: t('alertTriage.events.action'), render: (e) => e['event.action'] },
    { key: 'outcome', header: t('alertTriage.events.outcome'), render: (e) => e['event.outcome'] },
    { key: 'user', header: t('alertTriage.events.user'), render: (e) => e['user.name'] ?? '—' },
    { key: 'ip', header: t('alertTriage.events.sourceIp'), render: (e) => e['source.ip'] ?? '—' },
    { key: 'patient', header: t('alertTriage.events.patient'), render: (e) => e['health.patient.pseudonym'] ?? '—' },
    { key: 'message', header: t('alertTriage.events.message'), render: (e) => e.message },
  ];

  return (
    <section data-testid="alert-events">
      <h3>{t('alertTriage.events.title', { shown: fmt.number(events.length), total: fmt.number(total) })}</h3>
      {events.length === 0 ? (
        <p className="muted">{t('alertTriage.events.none')}</p>
      ) : (
        <DataTable label={t('alertTriage.events.label')} columns={columns} rows={events} rowKey={(e) => e.id} testId="alert-events-table" />
      )}
      {open !== null && <EventDetail id={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
