import { useEffect, useState } from 'react';

export const ROUTES = ['dashboard', 'events', 'alerts', 'incidents', 'risks', 'compliance', 'sources', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'dashboard';
}

export function routeHref(route: Route): string {
  return `#/${route}`;
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
