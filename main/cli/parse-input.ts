/**
 * Input side of `vigie parse`: a file or stdin as a stream of bytes, gunzipped
 * when it starts with the gzip magic (any name) under an expansion limit,
 * then cut into lines (LF, CRLF) without ever buffering more than the record
 * limit, or read whole (documents) under a size cap.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Decompression failed: corrupt gzip, or output over the expansion limit (bomb). */
export class DecompressionError extends Error {}

export interface ExpansionLimit {
  /** Output bytes always allowed, whatever the ratio. */
  floorBytes: number;
  /** Beyond the floor, output may not exceed `ratio` × compressed bytes read. */
  ratio: number;
}

export const DEFAULT_EXPANSION: ExpansionLimit = { floorBytes: 64 * 1024 * 1024, ratio: 200 };

export function openInput(path: string): AsyncIterable<Buffer> {
  return path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 256 * 1024 });
}

async function* counted(first: Buffer, rest: AsyncIterator<Buffer>, seen: { bytes: number }): AsyncGenerator<Buffer> {
  seen.bytes += first.length;
  yield first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) {
    seen.bytes += r.value.length;
    yield r.value;
  }
}

/** The bytes of `source`, gunzipped if they start with 1f 8b. `gzip.compressed` tells if it was. */
export async function* decodedBytes(
  source: AsyncIterable<Buffer>,
  limit: ExpansionLimit = DEFAULT_EXPANSION,
  gzip: { compressed?: boolean } = {},
): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.length < 2) {
    const more = await it.next();
    if (more.done) break;
    first = { done: false, value: Buffer.concat([first.value, more.value]) };
  }
  if (first.done) return;
  const head: Buffer = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value);
  if (!(head[0] === 0x1f && head[1] === 0x8b)) {
    gzip.compressed = false;
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    return;
  }
  gzip.compressed = true;
  const seen = { bytes: 0 };
  const gunzip = createGunzip();
  const input = Readable.from(counted(head, it, seen));
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  let out = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      out += chunk.length;
      if (out > limit.floorBytes && out > limit.ratio * Math.max(seen.bytes, 1)) {
        throw new DecompressionError(
          `gzip expands more than ${limit.ratio}× (${out} bytes from ${seen.bytes}): refused as a decompression bomb`,
        );
      }
      yield chunk;
    }
  } catch (e) {
    if (e instanceof DecompressionError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code?.startsWith('Z_') || /zlib|gzip|header|unexpected end/i.test(err.message)) {
      throw new DecompressionError(`corrupt gzip: ${err.message}`);
    }
    throw e;
  } finally {
    input.unpipe(gunzip);
    input.destroy();
    gunzip.destroy();
  }
}

/** Up to `size` bytes from the start, and an iterator over everything (head included). */
export async function peek(
  source: AsyncIterable<Buffer>,
  size: number,
): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    taken.push(r.value);
    length += r.value.length;
  }
  const head = Buffer.concat(taken);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head: head.subarray(0, size), all: all() };
}

export type InputLine =
  | { line: number; offset: number; bytes: Buffer; oversize?: undefined }
  /** A line over the limit: its bytes are not kept (only its length). */
  | { line: number; offset: number; oversize: number };

/**
 * Lines of `source` (terminator and a trailing CR removed), in batches (one per
 * input chunk, to keep async hops per chunk, not per line); a final empty line
 * after the last LF is not a line.
 */
export async function* readLines(source: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<InputLine[]> {
  let parts: Buffer[] = [];
  let partLen = 0;
  let dropped = 0; // bytes of an oversize line seen so far (0 = not dropping)
  let line = 1;
  let offset = 0; // byte offset of the current line's start
  let pos = 0; // byte offset of the current chunk's start
  const finish = (tail: Buffer): InputLine => {
    let item: InputLine;
    if (dropped > 0) item = { line, offset, oversize: dropped + tail.length };
    else {
      let bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
      item = bytes.length > maxBytes ? { line, offset, oversize: bytes.length } : { line, offset, bytes };
    }
    parts = [];
    partLen = 0;
    dropped = 0;
    return item;
  };
  for await (const chunk of source) {
    const batch: InputLine[] = [];
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
      batch.push(finish(chunk.subarray(from, nl)));
      line++;
      offset = pos + nl + 1;
      from = nl + 1;
    }
    const rest = chunk.subarray(from);
    if (dropped > 0) dropped += rest.length;
    else if (partLen + rest.length > maxBytes + 1) {
      dropped = partLen + rest.length;
      parts = [];
      partLen = 0;
    } else if (rest.length > 0) {
      parts.push(rest);
      partLen += rest.length;
    }
    pos += chunk.length;
    if (batch.length > 0) yield batch;
  }
  if (partLen > 0 || dropped > 0) yield [finish(Buffer.alloc(0))];
}

/** The whole input, or null when it is over `maxBytes` (the rest is drained, not kept). */
export async function readAll(source: AsyncIterable<Buffer>, maxBytes: number): Promise<{ bytes: Buffer | null; size: number }> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size <= maxBytes) parts.push(chunk);
    else parts.length = 0;
  }
  return { bytes: size <= maxBytes ? Buffer.concat(parts) : null, size };
}
