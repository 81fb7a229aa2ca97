import type { AlertRow, Severity } from '@contract';

const SEVERITY_VALUES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
const STATUS_VALUES: readonly AlertRow['status'][] = ['nouvelle', 'prise_en_compte', 'faux_positif', 'vrai_positif', 'close'];

/** The alert list's filter, as `alerts.list` takes it. */
export interface AlertFilter {
  severities?: Severity[];
  statuses?: AlertRow['status'][];
  activeFrom?: string;
  activeTo?: string;
}

/** `value` or `(a OR b OR …)` → the values, or null when one is not in `allowed`. */
function values<T extends string>(raw: string, allowed: readonly T[]): T[] | null {
  const inner = /^\((.*)\)$/.exec(raw)?.[1] ?? raw;
  const list = inner.split(/\s+OR\s+/i).map((v) => v.trim().replace(/^"(.*)"$/, '$1'));
  return list.every((v) => (allowed as readonly string[]).includes(v)) ? (list as T[]) : null;
}

/**
 * Reads the query the dashboard's alert panels link with (`#/alerts?q=…`):
 * `severity:high AND status:(nouvelle OR prise_en_compte OR vrai_positif)`,
 * `status:close AND @timestamp:[2026-11-01T00:00:00Z TO 2026-11-08T00:00:00Z}`.
 * Terms joined by AND; a term it does not know makes the whole query
 * unreadable (null) rather than silently showing more alerts than asked.
 */
export function parseAlertQuery(query: string): AlertFilter | null {
  const q = query.trim();
  if (q === '') return {};
  const filter: AlertFilter = {};
  for (const term of q.split(/\s+AND\s+/i)) {
    const m = /^([@a-z.]+):(.+)$/i.exec(term.trim());
    if (!m) return null;
    const [, field, raw] = m;
    if (field === 'severity' || field === 'event.severity') {
      const v = values(raw, SEVERITY_VALUES);
      if (!v) return null;
      filter.severities = v;
    } else if (field === 'status') {
      const v = values(raw, STATUS_VALUES);
      if (!v) return null;
      filter.statuses = v;
    } else if (field === '@timestamp') {
      const r = /^\[(\S+) TO (\S+)[\]}]$/.exec(raw);
      if (!r || Number.isNaN(Date.parse(r[1])) || Number.isNaN(Date.parse(r[2]))) return null;
      filter.activeFrom = new Date(r[1]).toISOString();
      filter.activeTo = new Date(r[2]).toISOString();
    } else {
      return null;
    }
  }
  return filter;
}

export function isFiltered(f: AlertFilter | null): boolean {
  return !!f && (!!f.severities?.length || !!f.statuses?.length || f.activeFrom !== undefined);
}
