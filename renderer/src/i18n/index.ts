import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@contract';
import en from './en.json';
import fr from './fr.json';

type Tree = { [key: string]: unknown };

/**
 * Feature strings live in `<lang>/<feature>.json` files (one per feature, so features never edit the same
 * file), merged over the base `<lang>.json`.
 */
function withFeatures(base: Tree, modules: Record<string, unknown>): Tree {
  const merged: Tree = structuredClone(base);
  for (const mod of Object.values(modules)) deepMerge(merged, ((mod as { default?: Tree }).default ?? mod) as Tree);
  return merged;
}

function deepMerge(into: Tree, from: Tree): void {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)) {
      deepMerge(cur as Tree, v as Tree);
    } else {
      into[k] = v;
    }
  }
}

const frFeatures = import.meta.glob('./fr/*.json', { eager: true });
const enFeatures = import.meta.glob('./en/*.json', { eager: true });

const LOCALE_KEY = 'vigie.locale';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** The language chosen last on this device: used before the vault is unlocked. */
export function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    fr: { translation: withFeatures(fr, frFeatures) },
    en: { translation: withFeatures(en, enFeatures) },
  },
  lng: storedLocale(),
  fallbackLng: 'fr',
  supportedLngs: ['fr', 'en'],
  initAsync: false,
  showSupportNotice: false,
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // storage disabled: the choice lasts for this session only
  }
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

const CHOSEN_KEY = 'vigie.localeChosenBeforeUnlock';

/** The operator picked a language on the create/unlock screen: the vault's settings will adopt it. */
export function markLocaleChosenBeforeUnlock(): void {
  try {
    sessionStorage.setItem(CHOSEN_KEY, '1');
  } catch {
    // storage disabled: the vault's setting wins
  }
}

/** The language picked before unlock, once (then forgotten), or null. */
export function takeLocaleChosenBeforeUnlock(): Locale | null {
  try {
    if (sessionStorage.getItem(CHOSEN_KEY) !== '1') return null;
    sessionStorage.removeItem(CHOSEN_KEY);
  } catch {
    return null;
  }
  return currentLocale();
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'fr';
}

export default i18n;

/** The first of `keys` that names a sentence (not a sub-tree) in the current language. */
export function firstTextKey(keys: string[]): string | undefined {
  return keys.find((k) => i18n.exists(k) && typeof i18n.t(k, { returnObjects: true }) === 'string');
}
