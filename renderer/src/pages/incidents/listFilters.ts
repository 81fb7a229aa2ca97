import type { IncidentRow, Severity } from '@contract';
import type { Phase, Tlp } from './types';

export type StateFilter = 'all' | 'open' | 'closed';

export interface ListFilters {
  text: string;
  severity: Severity | '';
  phase: Phase | '';
  category: string;
  tlp: Tlp | '';
  state: StateFilter;
  /** Creation window from a dashboard link (`created:[from TO to}`). */
  created: { from: string; to: string } | null;
}

export const NO_FILTERS: ListFilters = { text: '', severity: '', phase: '', category: '', tlp: '', state: 'all', created: null };

export interface ParsedQuery {
  filters: ListFilters;
  /** `incident:N` (a legal deadline of the dashboard): open that incident instead. */
  incidentId: number | null;
  legal: boolean;
}

/**
 * Reads the `field:value` query the dashboard links with (`phase:confinement`,
 * `severity:high`, `created:[2026-01-05T00:00:00Z TO 2026-01-12T00:00:00Z}`,
 * `incident:4 AND kind:cnil`); unknown terms are ignored.
 */
export function parseListQuery(query: string): ParsedQuery {
  const filters: ListFilters = { ...NO_FILTERS };
  let incidentId: number | null = null;
  let legal = false;
  for (const term of query.split(/\s+AND\s+/i).map((s) => s.trim())) {
    const m = /^([a-z]+):(.+)$/i.exec(term);
    if (!m) continue;
    const [, field, value] = m;
    if (field === 'phase') filters.phase = value as Phase;
    else if (field === 'severity') filters.severity = value as Severity;
    else if (field === 'category') filters.category = value;
    else if (field === 'tlp') filters.tlp = value as Tlp;
    else if (field === 'incident' && /^\d+$/.test(value)) incidentId = Number(value);
    else if (field === 'kind') legal = true;
    else if (field === 'created') {
      const range = /^\[(\S+) TO (\S+)[\]}]$/.exec(value);
      if (range) filters.created = { from: range[1], to: range[2] };
    }
  }
  return { filters, incidentId, legal };
}

export function isClosed(i: IncidentRow): boolean {
  return i.phase === 'cloture' || i.mergedInto != null;
}

export function applyFilters(rows: IncidentRow[], f: ListFilters): IncidentRow[] {
  const text = f.text.trim().toLocaleLowerCase('fr');
  return rows.filter((i) => {
    if (f.severity && i.severity !== f.severity) return false;
    if (f.phase && i.phase !== f.phase) return false;
    if (f.category && i.category !== f.category) return false;
    if (f.tlp && i.tlp !== f.tlp) return false;
    if (f.state === 'open' && isClosed(i)) return false;
    if (f.state === 'closed' && !isClosed(i)) return false;
    if (f.created) {
      const at = Date.parse(i.createdAt);
      if (at < Date.parse(f.created.from) || at >= Date.parse(f.created.to)) return false;
    }
    if (text && !`${i.id} ${i.title} ${i.structure ?? ''}`.toLocaleLowerCase('fr').includes(text)) return false;
    return true;
  });
}
