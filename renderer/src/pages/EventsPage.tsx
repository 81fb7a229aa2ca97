import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { useApiQuery } from '../hooks/useApiQuery';
import { EventDetail } from './events/EventDetail';
import { EventsTable } from './events/EventsTable';

const PAGE_SIZE = 200;

export function EventsPage() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const list = useApiQuery('events.list', { limit: PAGE_SIZE, offset });
  const page = list.data;

  return (
    <div className="page" data-testid="page-events">
      <PageHeader title={t('events.title')}>
        <button type="button" onClick={list.reload}>
          {t('common.refresh')}
        </button>
      </PageHeader>
      <ErrorMessage error={list.error} />
      {!page && list.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {page && page.total === 0 && (
        <EmptyState title={t('events.empty.title')} testId="events-empty">
          <p>{t('events.empty.body')}</p>
          <p className="links">
            <a href="#/dashboard">{t('events.empty.toDashboard')}</a>
            <a href="#/sources">{t('events.empty.toSources')}</a>
          </p>
        </EmptyState>
      )}
      {page && page.total > 0 && (
        <>
          <div className={selected === null ? 'split' : 'split with-detail'}>
            <EventsTable rows={page.items} selected={selected} onSelect={setSelected} compact={selected !== null} />
            {selected !== null && <EventDetail id={selected} onClose={() => setSelected(null)} />}
          </div>
          <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} />
        </>
      )}
    </div>
  );
}
