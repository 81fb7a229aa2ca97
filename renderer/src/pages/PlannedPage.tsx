import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';

/**
 * A section whose data does not exist yet: say what it will hold and what to
 * do meanwhile. No fake content.
 */
export function PlannedPage({ section }: { section: 'risks' | 'compliance' }) {
  const { t } = useTranslation();
  const steps = t(`${section}.next`, { returnObjects: true }) as unknown;
  return (
    <div className="page" data-testid={`page-${section}`}>
      <PageHeader title={t(`${section}.title`)} />
      <EmptyState title={t(`${section}.empty.title`)} testId={`${section}-empty`}>
        <p>{t(`${section}.empty.body`)}</p>
        {Array.isArray(steps) && (
          <>
            <h3>{t('common.nextSteps')}</h3>
            <ul>
              {steps.map((step) => (
                <li key={String(step)}>{String(step)}</li>
              ))}
            </ul>
          </>
        )}
      </EmptyState>
    </div>
  );
}
