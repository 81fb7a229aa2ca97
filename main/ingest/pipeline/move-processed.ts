import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { ImportRow } from '../../api/ops/ingest';

/**
 * True when every record of the file is in the vault, stored, quarantined or
 * known as a duplicate: the import ended 'done' without a note (a stopped
 * decompression leaves one), its totals add up, and for a plain file every
 * byte was committed. Only such a file may leave the drop folder.
 */
export function fullyAccounted(row: ImportRow): boolean {
  if (row.status !== 'done' || row.message !== null) return false;
  if (row.recordsIn !== row.stored + row.quarantined + row.duplicates) return false;
  return row.gzip || row.size === null || row.bytesDone >= row.size;
}

/**
 * Moves an imported file out of the drop folder to `processedDir`, under its
 * path relative to `root` with separators turned into `__` (name clashes get
 * `-1`, `-2`…). Crash-safe at every step:
 *
 * - same device: hard link at the target, then unlink the source; a crash in
 *   between leaves the same file twice, and the next attempt finds the target
 *   already holding it (same inode) and only unlinks the source;
 * - another device: copy to a hidden `.name.partial` beside the target, flush
 *   it, link it to the target name (never overwriting), unlink the temporary
 *   file, then the source; a crash leaves either a hidden partial file
 *   (overwritten next time) or a complete target with the same content (found
 *   by comparing bytes, then the source is unlinked).
 *
 * `expected`: size and mtime of the file when it was imported; a file changed
 * since is not moved (null: it will be imported again, only new records added).
 */
export async function moveProcessedFile(
  path: string,
  root: string,
  processedDir: string,
  expected: { size: number; mtimeMs: number },
): Promise<string | null> {
  const st = await fs.stat(path).catch(() => null);
  if (!st || st.size !== expected.size || st.mtimeMs !== expected.mtimeMs) return null;
  await fs.mkdir(processedDir, { recursive: true });
  const rel = relative(root, path).split(/[\\/]/).join('__');
  const ext = extname(rel);
  const stem = rel.slice(0, rel.length - ext.length);
  for (let i = 0; i < 10_000; i++) {
    const target = join(processedDir, i === 0 ? rel : `${stem}-${i}${ext}`);
    try {
      await fs.link(path, target);
      await fs.unlink(path);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        if (await sameContent(path, target)) {
          await fs.unlink(path);
          return target;
        }
        continue;
      }
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw e;
      const moved = await copyThenLink(path, target);
      if (moved) return target;
    }
  }
  throw new Error(`aucun nom libre dans ${processedDir} pour ${basename(path)}`);
}

/** The cross-device move of one candidate name; false when the name is taken by another file. */
async function copyThenLink(path: string, target: string): Promise<boolean> {
  const tmp = join(dirname(target), `.${basename(target)}.partial`);
  await fs.copyFile(path, tmp);
  const h = await fs.open(tmp, 'r+');
  try {
    await h.datasync();
  } finally {
    await h.close();
  }
  try {
    await fs.link(tmp, target);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (!(await sameContent(path, target))) return false;
  }
  await fs.unlink(tmp).catch(() => undefined);
  await fs.unlink(path);
  return true;
}

/** Same inode, or the same bytes (compared 1 MiB at a time). */
async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
  if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
  if (sa.size !== sb.size) return false;
  const [ha, hb] = await Promise.all([fs.open(a, 'r'), fs.open(b, 'r')]);
  try {
    const size = 1024 * 1024;
    const ba = Buffer.alloc(size);
    const bb = Buffer.alloc(size);
    for (let pos = 0; pos < sa.size; pos += size) {
      const [ra, rb] = await Promise.all([ha.read(ba, 0, size, pos), hb.read(bb, 0, size, pos)]);
      if (ra.bytesRead !== rb.bytesRead || !ba.subarray(0, ra.bytesRead).equals(bb.subarray(0, rb.bytesRead))) return false;
    }
    return true;
  } finally {
    await Promise.all([ha.close(), hb.close()]);
  }
}
