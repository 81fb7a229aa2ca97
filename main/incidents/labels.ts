/** French labels of severities (history texts, reports). */
const SEVERITY_FR: Record<string, string> = {
  info: 'information',
  low: 'faible',
  medium: 'moyenne',
  high: 'élevée',
  critical: 'critique',
};

export function severityLabel(s: string | null): string {
  return s == null ? '—' : (SEVERITY_FR[s] ?? s);
}
