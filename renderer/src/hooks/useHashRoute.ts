import { useEffect, useState } from 'react';

export const ROUTES = ['dashboard', 'search', 'events', 'traces', 'alerts', 'rules', 'incidents', 'risks', 'compliance', 'sources', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'dashboard';
}

export function routeHref(route: Route, sub?: string): string {
  return sub ? `#/${route}/${sub}` : `#/${route}`;
}

/** The part after the section (`#/sources/quarantine` → 'quarantine'), or ''. */
function subOf(hash: string): string {
  return hash.replace(/^#\/?/, '').split('?')[0].split('/')[1] ?? '';
}

/** A section's own tab, kept in the address (`#/<section>/<tab>`) so it can be linked to. */
export function useHashTab<T extends string>(tabs: readonly T[], fallback: T): T {
  const pick = () => {
    const sub = subOf(window.location.hash);
    return (tabs as readonly string[]).includes(sub) ? (sub as T) : fallback;
  };
  const [tab, setTab] = useState<T>(pick);
  useEffect(() => {
    const onChange = () => setTab(pick());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return tab;
}

/** Hash routing (#/events …): works from file:// in Electron and over the bridge alike. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** A parameter of the address's query (`#/alerts?q=…` → `useHashParam('q')`), '' when absent; follows the address. */
export function useHashParam(name: string): string {
  const read = () => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get(name) ?? '';
  const [value, setValue] = useState(read);
  useEffect(() => {
    const onChange = () => setValue(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return value;
}
