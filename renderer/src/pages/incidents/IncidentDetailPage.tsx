import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApiQuery } from '../../hooks/useApiQuery';
import { DetailHeader } from './DetailHeader';
import { DetailTabs } from './DetailTabs';
import { useCanWrite, useNow } from './hooks';
import type { DetailTab } from './route';

/** One incident: header, tabs addressed by `#/incidents/<id>/<tab>`. */
export function IncidentDetailPage({ id, tab }: { id: number; tab: DetailTab }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const minute = useNow(60_000);
  const detail = useApiQuery('incidents.get', { id });
  const deadlines = useApiQuery('legal.deadlines', { incidentId: id }, { refreshKey: minute });
  const incident = detail.data?.id === id ? detail.data : undefined;
  const reload = () => {
    detail.reload();
    deadlines.reload();
  };

  return (
    <div className="page incident-detail" data-testid="page-incidents">
      {incident ? (
        <>
          <DetailHeader incident={incident} deadlines={deadlines.data ?? []} />
          <DetailTabs incident={incident} tab={tab} reload={reload} canWrite={canWrite && incident.mergedInto == null} />
        </>
      ) : (
        <>
          <h1 data-testid="page-heading">{t('incidents.ref', { id })}</h1>
          {detail.loading && <p aria-busy="true">{t('common.loading')}</p>}
        </>
      )}
      <ErrorMessage error={detail.error} testId="incident-error" />
    </div>
  );
}
