import { createReadStream, promises as fs } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';

/** Where the bytes of an import come from. */
export interface ImportInput {
  /** File path, or the name of an uploaded file. */
  origin: string;
  /** Size on disk / declared size of the upload (compressed size for gzip), when known. */
  size: number | null;
  /** Last modification: the reception time given to parsers (year inference of RFC 3164 dates). */
  mtime: Date | null;
  /** True for browser uploads: the bytes cannot be read a second time. */
  upload: boolean;
  /**
   * The raw bytes from `offset` (0: from the start). Only files honour an
   * offset > 0, and only when the caller knows the input is not compressed.
   */
  open(offset: number, chunkBytes: number): Readable;
}

export async function fileInput(path: string): Promise<ImportInput> {
  const st = await fs.stat(path);
  if (!st.isFile()) throw new Error(`${basename(path)} n’est pas un fichier`);
  return {
    origin: path,
    size: st.size,
    mtime: st.mtime,
    upload: false,
    open: (offset, chunkBytes) => {
      const s = createReadStream(path, { start: offset, highWaterMark: chunkBytes });
      s.on('error', () => undefined); // surfaced by the reader's iterator
      return s;
    },
  };
}

/** An input fed by someone else (upload chunks): read once, from the start. */
export function streamInput(origin: string, size: number | null, stream: Readable): ImportInput {
  let opened = false;
  return {
    origin,
    size,
    mtime: null,
    upload: true,
    open: (offset) => {
      if (opened || offset !== 0) throw new Error('an uploaded stream can only be read once, from the start');
      opened = true;
      return stream;
    },
  };
}
