import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';
import { PageHeader } from '../components/PageHeader';
import { canRunJobs, canSeeJobs } from '../domain';
import { AboutSection } from './settings/AboutSection';
import { JobsSection } from './settings/JobsSection';
import { PreferencesSection } from './settings/PreferencesSection';

export function SettingsPage() {
  const { t } = useTranslation();
  const { status, lock } = useSession();
  const role = status.operator?.role;
  return (
    <div className="page" data-testid="page-settings">
      <PageHeader title={t('settings.title')} />
      <PreferencesSection />
      <section className="card">
        <h2>{t('settings.security.title')}</h2>
        <p>{t('settings.security.body')}</p>
        <button type="button" data-testid="settings-lock" onClick={() => void lock()}>
          {t('settings.security.lockNow')}
        </button>
      </section>
      <AboutSection />
      {canSeeJobs(role) && <JobsSection canRun={canRunJobs(role)} />}
    </div>
  );
}
