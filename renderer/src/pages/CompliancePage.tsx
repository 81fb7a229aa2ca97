import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { BreachRegister } from './compliance/BreachRegister';

/** Conformité: the register of personal-data breaches (GDPR Art. 33(5)). */
export function CompliancePage() {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid="page-compliance">
      <PageHeader title={t('compliance.title')} />
      <BreachRegister />
    </div>
  );
}
