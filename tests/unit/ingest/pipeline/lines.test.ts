import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineSink } from '../../../../main/ingest/pipeline/lines';

type Rec = { kind: 'text'; text: string; offset: number; line: number } | { kind: string; raw: string; offset: number; line: number };

function collect(chunks: Buffer[], opts: { max?: number; keep?: number; startOffset?: number; startLine?: number } = {}) {
  const out: Rec[] = [];
  const sink: LineSink = {
    text: (text, offset, line) => out.push({ kind: 'text', text, offset, line }),
    bad: (kind, _reason, raw, offset, line) => out.push({ kind, raw: raw.toString('latin1'), offset, line }),
    blank: (offset, line) => out.push({ kind: 'blank', raw: '', offset, line }),
  };
  const s = new LineSplitter(sink, { maxLineBytes: opts.max ?? 1000, keepBytes: opts.keep ?? 16, ...opts });
  for (const c of chunks) s.push(c);
  const beforeEnd = s.offset;
  s.end();
  return { out, offset: s.offset, line: s.line, beforeEnd };
}

describe('LineSplitter', () => {
  it('cuts on LF, drops CR, reports blank lines apart, keeps byte offsets and line numbers', () => {
    const { out, offset, line } = collect([Buffer.from('a\r\n\nbé\r\n  \nlast')]);
    expect(out).toEqual([
      { kind: 'text', text: 'a', offset: 0, line: 1 },
      { kind: 'blank', raw: '', offset: 3, line: 2 },
      { kind: 'text', text: 'bé', offset: 4, line: 3 },
      { kind: 'text', text: '  ', offset: 9, line: 4 },
      { kind: 'text', text: 'last', offset: 12, line: 5 },
    ]);
    expect([offset, line]).toEqual([16, 5]);
  });

  it('reports blank lines on every path: CRLF, carried across chunks, invalid UTF-8 chunk', () => {
    const blanks = (chunks: Buffer[]) => collect(chunks).out.filter((r) => r.kind === 'blank').map((r) => [r.offset, r.line]);
    expect(blanks([Buffer.from('x\n\r\n\ny\n')])).toEqual([[2, 2], [4, 3]]);
    expect(blanks([Buffer.from('x\n\r'), Buffer.from('\ny')])).toEqual([[2, 2]]);
    expect(blanks([Buffer.concat([Buffer.from('\n'), Buffer.from([0xff]), Buffer.from('\n\n')])])).toEqual([[0, 1], [3, 3]]);
  });

  it('skips a byte-order mark at the start of the file only', () => {
    const { out } = collect([Buffer.from('\uFEFFone\n\uFEFFtwo\n')]);
    expect(out).toEqual([
      { kind: 'text', text: 'one', offset: 3, line: 1 },
      { kind: 'text', text: '\uFEFFtwo', offset: 7, line: 2 },
    ]);
  });

  it('reports invalid UTF-8 lines with their raw bytes, the others decoded', () => {
    const bad = Buffer.from([0x61, 0xff, 0x62]);
    const { out } = collect([Buffer.concat([Buffer.from('ok\n'), bad, Buffer.from('\r\nfine\n')])]);
    expect(out).toEqual([
      { kind: 'text', text: 'ok', offset: 0, line: 1 },
      { kind: 'invalid-utf8', raw: bad.toString('latin1'), offset: 3, line: 2 },
      { kind: 'text', text: 'fine', offset: 8, line: 3 },
    ]);
  });

  it('an over-long line across chunks keeps only its first bytes and never buffers the rest', () => {
    const big = Buffer.alloc(5000, 0x41);
    const chunks = [Buffer.from('x\n'), big.subarray(0, 1500), big.subarray(1500), Buffer.from('\ny\n')];
    const { out, offset } = collect(chunks, { max: 1000, keep: 10 });
    expect(out).toEqual([
      { kind: 'text', text: 'x', offset: 0, line: 1 },
      { kind: 'too-long', raw: 'A'.repeat(10), offset: 2, line: 2 },
      { kind: 'text', text: 'y', offset: 5003, line: 3 },
    ]);
    expect(offset).toBe(5005);
  });

  it('an over-long line arriving in small chunks keeps only its head too', () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(300, 0x42));
    const { out } = collect([...chunks, Buffer.from('\nz\n')], { max: 1000, keep: 10 });
    expect(out).toEqual([
      { kind: 'too-long', raw: 'B'.repeat(10), offset: 0, line: 1 },
      { kind: 'text', text: 'z', offset: 6001, line: 2 },
    ]);
  });

  it('an over-long line inside one chunk is cut too (ASCII and UTF-8 paths)', () => {
    const { out } = collect([Buffer.from(`${'é'.repeat(600)}\nok\n${'z'.repeat(1200)}\n`)], { max: 1000, keep: 4 });
    expect(out.map((r) => r.kind)).toEqual(['too-long', 'text', 'too-long']);
    expect(out[0]).toMatchObject({ raw: Buffer.from('éé').toString('latin1'), offset: 0 });
    expect(out[1]).toMatchObject({ text: 'ok', offset: 1201, line: 2 });
    expect(out[2]).toMatchObject({ raw: 'zzzz', offset: 1204, line: 3 });
  });

  it('the offset before end() is the end of the last complete line (resume point)', () => {
    const r = collect([Buffer.from('one\ntwo\nthr')]);
    expect(r.beforeEnd).toBe(8);
    expect(r.offset).toBe(11);
  });

  it('continues from a resume point with absolute offsets and line numbers', () => {
    const { out } = collect([Buffer.from('c\nd\n')], { startOffset: 100, startLine: 7 });
    expect(out).toEqual([
      { kind: 'text', text: 'c', offset: 100, line: 8 },
      { kind: 'text', text: 'd', offset: 102, line: 9 },
    ]);
  });

  it('gives the same records whatever the chunking (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('\n', '\r\n', 'é', '€', '😀', 'abc', ' ', '\t'),
      fc.uint8Array({ minLength: 1, maxLength: 3 }).map((a) => Buffer.from(a).toString('latin1')),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), (parts, cuts) => {
        const data = Buffer.from(parts.join(''), 'utf8');
        const whole = collect([data], { max: 50, keep: 8 });
        const chunks: Buffer[] = [];
        let p = 0;
        for (const c of cuts) {
          if (p >= data.length) break;
          chunks.push(data.subarray(p, p + c));
          p += c;
        }
        if (p < data.length) chunks.push(data.subarray(p));
        const split = collect(chunks, { max: 50, keep: 8 });
        expect(split.out).toEqual(whole.out);
        expect(split.offset).toBe(data.length);
        // Every line is accounted for exactly once: a record, a bad line or a blank line.
        expect(whole.out.map((r) => r.line)).toEqual(Array.from({ length: whole.line }, (_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });
});
