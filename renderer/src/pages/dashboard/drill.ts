import { useCallback } from 'react';
import { searchHref } from '../search/query';
import type { Drill, Drillable, PanelTarget } from './types';

/** Section each panel target opens; the list sections receive the query as `?q=` in the same syntax. */
const LIST_ROUTE: Record<Exclude<PanelTarget, 'search'>, string> = { alerts: 'alerts', incidents: 'incidents', legal: 'incidents' };

/** Where a click on a panel element leads: the search with its query over the dashboard's window, or the matching list. */
export function drillHref(item: Drillable, range: { from: string; to: string }): string {
  const target = item.target ?? 'search';
  if (target === 'search') return searchHref({ query: item.query, from: range.from, to: range.to });
  return `#/${LIST_ROUTE[target]}?${new URLSearchParams({ q: item.query }).toString()}`;
}

/** Opens a panel element's query (see `drillHref`). */
export function useDrill(range: { from: string; to: string }): Drill {
  return useCallback((item: Drillable) => {
    window.location.hash = drillHref(item, range);
  }, [range]);
}
