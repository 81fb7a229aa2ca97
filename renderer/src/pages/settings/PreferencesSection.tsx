import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Theme } from '@contract';
import { useSession } from '../../app/session';
import { LanguageSelect } from '../../components/LanguageSelect';

const THEMES: Theme[] = ['light', 'dark', 'system'];
const MAX_IDLE_MINUTES = 24 * 60;

export function PreferencesSection() {
  const { t } = useTranslation();
  const { settings, updateSettings } = useSession();
  const [idle, setIdle] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (settings) setIdle(String(settings.idleLockMinutes));
  }, [settings]);

  const idleValue = Number(idle);
  const idleValid = idle.trim() !== '' && Number.isInteger(idleValue) && idleValue >= 0 && idleValue <= MAX_IDLE_MINUTES;

  async function saveIdle(e: FormEvent) {
    e.preventDefault();
    if (!idleValid) return;
    await updateSettings({ idleLockMinutes: idleValue });
    setSaved(true);
  }

  return (
    <section className="card" data-testid="settings-preferences">
      <h2>{t('settings.preferences')}</h2>
      <LanguageSelect onChanged={(locale) => void updateSettings({ locale })} />
      <div className="field field-inline">
        <label htmlFor="settings-theme">{t('settings.theme.label')}</label>
        <select
          id="settings-theme"
          data-testid="theme-select"
          value={settings?.theme ?? 'system'}
          disabled={!settings}
          onChange={(e) => void updateSettings({ theme: e.target.value as Theme })}
        >
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`settings.theme.${theme}`)}
            </option>
          ))}
        </select>
      </div>
      <form className="field field-inline" onSubmit={(e) => void saveIdle(e)}>
        <label htmlFor="settings-idle">{t('settings.idle.label')}</label>
        <input
          id="settings-idle"
          data-testid="idle-input"
          type="number"
          min={0}
          max={MAX_IDLE_MINUTES}
          step={1}
          value={idle}
          disabled={!settings}
          aria-invalid={!idleValid}
          aria-describedby="settings-idle-help"
          onChange={(e) => {
            setIdle(e.target.value);
            setSaved(false);
          }}
        />
        <button type="submit" data-testid="idle-save" disabled={!settings || !idleValid}>
          {t('common.save')}
        </button>
        {saved && (
          <span className="muted" role="status" data-testid="idle-saved">
            {t('common.saved')}
          </span>
        )}
      </form>
      <p id="settings-idle-help" className="help">
        {t('settings.idle.help', { max: MAX_IDLE_MINUTES })}
      </p>
    </section>
  );
}
