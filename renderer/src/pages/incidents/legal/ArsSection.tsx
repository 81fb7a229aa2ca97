import { useTranslation } from 'react-i18next';
import type { ArsCriterion, ArsRecord } from '../types';
import { ArsDeclaration } from './ArsDeclaration';
import { ArsDraftPanel } from './ArsDraftPanel';
import { ArsFormFields } from './ArsFormFields';
import { ArsQualification } from './ArsQualification';
import { ClockPanel } from './ClockPanel';

interface Props {
  incidentId: number;
  criteria: ArsCriterion[];
  record: ArsRecord | null;
  canWrite: boolean;
  onChange: (r: ArsRecord) => void;
  /** The incident changed outside the record (history of the draft). */
  onIncidentChange: () => void;
}

/** Declaration to the ARS / CERT Santé « sans délai » (CSP art. L. 1111-8-2): qualify, prepare, declare. */
export function ArsSection({ incidentId, criteria, record, canWrite, onChange, onIncidentChange }: Props) {
  const { t } = useTranslation();
  const key = record?.updatedAt ?? 'none';
  return (
    <section className="card legal-section" aria-labelledby="ars-title" data-testid="ars-section">
      <h2 id="ars-title">{t('incidents.ars.title')}</h2>
      <p className="help">{t('incidents.ars.intro')}</p>
      {record && <ClockPanel clock={record.clock} testId="ars-clock" />}
      <ArsQualification key={`q-${key}`} incidentId={incidentId} criteria={criteria} record={record} canWrite={canWrite} onChange={onChange} />
      <ArsFormFields key={`f-${key}`} incidentId={incidentId} record={record} canWrite={canWrite} onChange={onChange} />
      <ArsDraftPanel incidentId={incidentId} onBuilt={onIncidentChange} />
      <ArsDeclaration key={`d-${key}`} incidentId={incidentId} record={record} canWrite={canWrite} onChange={onChange} />
    </section>
  );
}
