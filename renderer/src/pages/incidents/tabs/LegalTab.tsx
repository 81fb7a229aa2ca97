import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useApiQuery } from '../../../hooks/useApiQuery';
import type { TabProps } from '../DetailTabs';
import { ArsSection } from '../legal/ArsSection';
import { GdprSection } from '../legal/GdprSection';
import type { ArsRecord, BreachRecord } from '../types';

/** Obligations légales: ARS / CERT Santé declaration and GDPR breach (CNIL 72 h, Art. 34). */
export function LegalTab({ incident, reload, canWrite }: TabProps) {
  const { t } = useTranslation();
  const criteria = useApiQuery('legal.criteria', {});
  const arsQuery = useApiQuery('legal.ars.get', { incidentId: incident.id });
  const gdprQuery = useApiQuery('legal.gdpr.get', { incidentId: incident.id });
  const [ars, setArs] = useState<ArsRecord | null | undefined>(undefined);
  const [gdpr, setGdpr] = useState<BreachRecord | null | undefined>(undefined);
  useEffect(() => setArs(arsQuery.data?.record), [arsQuery.data]);
  useEffect(() => setGdpr(gdprQuery.data?.record), [gdprQuery.data]);

  const error = criteria.error ?? arsQuery.error ?? gdprQuery.error;
  if (error) return <ErrorMessage error={error} />;
  if (!criteria.data || ars === undefined || gdpr === undefined) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <div className="legal-tab">
      <ArsSection
        incidentId={incident.id}
        criteria={criteria.data}
        record={ars}
        canWrite={canWrite}
        onChange={(r) => {
          setArs(r);
          reload();
        }}
        onIncidentChange={reload}
      />
      <GdprSection
        incidentId={incident.id}
        record={gdpr}
        canWrite={canWrite}
        onChange={(r) => {
          setGdpr(r);
          reload();
        }}
      />
    </div>
  );
}
