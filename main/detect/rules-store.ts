/**
 * Sigma rules in the vault (`detection_rules`, migration 010) and the shipped
 * health pack, as one list of units — one Sigma document each, identified by
 * its `id`. A stored document with the id of a shipped one overrides it
 * (`custom`); shipped rules are enabled unless `detection_builtin_state` says
 * otherwise. Imports accept YAML files (several documents each) and zip
 * archives of them.
 */
import { unzipSync } from 'fflate';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { builtinDocuments, type SplitDoc, type SplitError, splitDocuments } from './rules-store-builtin';

export type RuleOrigin = 'builtin' | 'imported' | 'custom';

export interface RuleUnit {
  id: string;
  /** File the document came from (`health/mass-access.yml`, an imported file name…). */
  file: string;
  /** YAML text of this one document. */
  text: string;
  origin: RuleOrigin;
  enabled: boolean;
  /** True when a shipped rule has this id (a `custom` row overrides it). */
  shipped: boolean;
  importedAt: number | null;
  updatedAt: number | null;
  updatedBy: string | null;
}

interface RuleDbRow {
  id: string;
  yaml: string;
  origin: 'imported' | 'custom';
  enabled: number;
  file: string;
  imported_at: number;
  updated_at: number;
  updated_by: string;
}

/** Every rule unit: shipped ones (or their stored override), then stored ones, in a stable order. */
export async function listRuleUnits(db: Db): Promise<RuleUnit[]> {
  const rows = await db.all<RuleDbRow>('SELECT * FROM detection_rules ORDER BY imported_at, id');
  const state = new Map(
    (await db.all<{ rule_id: string; enabled: number }>('SELECT rule_id, enabled FROM detection_builtin_state')).map((r) => [r.rule_id, r.enabled === 1]),
  );
  const stored = new Map(rows.map((r) => [r.id, r]));
  const out: RuleUnit[] = [];
  const seen = new Set<string>();
  for (const d of builtinDocuments()) {
    const id = d.id as string;
    seen.add(id);
    const row = stored.get(id);
    if (row) out.push(fromRow(row, true));
    else out.push({ id, file: d.file, text: d.text, origin: 'builtin', enabled: state.get(id) ?? true, shipped: true, importedAt: null, updatedAt: null, updatedBy: null });
  }
  for (const r of rows) if (!seen.has(r.id)) out.push(fromRow(r, false));
  return out;
}

function fromRow(r: RuleDbRow, shipped: boolean): RuleUnit {
  return {
    id: r.id,
    file: r.file,
    text: r.yaml,
    origin: r.origin,
    enabled: r.enabled === 1,
    shipped,
    importedAt: r.imported_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

export async function getRuleUnit(db: Db, id: string): Promise<RuleUnit> {
  const unit = (await listRuleUnits(db)).find((u) => u.id === id);
  if (!unit) throw new VigieError('NOT_FOUND', `Règle ${id} introuvable.`);
  return unit;
}

export async function setRuleEnabled(db: Db, id: string, enabled: boolean, actor: string): Promise<RuleUnit> {
  const unit = await getRuleUnit(db, id);
  const now = Date.now();
  if (unit.origin === 'builtin') {
    await db.run(
      `INSERT INTO detection_builtin_state (rule_id, enabled, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (rule_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [id, enabled ? 1 : 0, now, actor],
    );
  } else {
    await db.run('UPDATE detection_rules SET enabled = ?, updated_at = ?, updated_by = ? WHERE id = ?', [enabled ? 1 : 0, now, actor, id]);
  }
  return { ...unit, enabled };
}

/** Stores documents (insert or replace by id). Shipped ids become `custom` overrides. */
export async function storeRuleDocs(db: Db, docs: readonly SplitDoc[], origin: 'imported' | 'custom', actor: string): Promise<number> {
  const shipped = new Set(builtinDocuments().map((d) => d.id));
  const now = Date.now();
  await db.transaction(async (tx) => {
    for (const d of docs) {
      if (!d.id) continue;
      await tx.run(
        `INSERT INTO detection_rules (id, yaml, origin, enabled, file, imported_at, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET yaml = excluded.yaml, origin = excluded.origin, file = excluded.file,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [d.id, d.text, shipped.has(d.id) ? 'custom' : origin, d.file, now, now, actor],
      );
    }
  });
  return docs.filter((d) => d.id).length;
}

/** Removes a stored rule (an override of a shipped rule: the shipped text comes back). */
export async function deleteStoredRule(db: Db, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM detection_rules WHERE id = ?', [id])).changes > 0;
}

/** Largest import accepted: per file and, for zips, in all. */
export const IMPORT_LIMITS = { maxFileBytes: 4 * 1024 * 1024, maxZipBytes: 64 * 1024 * 1024 };

/**
 * Files of an import → their documents. `text` is YAML, or (name ending in
 * .zip) the base64 of a zip archive whose .yml/.yaml entries are read.
 */
export function readImportFiles(files: readonly { name: string; text: string }[]): { docs: SplitDoc[]; errors: SplitError[] } {
  const docs: SplitDoc[] = [];
  const errors: SplitError[] = [];
  const add = (text: string, file: string) => {
    const r = splitDocuments(text, file);
    docs.push(...r.docs);
    errors.push(...r.errors);
  };
  for (const f of files) {
    if (!/\.zip$/i.test(f.name)) {
      if (Buffer.byteLength(f.text, 'utf8') > IMPORT_LIMITS.maxFileBytes) errors.push({ file: f.name, doc: 0, reason: 'fichier trop volumineux' });
      else add(f.text, f.name);
      continue;
    }
    let total = 0;
    let over = false;
    try {
      const entries = unzipSync(Buffer.from(f.text, 'base64'), {
        filter: (e) => {
          if (!/\.ya?ml$/i.test(e.name) || e.name.split('/').some((s) => s.startsWith('.'))) return false;
          total += e.originalSize;
          if (e.originalSize > IMPORT_LIMITS.maxFileBytes || total > IMPORT_LIMITS.maxZipBytes) over = true;
          return !over;
        },
      });
      if (over) {
        errors.push({ file: f.name, doc: 0, reason: 'archive trop volumineuse une fois décompressée' });
        continue;
      }
      for (const name of Object.keys(entries).sort()) add(Buffer.from(entries[name]).toString('utf8'), `${f.name}!/${name}`);
    } catch (e) {
      errors.push({ file: f.name, doc: 0, reason: `archive zip illisible : ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return { docs, errors };
}
