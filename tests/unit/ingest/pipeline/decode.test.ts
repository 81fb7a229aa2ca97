import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodedChunks, DecompressionError } from '../../../../main/ingest/pipeline/decode';
import { DEFAULT_PIPELINE_LIMITS, pipelineLimits } from '../../../../main/ingest/pipeline/limits';

async function decode(parts: Buffer[], limits = DEFAULT_PIPELINE_LIMITS) {
  const counter = { raw: 0 };
  let gzip: boolean | undefined;
  const out: Buffer[] = [];
  let error: unknown = null;
  try {
    for await (const c of decodedChunks(Readable.from(parts), limits, counter, (g) => (gzip = g))) out.push(c);
  } catch (e) {
    error = e;
  }
  return { data: Buffer.concat(out), gzip, raw: counter.raw, error };
}

describe('decodedChunks', () => {
  it('passes plain bytes through and recognises gzip by its magic bytes, multi-member included', async () => {
    const text = Buffer.from('ligne 1\nligne 2\n');
    expect(await decode([text])).toMatchObject({ data: text, gzip: false, raw: text.length, error: null });
    const two = Buffer.concat([gzipSync('a\nb\n'), gzipSync('c\n')]);
    const r = await decode([two.subarray(0, 1), two.subarray(1)]);
    expect(r).toMatchObject({ gzip: true, raw: two.length, error: null });
    expect(r.data.toString()).toBe('a\nb\nc\n');
    expect(await decode([])).toMatchObject({ data: Buffer.alloc(0), gzip: false });
  });

  it('stops a bomb of short lines after about the warm-up amount, with the default limits', async () => {
    const bomb = gzipSync(Buffer.from('A\n'.repeat(16 * 1024 * 1024)), { level: 9 });
    const r = await decode([bomb]);
    expect(r.error).toBeInstanceOf(DecompressionError);
    expect((r.error as Error).message).toMatch(/ratio over 200:1/);
    expect(r.data.length).toBeGreaterThanOrEqual(DEFAULT_PIPELINE_LIMITS.gzipRatioAfterBytes);
    expect(r.data.length).toBeLessThan(4 * 1024 * 1024);
  });

  it('reports corrupt data as a DecompressionError, and a failing source as itself', async () => {
    const bad = Buffer.from(gzipSync('x'.repeat(10_000)));
    bad.fill(0xff, 12, 40);
    expect((await decode([bad])).error).toBeInstanceOf(DecompressionError);
    const failing = new Readable({
      read() {
        this.push(gzipSync('partial\n').subarray(0, 10));
        this.destroy(new Error('disk gone'));
      },
    });
    const counter = { raw: 0 };
    const it = decodedChunks(failing, pipelineLimits(), counter, () => undefined);
    await expect((async () => { for await (const _ of it) void _; })()).rejects.toThrow('disk gone');
  });
});
