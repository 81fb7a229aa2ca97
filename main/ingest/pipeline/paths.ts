import { promises as fs } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { VigieError } from '../../api/errors';

/** Folder the drop-folder watcher moves processed files into; never walked. */
export const IMPORTED_DIR = '.imported';
export const MAX_FILES_PER_CALL = 10_000;

function hidden(name: string): boolean {
  return name.startsWith('.');
}

/**
 * Files and folders → the files to import, sorted: folders are walked
 * recursively, skipping hidden entries (dot files and folders) and symbolic
 * links to folders (no cycles). A file named explicitly is taken even when
 * hidden. Missing paths → VALIDATION (nothing is started).
 */
export async function expandPaths(paths: readonly string[], maxFiles = MAX_FILES_PER_CALL): Promise<string[]> {
  const files = new Set<string>();
  const missing: string[] = [];
  const add = (f: string) => {
    files.add(f);
    if (files.size > maxFiles) {
      throw new VigieError('VALIDATION', `Plus de ${maxFiles} fichiers : importez les dossiers un par un.`);
    }
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (hidden(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) add(p);
      else if (e.isSymbolicLink()) {
        const st = await fs.stat(p).catch(() => null);
        if (st?.isFile()) add(p);
      }
    }
  };
  for (const raw of paths) {
    const p = resolve(raw);
    const st = await fs.stat(p).catch(() => null);
    if (!st) missing.push(p);
    else if (st.isDirectory()) await walk(p);
    else if (st.isFile()) add(p);
    else missing.push(p);
  }
  if (missing.length > 0) {
    throw new VigieError(
      'VALIDATION',
      `Introuvable ou illisible : ${missing.map((m) => basename(m)).join(', ')}`.slice(0, 500),
      { missing },
    );
  }
  return [...files];
}
