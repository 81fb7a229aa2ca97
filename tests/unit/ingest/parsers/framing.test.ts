/**
 * Syslog stream framing: LF (RFC 6587 §3.4.2) and octet counting (RFC 6587 §3.4.1 / RFC 5425 §4.3),
 * detected per frame, with chunk boundaries anywhere and bounded frames.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTooLong, SyslogFramer, type FramerOptions, type FrameInfo, type SyslogFrame } from '../../../../main/ingest/parsers/framing';

const B = (s: string) => Buffer.from(s, 'utf8');
const octet = (msg: string) => `${Buffer.byteLength(msg)} ${msg}`;

/** Runs a stream through a framer, cut into the given chunk sizes (cycled). */
function frame(stream: Buffer, sizes: number[] = [stream.length || 1], options?: FramerOptions): FrameInfo[] {
  const f = new SyslogFramer(options);
  const out: FrameInfo[] = [];
  let i = 0;
  let k = 0;
  while (i < stream.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    out.push(...f.pushDetailed(stream.subarray(i, i + n)));
    i += n;
  }
  out.push(...f.endDetailed());
  return out;
}

const text = (frames: FrameInfo[]) => frames.map((f) => (isTooLong(f.frame) ? { tooLong: f.frame.bytes.toString('utf8') } : f.frame.toString('utf8')));

describe('LF framing', () => {
  it('splits lines, drops CR before LF, skips blank lines, keeps a last line without LF', () => {
    const out = frame(B('<13>a one\r\n\n<13>b two\n\r\n<13>c three'));
    expect(text(out)).toEqual(['<13>a one', '<13>b two', '<13>c three']);
  });

  it('keepEmpty emits blank lines', () => {
    expect(text(frame(B('a\n\nb\n'), undefined, { keepEmpty: true }))).toEqual(['a', '', 'b']);
  });

  it('a line starting with a number is octet-counted only with "<" after the space and no leading zero', () => {
    expect(text(frame(B('123 apples\n0 <13>x\n7 <13>abc')))).toEqual(['123 apples', '0 <13>x', '<13>abc']);
  });

  it('offsets cover the stream: frame bytes + terminator', () => {
    const stream = B('<13>a\r\n<13>bb\n\n<13>ccc');
    const out = frame(stream, [3]);
    expect(out.map((f) => [f.offset, f.end])).toEqual([[0, 7], [7, 14], [15, 22]]);
    for (const f of out) expect(stream.subarray(f.offset, f.end).toString().replace(/\r?\n$/, '')).toBe((f.frame as Buffer).toString());
  });
});

describe('octet counting', () => {
  const msgs = ['<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - \u00e9t\u00e9 \u2713', '<13>Jan  1 00:00:00 h a: multi\nline\nmessage', '<13>x'];

  it('reads frames back to back, with or without a trailing LF, whatever the chunking', () => {
    const stream = B(octet(msgs[0]) + octet(msgs[1]) + '\n' + octet(msgs[2]));
    for (const sizes of [[stream.length], [1], [2], [3], [7], [1, 5, 2], [64]]) {
      const out = frame(stream, sizes);
      expect(text(out)).toEqual(msgs);
      expect(out.every((f) => f.framing === 'octet')).toBe(true);
    }
  });

  it('a multi-byte UTF-8 character cut by a chunk boundary comes back whole', () => {
    const stream = B(octet('<13>é✓'));
    expect(text(frame(stream, [6, 1, 1, 1]))).toEqual(['<13>é✓']);
  });

  it('mixed framing in one stream', () => {
    const stream = B(`${octet(msgs[0])}<13>plain line\n${octet(msgs[1])}<13>another\r\n${octet(msgs[2])}`);
    const out = frame(stream, [5]);
    expect(text(out)).toEqual([msgs[0], '<13>plain line', msgs[1], '<13>another', msgs[2]]);
    expect(out.map((f) => f.framing)).toEqual(['octet', 'lf', 'octet', 'lf', 'octet']);
    for (const f of out) {
      const bytes = stream.subarray(f.offset, f.end).toString();
      expect(f.framing === 'octet' ? bytes.slice(bytes.indexOf(' ') + 1) : bytes.replace(/\r?\n$/, '')).toBe((f.frame as Buffer).toString());
    }
  });

  it('an incomplete frame at the end comes back as is, prefix included (to be quarantined)', () => {
    const out = frame(B('50 <13>only a part'), [4]);
    expect(text(out)).toEqual(['50 <13>only a part']);
  });

  it('a stream that ends inside the length comes back as a line', () => {
    expect(text(frame(B('12'), [1]))).toEqual(['12']);
  });
});

describe('over-long frames', () => {
  const options = { maxFrameBytes: 100, headBytes: 10 };

  it('LF: head kept, rest skipped up to the LF, then back in sync', () => {
    const long = '<13>' + 'x'.repeat(500);
    const out = frame(B(`<13>ok\n${long}\n<13>after\n`), [33], options);
    expect(text(out)).toEqual(['<13>ok', { tooLong: long.slice(0, 10) }, '<13>after']);
    expect(out[1].frame).toMatchObject({ tooLong: true, framing: 'lf' });
    expect([out[1].offset, out[1].end]).toEqual([7, 7 + 505]);
  });

  it('LF: an over-long line never buffered whole (memory bounded) even without any LF', () => {
    const f = new SyslogFramer(options);
    const chunk = B('y'.repeat(64));
    let emitted: SyslogFrame[] = [];
    for (let i = 0; i < 10_000; i++) emitted = emitted.concat(f.push(chunk));
    expect(emitted).toEqual([]);
    const end = f.end();
    expect(end.length).toBe(1);
    expect(isTooLong(end[0]) && end[0].bytes.toString()).toBe('y'.repeat(10));
  });

  it('octet: the declared length is skipped exactly, then back in sync', () => {
    const long = '<13>' + 'z'.repeat(296);
    const out = frame(B(`${octet(long)}${octet('<13>next')}`), [17], options);
    expect(text(out)).toEqual([{ tooLong: long.slice(0, 10) }, '<13>next']);
    expect(out[0].frame).toMatchObject({ tooLong: true, framing: 'octet', declaredLength: 300 });
    expect([out[0].offset, out[0].end]).toEqual([0, 304]);
  });

  it('a line exactly at the maximum is accepted', () => {
    const exact = 'a'.repeat(100);
    expect(text(frame(B(`${exact}\n${octet('<1>' + 'b'.repeat(97))}`), [9], options))).toEqual([exact, '<1>' + 'b'.repeat(97)]);
  });
});

describe('properties', () => {
  const message = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 120 })
    .map((s) => `<13>${s.replace(/[\r\n]/g, ' ')}`);

  it('any messages, any framing, any chunking → the same messages', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(message, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }),
        (items, sizes) => {
          const stream = Buffer.concat(items.map(([m, counted, lfAfter]) => B(counted ? octet(m) + (lfAfter ? '\n' : '') : `${m}${lfAfter ? '\r\n' : '\n'}`)));
          expect(text(frame(stream, sizes))).toEqual(items.map(([m]) => m));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes: never throws, frames bounded, offsets increasing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 5 }), (bytes, sizes) => {
        const out = frame(Buffer.from(bytes), sizes, { maxFrameBytes: 256, headBytes: 16 });
        let last = 0;
        for (const f of out) {
          expect(f.offset).toBeGreaterThanOrEqual(last);
          expect(f.end).toBeGreaterThan(f.offset);
          expect(f.end).toBeLessThanOrEqual(bytes.length);
          last = f.end;
          if (isTooLong(f.frame)) expect(f.frame.bytes.length).toBeLessThanOrEqual(16);
          else expect(f.frame.length).toBeLessThanOrEqual(256 + 12);
        }
      }),
      { numRuns: 300 },
    );
  });
});
