import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';

/** Turns any error into a sentence in the current language, chosen by its code. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiCallError && i18n.exists(`errors.${error.code}`)) return t(`errors.${error.code}`);
      return t('errors.unknown');
    },
    [t, i18n],
  );
}
