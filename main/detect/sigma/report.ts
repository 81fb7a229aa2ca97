/**
 * Load report: how many Sigma documents loaded, how many were rejected and
 * why (by documented code), and which loaded rules have a logsource without
 * mapping. `loaded + rejected = documents` always holds.
 */
import { type LoadResult, loadRules } from './loader';
import { type DetectConfig, REJECTION_CODES, type Rejection, type RejectionCode } from './types';

export interface LoadReport {
  files: number;
  documents: number;
  loaded: { rules: number; correlations: number; filters: number; total: number };
  rejected: number;
  byCode: Partial<Record<RejectionCode, number>>;
  rejections: Rejection[];
  /** Loaded rules whose logsource has no mapping entry (they run only on unclassified events). */
  unmapped: { logsource: string; rules: number }[];
  warnings: string[];
}

function lsLabel(ls: { product?: string; category?: string; service?: string }): string {
  return ['product', 'category', 'service'].map((k) => `${k}=${ls[k as keyof typeof ls] ?? '*'}`).join(' ');
}

export function summarizeLoad(load: LoadResult): LoadReport {
  const byCode: Partial<Record<RejectionCode, number>> = {};
  for (const r of load.rejected) byCode[r.code] = (byCode[r.code] ?? 0) + 1;
  const unmapped = new Map<string, number>();
  for (const r of load.rules) if (!r.mapped) unmapped.set(lsLabel(r.logsource), (unmapped.get(lsLabel(r.logsource)) ?? 0) + 1);
  const total = load.rules.length + load.correlations.length + load.filters.length;
  return {
    files: load.files,
    documents: load.documents,
    loaded: { rules: load.rules.length, correlations: load.correlations.length, filters: load.filters.length, total },
    rejected: load.rejected.length,
    byCode,
    rejections: load.rejected,
    unmapped: [...unmapped].map(([logsource, rules]) => ({ logsource, rules })).sort((a, b) => b.rules - a.rules),
    warnings: load.warnings,
  };
}

export function loadReport(paths: readonly string[], config: Partial<DetectConfig> = {}): LoadReport {
  return summarizeLoad(loadRules(paths, config));
}

/** Human-readable report (CLI `--report`). */
export function formatReport(r: LoadReport): string {
  const pct = r.documents ? ((100 * r.loaded.total) / r.documents).toFixed(1) : '0.0';
  const lines = [
    `Sigma documents: ${r.documents} in ${r.files} files`,
    `loaded: ${r.loaded.total} (${pct}%) = ${r.loaded.rules} rules + ${r.loaded.correlations} correlations + ${r.loaded.filters} filters`,
    `rejected: ${r.rejected}`,
  ];
  for (const [code, n] of Object.entries(r.byCode)) lines.push(`  ${code}: ${n} — ${REJECTION_CODES[code as RejectionCode]}`);
  if (r.unmapped.length) {
    lines.push(`loaded rules with an unmapped logsource: ${r.unmapped.reduce((n, u) => n + u.rules, 0)}`);
    for (const u of r.unmapped.slice(0, 15)) lines.push(`  ${u.rules}\t${u.logsource}`);
    if (r.unmapped.length > 15) lines.push(`  … ${r.unmapped.length - 15} more logsources`);
  }
  lines.push('rejections:');
  for (const x of r.rejections) lines.push(`  ${x.file}${x.doc ? `#${x.doc}` : ''}\t${x.id ?? '-'}\t[${x.code}] ${x.reason}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
