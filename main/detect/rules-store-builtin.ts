/**
 * The health rule pack shipped in resources/rules/health/*.yml, bundled into
 * the engine by Vite (`?raw`, declared in main/incidents/playbooks/raw.d.ts)
 * so the packaged app needs no extra files; and the splitting of a YAML text
 * into its Sigma documents (the unit Vigie stores, enables and edits).
 */
import { parseAllDocuments } from 'yaml';
import atnaSecurityAlert from '../../resources/rules/health/atna-security-alert.yml?raw';
import breakGlass from '../../resources/rules/health/break-glass.yml?raw';
import bulkExport from '../../resources/rules/health/bulk-export.yml?raw';
import loginAfterFailures from '../../resources/rules/health/login-after-failures.yml?raw';
import massAccess from '../../resources/rules/health/mass-access.yml?raw';
import newSourceIp from '../../resources/rules/health/new-source-ip.yml?raw';
import noCareRelationship from '../../resources/rules/health/no-care-relationship.yml?raw';
import offHoursAccess from '../../resources/rules/health/off-hours-access.yml?raw';
import watchlistAccess from '../../resources/rules/health/watchlist-access.yml?raw';

/** File name → YAML text, as shipped. */
export const BUILTIN_RULE_FILES: Readonly<Record<string, string>> = {
  'mass-access.yml': massAccess,
  'off-hours-access.yml': offHoursAccess,
  'watchlist-access.yml': watchlistAccess,
  'break-glass.yml': breakGlass,
  'no-care-relationship.yml': noCareRelationship,
  'bulk-export.yml': bulkExport,
  'atna-security-alert.yml': atnaSecurityAlert,
  'login-after-failures.yml': loginAfterFailures,
  'new-source-ip.yml': newSourceIp,
};

/** One Sigma document of a file, as its own YAML text. */
export interface SplitDoc {
  file: string;
  doc: number;
  /** `id` of the document (rules and correlations require one); undefined when absent. */
  id?: string;
  title?: string;
  text: string;
}

export interface SplitError {
  file: string;
  doc: number;
  line?: number;
  reason: string;
}

/** Splits a (multi-document) YAML text; a syntax error rejects the whole file, with its line. */
export function splitDocuments(text: string, file: string): { docs: SplitDoc[]; errors: SplitError[] } {
  const all = parseAllDocuments(text);
  const list = Array.isArray(all) ? all : [];
  const bad = list.flatMap((d) => d.errors);
  if (bad.length > 0 || !Array.isArray(all)) {
    const first = bad[0];
    return {
      docs: [],
      errors: [{ file, doc: 0, line: first?.linePos?.[0]?.line, reason: `YAML : ${first?.message.split('\n')[0] ?? 'document illisible'}` }],
    };
  }
  const docs: SplitDoc[] = [];
  list.forEach((d, i) => {
    if (d.contents === null) return;
    const js = d.toJS({ maxAliasCount: 100 }) as unknown;
    const obj = js && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
    docs.push({
      file,
      doc: i,
      id: typeof obj.id === 'string' ? obj.id : undefined,
      title: typeof obj.title === 'string' ? obj.title : undefined,
      text: d.toString().replace(/^---\n/, ''),
    });
  });
  return { docs, errors: [] };
}

let cached: SplitDoc[] | undefined;

/** Every document of the shipped pack (a malformed shipped file is a build error, found by the tests). */
export function builtinDocuments(): SplitDoc[] {
  if (!cached) {
    const out: SplitDoc[] = [];
    for (const [file, text] of Object.entries(BUILTIN_RULE_FILES)) {
      const { docs, errors } = splitDocuments(text, `health/${file}`);
      if (errors.length) throw new Error(`shipped rule file ${file}: ${errors[0].reason}`);
      for (const d of docs) {
        if (!d.id) throw new Error(`shipped rule file ${file}, document ${d.doc}: no id`);
        out.push(d);
      }
    }
    cached = out;
  }
  return cached;
}
