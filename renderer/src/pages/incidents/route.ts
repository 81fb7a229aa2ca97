import { useEffect, useState } from 'react';

export const DETAIL_TABS = ['summary', 'tasks', 'timeline', 'evidence', 'observables', 'legal', 'history', 'exports', 'links'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

export interface IncidentRoute {
  /** null: the list. */
  id: number | null;
  tab: DetailTab;
  /** The list's `?q=` (dashboard drill-down), '' when absent. */
  query: string;
}

export function parseIncidentRoute(hash: string): IncidentRoute {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [, idPart, tabPart] = path.split('/');
  const id = idPart && /^\d+$/.test(idPart) ? Number(idPart) : null;
  const tab = (DETAIL_TABS as readonly string[]).includes(tabPart ?? '') ? (tabPart as DetailTab) : 'summary';
  return { id, tab, query: new URLSearchParams(search).get('q') ?? '' };
}

export function incidentHref(id: number, tab: DetailTab = 'summary'): string {
  return tab === 'summary' ? `#/incidents/${id}` : `#/incidents/${id}/${tab}`;
}

export function listHref(): string {
  return '#/incidents';
}

/** `#/incidents`, `#/incidents/<id>` and `#/incidents/<id>/<tab>`, followed as the address changes. */
export function useIncidentRoute(): IncidentRoute {
  const [route, setRoute] = useState(() => parseIncidentRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseIncidentRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
