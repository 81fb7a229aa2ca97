import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../hooks/useFormat';

const UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const;

/** Sizes for people, in binary units named in the interface language (Kio / KiB). */
export function useBytes(): (n: number) => string {
  const { t } = useTranslation();
  const fmt = useFormat();
  return useCallback(
    (n: number) => {
      let v = n;
      let i = 0;
      while (v >= 1024 && i < UNITS.length - 1) {
        v /= 1024;
        i++;
      }
      return `${fmt.number(i === 0 ? v : Math.round(v * 10) / 10)} ${t(`incidents.units.${UNITS[i]}`)}`;
    },
    [t, fmt],
  );
}
