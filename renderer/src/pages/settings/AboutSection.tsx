import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApiQuery } from '../../hooks/useApiQuery';

export function AboutSection() {
  const { t } = useTranslation();
  const info = useApiQuery('app.info', {});
  const data = info.data;
  return (
    <section className="card" data-testid="settings-about">
      <h2>{t('settings.about.title')}</h2>
      <ErrorMessage error={info.error} />
      {data && (
        <dl className="fields">
          <div>
            <dt>{t('settings.about.version')}</dt>
            <dd data-testid="app-version">{`${data.name} ${data.version}`}</dd>
          </div>
          <div>
            <dt>{t('settings.about.mode')}</dt>
            <dd>{t(`settings.about.modes.${data.mode}`)}</dd>
          </div>
          <div>
            <dt>{t('settings.about.platform')}</dt>
            <dd>{data.platform}</dd>
          </div>
          <div>
            <dt>{t('settings.about.dataDir')}</dt>
            <dd>
              <code data-testid="data-dir">{data.dataDir}</code>
            </dd>
          </div>
          <div>
            <dt>{t('settings.about.logDir')}</dt>
            <dd>
              <code>{data.logDir}</code>
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
