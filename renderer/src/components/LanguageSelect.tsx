import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@contract';
import { applyLocale, currentLocale, LOCALES } from '../i18n';

/** Language picker; works before unlock (device-local), `onChanged` lets Paramètres persist it. */
export function LanguageSelect({ onChanged }: { onChanged?: (locale: Locale) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{t('lang.label')}</label>
      <select
        id={id}
        data-testid="language-select"
        value={currentLocale()}
        onChange={(e) => {
          const locale = e.target.value as Locale;
          void applyLocale(locale).then(() => onChanged?.(locale));
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale}>
            {t(`lang.${locale}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
