/**
 * Reading Sigma sources: YAML files, folders (recursive, sorted, hidden
 * entries and symlinked folders skipped) and zip archives, each file split
 * into its YAML documents (multi-document files hold correlations with the
 * rules they use). Plain scalars that YAML would read as numbers but are not
 * written as canonical decimals (`0x1F`, `007`, `1e3`) are kept as written.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { type Document, Scalar, parseAllDocuments, visit } from 'yaml';
import type { Rejection } from './types';

export interface SourceDoc {
  file: string;
  doc: number;
  value: unknown;
  /** The file was named directly (not found by walking a folder or archive). */
  explicit: boolean;
}

export interface ReadLimits {
  maxFileBytes: number;
  maxZipBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 4 * 1024 * 1024, maxZipBytes: 256 * 1024 * 1024 };

export interface ReadResult {
  docs: SourceDoc[];
  errors: Rejection[];
  /** Files read (YAML files, including those inside archives). */
  files: number;
}

const YAML_FILE = /\.ya?ml$/i;

function keepNumberSource(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && node.type === Scalar.PLAIN && node.source !== undefined && node.source !== String(node.value)) {
        node.value = node.source;
      }
    },
  });
}

/** Splits one YAML text into documents; a syntax error rejects the whole file. */
export function parseYamlText(text: string, file: string, explicit: boolean, out: ReadResult): void {
  out.files++;
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  const bad = list.flatMap((d) => d.errors);
  if (bad.length > 0 || !Array.isArray(docs)) {
    const first = bad[0];
    const where = first?.linePos?.[0] ? ` (line ${first.linePos[0].line}, column ${first.linePos[0].col})` : '';
    const message = first?.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') ?? 'unreadable document stream';
    out.errors.push({ file, doc: 0, code: 'yaml', reason: `YAML error${where}: ${message}` });
    return;
  }
  list.forEach((d, i) => {
    if (d.contents === null) return; // empty document (e.g. a trailing ---)
    keepNumberSource(d);
    out.docs.push({ file, doc: i, value: d.toJS({ maxAliasCount: 100 }), explicit });
  });
}

function readZip(path: string, limits: ReadLimits, out: ReadResult): void {
  let total = 0;
  let over = false;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(readFileSync(path), {
      filter: (f) => {
        if (!YAML_FILE.test(f.name) || f.name.split('/').some((s) => s.startsWith('.'))) return false;
        total += f.originalSize;
        if (f.originalSize > limits.maxFileBytes || total > limits.maxZipBytes) over = true;
        return !over;
      },
    });
  } catch (e) {
    out.errors.push({ file: path, doc: 0, code: 'read-error', reason: `cannot read zip archive: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  if (over) {
    out.errors.push({ file: path, doc: 0, code: 'read-error', reason: `zip archive expands beyond the limits (${limits.maxFileBytes} bytes per file, ${limits.maxZipBytes} in all)` });
    return;
  }
  for (const name of Object.keys(entries).sort()) {
    parseYamlText(Buffer.from(entries[name]).toString('utf8'), `${path}!/${name}`, false, out);
  }
}

function readFile(path: string, explicit: boolean, limits: ReadLimits, out: ReadResult): void {
  try {
    const size = statSync(path).size;
    if (size > limits.maxFileBytes) {
      out.errors.push({ file: path, doc: 0, code: 'read-error', reason: `file larger than ${limits.maxFileBytes} bytes` });
      return;
    }
    parseYamlText(readFileSync(path, 'utf8'), path, explicit, out);
  } catch (e) {
    out.errors.push({ file: path, doc: 0, code: 'read-error', reason: `cannot read file: ${e instanceof Error ? e.message : String(e)}` });
  }
}

function walk(dir: string, limits: ReadLimits, out: ReadResult): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, limits, out);
    else if (e.isFile() && YAML_FILE.test(e.name)) readFile(p, false, limits, out);
    else if (e.isFile() && /\.zip$/i.test(e.name)) readZip(p, limits, out);
  }
}

/** Reads every path (file, folder or .zip) into YAML documents. */
export function readSources(paths: readonly string[], limits: ReadLimits = DEFAULT_READ_LIMITS): ReadResult {
  const out: ReadResult = { docs: [], errors: [], files: 0 };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.errors.push({ file: p, doc: 0, code: 'read-error', reason: 'no such file or folder' });
      continue;
    }
    if (st.isDirectory()) walk(p, limits, out);
    else if (/\.zip$/i.test(basename(p))) readZip(p, limits, out);
    else readFile(p, true, limits, out);
  }
  return out;
}

/** Documents from in-memory texts (rules stored in the vault, the editor's live validation). */
export function readTexts(texts: readonly { name: string; text: string }[]): ReadResult {
  const out: ReadResult = { docs: [], errors: [], files: 0 };
  for (const t of texts) parseYamlText(t.text, t.name, true, out);
  return out;
}
