import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { routeHref, useHashTab } from '../hooks/useHashRoute';
import { ImportsSection } from './ImportsSection';
import { QuarantineSection } from './QuarantineSection';
import { SourcesSection } from './sources/SourcesSection';

const TABS = ['list', 'imports', 'quarantine'] as const;
type Tab = (typeof TABS)[number];

/** Sources (listeners, connectors, watched folders), file imports and the quarantine, as three tabs. */
export function SourcesPage() {
  const { t } = useTranslation();
  const tab = useHashTab<Tab>(TABS, 'list');
  return (
    <div className="page" data-testid="page-sources">
      <PageHeader title={t('sources.title')} />
      <nav className="tabs" aria-label={t('sources.tabs.label')}>
        {TABS.map((name) => (
          <a
            key={name}
            href={routeHref('sources', name === 'list' ? undefined : name)}
            aria-current={name === tab ? 'page' : undefined}
            data-testid={`sources-tab-${name}`}
          >
            {t(`sources.tabs.${name}`)}
          </a>
        ))}
      </nav>
      {tab === 'list' && <SourcesSection />}
      {tab === 'imports' && <ImportsSection />}
      {tab === 'quarantine' && <QuarantineSection />}
    </div>
  );
}
