import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@contract';
import { makeFormatters, type Formatters } from '../i18n/format';

/** Intl formatters for the current language, Europe/Paris time. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'fr';
  return useMemo(() => makeFormatters(locale), [locale]);
}
