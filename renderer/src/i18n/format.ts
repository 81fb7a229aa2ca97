import type { Locale } from '@contract';

/** All dates are shown in the task force's time zone, whatever the machine's. */
export const DISPLAY_TIME_ZONE = 'Europe/Paris';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export function localeTag(locale: Locale): string {
  return TAGS[locale];
}

export function makeFormatters(locale: Locale) {
  const tag = localeTag(locale);
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'medium', timeZone: DISPLAY_TIME_ZONE });
  const hour = new Intl.DateTimeFormat(tag, {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: DISPLAY_TIME_ZONE,
  });
  const day = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: DISPLAY_TIME_ZONE });
  const number = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const valid = (iso: string) => !Number.isNaN(Date.parse(iso));
  return {
    dateTime: (iso: string | null | undefined) => (iso && valid(iso) ? dateTime.format(new Date(iso)) : '—'),
    bucket: (iso: string, unit: 'hour' | 'day') => (valid(iso) ? (unit === 'hour' ? hour : day).format(new Date(iso)) : iso),
    number: (n: number) => number.format(n),
    percent: (ratio: number) => percent.format(ratio),
  };
}

export type Formatters = ReturnType<typeof makeFormatters>;
