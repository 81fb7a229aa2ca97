import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpInput, OpOutput } from '@contract';
import { api } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { SectionEmpty } from '../../components/SectionEmpty';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Pager } from '../../components/Pager';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useFormat } from '../../hooks/useFormat';
import { downloadText } from '../../files';
import { incidentHref } from '../incidents/route';

type Entry = OpOutput<'legal.register.list'>['items'][number];
type Status = NonNullable<OpInput<'legal.register.list'>['status']>;
const STATUSES: Status[] = ['all', 'notified', 'not_notified', 'not_required'];
const PAGE_SIZE = 100;

/** Register of personal-data breaches (GDPR Art. 33(5)): every breach, notified or not, with its facts and status. */
export function BreachRegister() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [status, setStatus] = useState<Status>('all');
  const [offset, setOffset] = useState(0);
  const [exportError, setExportError] = useState<unknown>(null);
  const list = useApiQuery('legal.register.list', { limit: PAGE_SIZE, offset, status });
  const page = list.data;

  const exportCsv = async () => {
    setExportError(null);
    try {
      const file = await api.call('legal.register.export', {});
      downloadText(file.filename, file.mime, file.content);
    } catch (e) {
      setExportError(e);
    }
  };

  const state = (e: Entry) =>
    !e.notificationRequired ? 'not_required' : e.notifiedAt ? (e.late ? 'notified_late' : 'notified') : e.late ? 'overdue' : 'pending';
  const columns: Column<Entry>[] = [
    { key: 'ref', header: t('compliance.register.columns.ref'), render: (e) => <strong>{e.ref}</strong> },
    {
      key: 'incident',
      header: t('compliance.register.columns.incident'),
      render: (e) => <a href={incidentHref(e.incidentId, 'legal')}>{t('compliance.register.incident', { id: e.incidentId, title: e.incidentTitle })}</a>,
    },
    { key: 'aware', header: t('compliance.register.columns.awareAt'), render: (e) => fmt.dateTime(e.awareAt) },
    { key: 'nature', header: t('compliance.register.columns.nature'), render: (e) => e.nature || '—' },
    {
      key: 'subjects',
      header: t('compliance.register.columns.subjects'),
      render: (e) => (e.subjectsApprox == null ? '—' : fmt.number(e.subjectsApprox)),
      className: 'num',
    },
    { key: 'risk', header: t('compliance.register.columns.risk'), render: (e) => t(`compliance.register.risk.${e.risk}`) },
    { key: 'due', header: t('compliance.register.columns.dueAt'), render: (e) => e.clock.dueAtParis ?? '—' },
    { key: 'notified', header: t('compliance.register.columns.notifiedAt'), render: (e) => fmt.dateTime(e.notifiedAt) },
    {
      key: 'status',
      header: t('compliance.register.columns.status'),
      render: (e) => (
        <span className="state" data-testid="register-status" data-status={state(e)}>
          {t(`compliance.register.status.${state(e)}`)}
        </span>
      ),
    },
    { key: 'subjectsNotified', header: t('compliance.register.columns.subjectsNotifiedAt'), render: (e) => fmt.dateTime(e.subjectsNotifiedAt) },
  ];

  if (page && page.total === 0 && status === 'all') return <SectionEmpty section="compliance" />;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="breach-register">
      <h2 id={`${id}-h`}>{t('compliance.register.title')}</h2>
      <p className="help">{t('compliance.register.intro')}</p>
      <div className="button-row register-tools">
        <label htmlFor={`${id}-status`}>{t('compliance.register.filter')}</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status);
            setOffset(0);
          }}
          data-testid="register-filter"
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`compliance.register.filters.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void exportCsv()} data-testid="register-export">
          {t('compliance.register.export')}
        </button>
      </div>
      <ErrorMessage error={list.error ?? exportError} />
      {!page && list.loading && <p aria-busy="true">{t('common.loading')}</p>}
      {page && page.total === 0 && status !== 'all' && <p className="muted">{t('compliance.register.noneFiltered')}</p>}
      {page && page.total > 0 && (
        <>
          <DataTable label={t('compliance.register.title')} columns={columns} rows={page.items} rowKey={(e) => e.id} testId="register-table" />
          <Pager offset={offset} limit={PAGE_SIZE} total={page.total} onChange={setOffset} />
        </>
      )}
    </section>
  );
}
