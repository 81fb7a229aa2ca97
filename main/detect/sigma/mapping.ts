/**
 * Field mapping between Sigma and Vigie events, from editable YAML files
 * (`main/detect/mappings/*.yml`, format in README.md):
 *  - `sources`: Sigma logsources (product / category / service) and the
 *    conditions (`when`) an event must meet to belong to them. An entry with
 *    a category and a service inherits the `when` of that service's entry.
 *  - `fields`: Sigma field name → Vigie field paths, globally or per source.
 * THOR-style Sigma logsource configurations (Sigma's `tests/thor.yml`) can be
 * imported at runtime into the same model (`importLogsourceConfig`).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Logsource } from './types';

export interface SourceEntry {
  id: number;
  product?: string;
  category?: string;
  service?: string;
  /** Vigie field path (optionally with Sigma modifiers) → value(s); all must hold. */
  when: Record<string, unknown>;
  /** Sigma field → Vigie paths, for rules of this source. */
  fields: Record<string, string[]>;
  /** File the entry came from. */
  origin: string;
}

type RawEntry = Omit<SourceEntry, 'id'>;

const KEYS = ['product', 'category', 'service'] as const;

function asRecord(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`${what}: expected a map`);
  return v as Record<string, unknown>;
}

function fieldMap(v: unknown, what: string, prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, t] of Object.entries(asRecord(v, what))) {
    const list = Array.isArray(t) ? t : [t];
    if (!list.every((x) => typeof x === 'string' && x)) throw new Error(`${what}.${k}: expected a field path or a list of paths`);
    out[k] = (list as string[]).map((p) => prefix + p);
  }
  return out;
}

function lower(s: unknown): string | undefined {
  return typeof s === 'string' && s ? s.toLowerCase() : undefined;
}

/** Every loaded source entry, plus the global field table. */
export class MappingSet {
  readonly entries: SourceEntry[] = [];
  readonly globalFields: Record<string, string[]> = {};
  readonly files: string[] = [];
  /** Logsources of imported THOR configurations that Vigie cannot express (e.g. `File:` sources). */
  readonly skipped: { origin: string; name: string; reason: string }[] = [];

  add(entry: RawEntry): void {
    this.entries.push({ ...entry, id: this.entries.length });
  }

  addFile(path: string): void {
    const doc = asRecord(parse(readFileSync(path, 'utf8')), path);
    this.files.push(path);
    for (const [k, paths] of Object.entries(fieldMap(doc.fields, `${path}: fields`))) {
      this.globalFields[k] = [...(this.globalFields[k] ?? []), ...paths];
    }
    const sources = doc.sources ?? [];
    if (!Array.isArray(sources)) throw new Error(`${path}: sources must be a list`);
    sources.forEach((s, i) => {
      const r = asRecord(s, `${path}: sources[${i}]`);
      const entry: RawEntry = {
        product: lower(r.product),
        category: lower(r.category),
        service: lower(r.service),
        when: asRecord(r.when, `${path}: sources[${i}].when`),
        fields: fieldMap(r.fields, `${path}: sources[${i}].fields`),
        origin: path,
      };
      if (!entry.product && !entry.category && !entry.service) throw new Error(`${path}: sources[${i}] names no product, category or service`);
      this.add(entry);
    });
  }

  /** Imports a THOR-style logsource configuration (`logsources:` with conditions/rewrite/sources/fieldmappings). */
  importLogsourceConfig(path: string): void {
    const doc = asRecord(parse(readFileSync(path, 'utf8')), path);
    this.files.push(path);
    for (const [name, raw] of Object.entries(asRecord(doc.logsources, `${path}: logsources`))) {
      const s = asRecord(raw, `${path}: ${name}`);
      const rewrite = asRecord(s.rewrite, `${path}: ${name}.rewrite`);
      const conditions = asRecord(s.conditions, `${path}: ${name}.conditions`);
      const sources = Array.isArray(s.sources) ? (s.sources as unknown[]).map(String) : [];
      const channels = sources.filter((x) => x.startsWith('WinEventLog:')).map((x) => x.slice('WinEventLog:'.length));
      const fields = fieldMap(s.fieldmappings, `${path}: ${name}.fieldmappings`, 'attributes.');
      if (Object.keys(conditions).length > 0) {
        const when: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(conditions)) when[`attributes.${k}`] = v;
        this.add({
          product: lower(rewrite.product ?? s.product),
          category: lower(s.category),
          service: lower(rewrite.service ?? s.service),
          when,
          fields,
          origin: path,
        });
      } else if (channels.length > 0) {
        this.add({ product: lower(s.product), service: lower(s.service), when: { 'attributes.Channel': channels }, fields, origin: path });
      } else {
        this.skipped.push({ origin: path, name, reason: `no event condition Vigie can evaluate (sources: ${sources.join(', ') || 'none'})` });
      }
    }
  }

  /** `when` of an entry, including the conditions inherited from its service entry. */
  effectiveWhen(e: SourceEntry): Record<string, unknown> {
    if (!e.category || !e.service) return e.when;
    const parent = this.entries.find((p) => !p.category && p.service === e.service && p.product === e.product);
    return parent ? { ...parent.when, ...e.when } : e.when;
  }

  /** Entries a rule logsource designates: every key the rule sets must be equal in the entry. */
  entriesFor(ls: Logsource): SourceEntry[] {
    const want = KEYS.map((k) => [k, lower(ls[k])] as const).filter(([, v]) => v !== undefined);
    if (want.length === 0) return [];
    return this.entries.filter((e) => want.every(([k, v]) => e[k] === v));
  }

  /** Vigie paths for a Sigma field in rules of `entries`, tried in order (first defined value wins). */
  pathsFor(field: string, entries: readonly SourceEntry[]): string[] {
    const out = new Set<string>();
    for (const e of entries) for (const p of e.fields[field] ?? []) out.add(p);
    out.add(`attributes.${field}`);
    for (const p of this.globalFields[field] ?? []) out.add(p);
    out.add(field);
    return [...out];
  }
}

/** Folder of the shipped mapping files (source tree or next to the bundle). */
export function defaultMappingDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env.VIGIE_DETECT_MAPPINGS,
    resolve(__dirname, '../mappings'),
    resolve(__dirname, 'detect-mappings'),
    resolve(__dirname, '../../main/detect/mappings'),
    resolve(process.cwd(), 'main/detect/mappings'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(join(p, 'windows.yml')));
  if (!found) throw new Error(`Sigma mapping files not found (looked in ${candidates.join(', ')}); set VIGIE_DETECT_MAPPINGS`);
  return found;
}

export function defaultMappingFiles(): string[] {
  const dir = defaultMappingDir();
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export interface MappingOptions {
  mappingFiles?: readonly string[];
  extraMappingFiles?: readonly string[];
  logsourceConfigs?: readonly string[];
}

export function loadMappings(opts: MappingOptions = {}): MappingSet {
  const set = new MappingSet();
  for (const f of opts.mappingFiles ?? defaultMappingFiles()) set.addFile(f);
  for (const f of opts.extraMappingFiles ?? []) set.addFile(f);
  for (const f of opts.logsourceConfigs ?? []) set.importLogsourceConfig(f);
  return set;
}
