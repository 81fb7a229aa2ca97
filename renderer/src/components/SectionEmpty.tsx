import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState';

/**
 * The empty state of a section with nothing to show yet: `<section>.empty.title` / `.body`
 * and, when the section lists them, its next steps (`<section>.next`). No fake content.
 */
export function SectionEmpty({ section }: { section: 'risks' | 'compliance' }) {
  const { t } = useTranslation();
  const steps = t(`${section}.next`, { returnObjects: true }) as unknown;
  return (
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
  );
}
