import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { SectionEmpty } from '../components/SectionEmpty';

/**
 * A section whose data does not exist yet: say what it will hold and what to
 * do meanwhile. No fake content.
 */
export function PlannedPage({ section }: { section: 'risks' | 'compliance' }) {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid={`page-${section}`}>
      <PageHeader title={t(`${section}.title`)} />
      <SectionEmpty section={section} />
    </div>
  );
}
