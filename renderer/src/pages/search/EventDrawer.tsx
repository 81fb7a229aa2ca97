import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useFormat } from '../../hooks/useFormat';
import type { Formatters } from '../../i18n/format';
import { detailFields, type DetailField } from './fields';
import { FilterValue, type FilterValueType } from './filter';

function shown(f: DetailField, fmt: Formatters): string {
  if (f.field === '@timestamp' || f.field === 'event.ingested') return fmt.dateTime(String(f.value));
  if (f.value === null || f.value === undefined || f.value === '') return '—';
  return typeof f.value === 'object' ? JSON.stringify(f.value) : String(f.value);
}

/** One event in full: every field (each value adds a filter when clicked) and the original event as received. */
export function EventDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const query = useApiQuery('events.get', { id });
  const event = query.data?.id === id ? query.data : undefined;
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="drawer card" data-testid="search-detail" aria-label={t('search.detail.title')}>
      <div className="detail-head">
        <h2>{t('search.detail.title')}</h2>
        <button type="button" ref={closeRef} onClick={onClose} data-testid="search-detail-close">
          {t('common.close')}
        </button>
      </div>
      <p className="help">{t('search.detail.hint')}</p>
      <ErrorMessage error={query.error} />
      {!event && query.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {event && (
        <>
          <dl className="fields detail-fields">
            {detailFields(event).map((f) => (
              <div key={f.field} data-testid="detail-field" data-field={f.field}>
                <dt className="mono">{f.field}</dt>
                <dd>
                  {f.field === 'event.severity' ? (
                    <FilterValue field={f.field} value={event['event.severity']}>
                      <SeverityBadge severity={event['event.severity']} />
                    </FilterValue>
                  ) : f.filterable ? (
                    <FilterValue field={f.field} value={f.value as FilterValueType}>
                      {shown(f, fmt)}
                    </FilterValue>
                  ) : (
                    shown(f, fmt)
                  )}
                </dd>
              </div>
            ))}
          </dl>
          <h3>{t('search.detail.original')}</h3>
          <pre className="original" data-testid="search-original">
            {event['event.original']}
          </pre>
        </>
      )}
    </aside>
  );
}
