import type { Theme } from '@contract';

/**
 * Light / dark themes are CSS variable sets selected by <html data-theme>.
 * `system` follows prefers-color-scheme live. The choice is mirrored in
 * localStorage so the lock screen uses it before settings can be read.
 */
const THEME_KEY = 'vigie.theme';
type Resolved = 'light' | 'dark';

let chosen: Theme = readStored();
const listeners = new Set<() => void>();
const media = window.matchMedia('(prefers-color-scheme: dark)');

function readStored(): Theme {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function resolvedTheme(): Resolved {
  if (chosen === 'system') return media.matches ? 'dark' : 'light';
  return chosen;
}

function paint(): void {
  const next = resolvedTheme();
  if (document.documentElement.dataset.theme !== next) {
    document.documentElement.dataset.theme = next;
    document.documentElement.style.colorScheme = next;
  }
  for (const l of [...listeners]) l();
}

export function applyTheme(theme: Theme): void {
  chosen = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage disabled
  }
  paint();
}

export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

media.addEventListener('change', () => {
  if (chosen === 'system') paint();
});
paint();

/** Reads a CSS custom property of the current theme (for chart colours). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
