import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { PipelineLimits } from './limits';

/** Gzip corrupt, truncated, or over the expansion limits (bomb): becomes one 'decompression' quarantine entry. */
export class DecompressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecompressionError';
  }
}

/** Counts raw (on-disk / uploaded) bytes read, for progress. */
export interface RawCounter {
  raw: number;
}

const GZIP_SLICE = 64 * 1024;

function isGzip(b: Buffer): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/**
 * The decoded bytes of `raw`: the bytes themselves, or, when they start with
 * the gzip magic (whatever the file name), the gunzipped stream. Streaming
 * only: zlib runs in the thread pool and is fed 64 KiB at a time, so the
 * expansion ratio is checked continuously (`bytesWritten` = compressed bytes
 * consumed) and a bomb is stopped after a bounded amount of output.
 * `onGzip` is told once whether the input is compressed.
 */
export async function* decodedChunks(
  raw: Readable,
  limits: PipelineLimits,
  counter: RawCounter,
  onGzip: (gzip: boolean) => void,
): AsyncGenerator<Buffer> {
  const it = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: Buffer = Buffer.alloc(0);
  try {
    while (first.length < 2) {
      const n = await it.next();
      if (n.done) break;
      counter.raw += n.value.length;
      first = first.length ? Buffer.concat([first, n.value]) : n.value;
    }
    const gzip = isGzip(first);
    onGzip(gzip);
    if (!gzip) {
      if (first.length) yield first;
      for (;;) {
        const n = await it.next();
        if (n.done) return;
        counter.raw += n.value.length;
        yield n.value;
      }
    }
    yield* gunzip(first, it, limits, counter);
  } finally {
    raw.destroy();
  }
}

async function* gunzip(
  first: Buffer,
  it: AsyncIterator<Buffer>,
  limits: PipelineLimits,
  counter: RawCounter,
): AsyncGenerator<Buffer> {
  const gz = createGunzip({ chunkSize: GZIP_SLICE });
  // Errors reach the consumer through its iterator; once it has stopped (cancel, bomb), a late one is moot.
  gz.on('error', () => undefined);
  const stop = new AbortController();
  let sourceError: unknown;
  const feed = (async () => {
    try {
      let c: Buffer | undefined = first;
      while (c) {
        for (let i = 0; i < c.length; i += GZIP_SLICE) {
          if (stop.signal.aborted) return;
          if (!gz.write(c.subarray(i, i + GZIP_SLICE))) await once(gz, 'drain', { signal: stop.signal });
        }
        let n: IteratorResult<Buffer>;
        try {
          n = await it.next();
        } catch (e) {
          sourceError = e; // the input failed (read error, upload aborted), not the gzip data
          throw e;
        }
        if (stop.signal.aborted) return;
        if (n.done) break;
        counter.raw += n.value.length;
        c = n.value;
      }
      gz.end();
    } catch (e) {
      // A zlib error reaches the consumer through the stream itself.
      if (!stop.signal.aborted && e === sourceError) gz.destroy(e as Error);
    }
  })();
  let out = 0;
  try {
    for await (const chunk of gz as AsyncIterable<Buffer>) {
      out += chunk.length;
      if (out > limits.gzipMaxBytes) {
        throw new DecompressionError(
          `gzip expands to more than ${limits.gzipMaxBytes} bytes (limit): decompression stopped (gzip bomb?)`,
        );
      }
      const consumed = Math.max(1, gz.bytesWritten);
      if (out > limits.gzipRatioAfterBytes && out > consumed * limits.gzipMaxRatio) {
        throw new DecompressionError(
          `gzip expansion ratio over ${limits.gzipMaxRatio}:1 (${out} bytes from ${consumed} compressed): ` +
            'decompression stopped (gzip bomb?)',
        );
      }
      yield chunk;
    }
  } catch (e) {
    if (e instanceof DecompressionError) throw e;
    if (sourceError !== undefined && e === sourceError) throw e;
    throw new DecompressionError(`gzip data corrupt or truncated: ${(e as Error).message}`);
  } finally {
    // The feeder ends by itself once the raw stream is destroyed by the caller (never awaited here:
    // it may be waiting for bytes that will never come, e.g. an upload being aborted).
    stop.abort();
    gz.destroy();
    void feed;
  }
}
