import type { OpInput, Severity } from '@contract';
import type { Phase, Tlp } from './types';

export type StateFilter = 'all' | 'open' | 'closed';

export interface ListFilters {
  text: string;
  severity: Severity | '';
  phase: Phase | '';
  category: string;
  tlp: Tlp | '';
  state: StateFilter;
  /** A task-force member assigned to the incident. */
  assignee: string;
  /** Only incidents with an overdue legal deadline. */
  overdue: boolean;
  /** Creation window from a dashboard link (`created:[from TO to}`). */
  created: { from: string; to: string } | null;
}

export const NO_FILTERS: ListFilters = { text: '', severity: '', phase: '', category: '', tlp: '', state: 'all', assignee: '', overdue: false, created: null };

export interface ParsedQuery {
  filters: ListFilters;
  /** `incident:N` (a legal deadline of the dashboard): open that incident instead. */
  incidentId: number | null;
  legal: boolean;
}

/**
 * Reads the `field:value` query the dashboard links with (`phase:confinement`,
 * `severity:high`, `assignee:Alice`, `overdue:true`, `created:[2026-01-05T00:00:00Z TO 2026-01-12T00:00:00Z}`,
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
    else if (field === 'assignee') filters.assignee = value;
    else if (field === 'overdue') filters.overdue = value === 'true';
    else if (field === 'incident' && /^\d+$/.test(value)) incidentId = Number(value);
    else if (field === 'kind') legal = true;
    else if (field === 'created') {
      const range = /^\[(\S+) TO (\S+)[\]}]$/.exec(value);
      if (range) filters.created = { from: range[1], to: range[2] };
    }
  }
  return { filters, incidentId, legal };
}

/** The filters as the input of `incidents.list` (filtered and paged by the engine). */
export function toListInput(f: ListFilters, page: { limit: number; offset: number }): OpInput<'incidents.list'> {
  const text = f.text.trim();
  const assignee = f.assignee.trim();
  return {
    ...page,
    state: f.state,
    ...(text ? { text } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.phase ? { phase: f.phase } : {}),
    ...(f.category ? { category: f.category as NonNullable<OpInput<'incidents.list'>['category']> } : {}),
    ...(f.tlp ? { tlp: f.tlp } : {}),
    ...(assignee ? { assignee } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.created ? { createdFrom: f.created.from, createdTo: f.created.to } : {}),
  };
}
