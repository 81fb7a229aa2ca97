import { isAscii, isUtf8 } from 'node:buffer';
import { checkUtf8 } from '../registry';

/** Receives the records of a line-based input, in order. */
export interface LineSink {
  /** A decodable line without its LF/CR, starting at byte `offset`, 1-based `line`. */
  text(text: string, offset: number, line: number): void;
  /** A line that is not UTF-8 or is over the limit; `raw` is a copy (the first `keepBytes` for 'too-long'). */
  bad(code: 'invalid-utf8' | 'too-long', reason: string, raw: Buffer, offset: number, line: number): void;
  /** An empty line (nothing before its LF but an optional CR): not a record, only counted. */
  blank(offset: number, line: number): void;
}

export interface SplitterOptions {
  maxLineBytes: number;
  keepBytes: number;
  /** Resume point: absolute offset and number of lines before it. */
  startOffset?: number;
  startLine?: number;
}

const LF = 10;
const CR = 13;

/**
 * Cuts a byte stream into lines (LF, a CR before it is dropped) and hands
 * them to a sink, tracking absolute byte offsets and line numbers.
 *
 * Hot path: the complete lines of a chunk are checked once (`isAscii`, else
 * `isUtf8`, both native), decoded once, and cut with `indexOf`; per line
 * there is one `slice` and nothing else. Only a chunk holding invalid UTF-8
 * is examined line by line. A line longer than `maxLineBytes` is never
 * buffered whole: its first `keepBytes` are kept, the rest is counted and
 * dropped until the next LF. Blank lines are not records: the sink counts them (`blank`).
 */
export class LineSplitter {
  private readonly max: number;
  private readonly keep: number;
  /** Absolute offset of the next byte to arrive. */
  private pos: number;
  /** Offset just after the last complete line: the resume point. */
  private done: number;
  private lines: number;
  /** Bytes of the current unterminated line (all of them, or the first `keep` when too long). */
  private carry: Buffer[] = [];
  private carryLen = 0;
  /** Total length of the current line when it is over the limit (-1 otherwise). */
  private longLen = -1;

  constructor(
    private readonly sink: LineSink,
    opts: SplitterOptions,
  ) {
    this.max = opts.maxLineBytes;
    this.keep = Math.min(opts.keepBytes, opts.maxLineBytes);
    this.pos = this.done = opts.startOffset ?? 0;
    this.lines = opts.startLine ?? 0;
  }

  /** Offset just after the last complete line. */
  get offset(): number {
    return this.done;
  }

  /** Lines completed so far (blank ones included). */
  get line(): number {
    return this.lines;
  }

  /** The unterminated line being read, if any: where it starts and its first bytes. */
  pending(): { offset: number; line: number; head: Buffer } | null {
    if (this.carryLen === 0 && this.longLen < 0) return null;
    return { offset: this.done, line: this.lines + 1, head: Buffer.concat(this.carry).subarray(0, this.keep) };
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.pos === 0 && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      // A byte-order mark opens the file, not its first record.
      start = 3;
      this.pos = this.done = 3;
    }
    const chunkBase = this.pos - start;
    this.pos += chunk.length - start;
    if (this.carryLen > 0 || this.longLen >= 0) {
      const lf = chunk.indexOf(LF, start);
      if (lf < 0) {
        this.append(chunk, start, chunk.length);
        return;
      }
      this.append(chunk, start, lf);
      this.finishCarry(chunkBase + lf + 1);
      start = lf + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last < start) {
      if (start < chunk.length) this.append(chunk, start, chunk.length);
      return;
    }
    this.region(chunk, start, last + 1, chunkBase);
    if (last + 1 < chunk.length) this.append(chunk, last + 1, chunk.length);
  }

  /** End of input: the last line may lack its LF. */
  end(): void {
    if (this.carryLen > 0 || this.longLen >= 0) this.finishCarry(this.pos);
  }

  // ------------------------------------------------------------------ internals

  private append(chunk: Buffer, s: number, e: number): void {
    const n = e - s;
    if (n <= 0) return;
    if (this.longLen >= 0) {
      this.longLen += n;
      this.keepPart(chunk, s, e);
      return;
    }
    if (this.carryLen + n > this.max) {
      // Over the limit from now on: keep only the head, let the rest of what was carried go.
      this.longLen = this.carryLen + n;
      if (this.carryLen > this.keep) {
        this.carry = [Buffer.from(Buffer.concat(this.carry, this.carryLen).subarray(0, this.keep))];
        this.carryLen = this.keep;
      }
      this.keepPart(chunk, s, e);
      return;
    }
    this.carry.push(chunk.subarray(s, e));
    this.carryLen += n;
  }

  /** Adds bytes to the kept head of an over-long line, up to `keep`. */
  private keepPart(chunk: Buffer, s: number, e: number): void {
    const room = this.keep - this.carryLen;
    if (room <= 0) return;
    const part = chunk.subarray(s, Math.min(e, s + room));
    this.carry.push(part);
    this.carryLen += part.length;
  }

  /** The carried line ended (its LF, if any, ends just before `end`). */
  private finishCarry(end: number): void {
    const offset = this.done;
    const line = this.lines + 1;
    const buf = this.carry.length === 1 ? this.carry[0] : Buffer.concat(this.carry, this.carryLen);
    const long = this.longLen;
    this.carry = [];
    this.carryLen = 0;
    this.longLen = -1;
    this.lines = line;
    this.done = end;
    if (long >= 0) {
      this.sink.bad('too-long', tooLongReason(long, this.max, buf.length), Buffer.from(buf), offset, line);
      return;
    }
    const n = buf.length > 0 && buf[buf.length - 1] === CR ? buf.length - 1 : buf.length;
    if (n === 0) {
      this.sink.blank(offset, line);
      return;
    }
    this.bufferLine(buf, 0, n, offset, line);
  }

  /** Complete lines [s, e) of `chunk` (e is just after an LF); `base` = absolute offset of chunk[0]. */
  private region(chunk: Buffer, s: number, e: number, base: number): void {
    const sub = chunk.subarray(s, e);
    if (isAscii(sub)) this.stringLines(chunk.toString('latin1', s, e), base + s, true);
    else if (isUtf8(sub)) this.stringLines(chunk.toString('utf8', s, e), base + s, false);
    else this.bufferLines(chunk, s, e, base);
    this.done = base + e;
  }

  private stringLines(str: string, base: number, ascii: boolean): void {
    const sink = this.sink;
    const max = this.max;
    let line = this.lines;
    let offset = base;
    let p = 0;
    const len = str.length;
    while (p < len) {
      const nl = str.indexOf('\n', p);
      line++;
      let end = nl;
      if (end > p && str.charCodeAt(end - 1) === CR) end--;
      if (end > p) {
        const text = str.slice(p, end);
        const textBytes = ascii ? end - p : Buffer.byteLength(text, 'utf8');
        this.lines = line;
        if (textBytes > max) {
          const raw = Buffer.from(text.slice(0, this.keep), ascii ? 'latin1' : 'utf8').subarray(0, this.keep);
          sink.bad('too-long', tooLongReason(textBytes, max, this.keep), raw, offset, line);
        } else {
          sink.text(text, offset, line);
        }
        offset += textBytes + (nl + 1 - end);
      } else {
        this.lines = line;
        sink.blank(offset, line);
        offset += nl + 1 - p;
      }
      p = nl + 1;
    }
    this.lines = line;
  }

  /** Slow path: lines checked one by one (the chunk holds invalid UTF-8 somewhere). */
  private bufferLines(chunk: Buffer, s: number, e: number, base: number): void {
    let p = s;
    while (p < e) {
      const nl = chunk.indexOf(LF, p);
      const line = ++this.lines;
      let end = nl;
      if (end > p && chunk[end - 1] === CR) end--;
      if (end > p) this.bufferLine(chunk, p, end, base + p, line);
      else this.sink.blank(base + p, line);
      p = nl + 1;
    }
  }

  private bufferLine(buf: Buffer, s: number, e: number, offset: number, line: number): void {
    const bytes = buf.subarray(s, e);
    if (e - s > this.max) {
      this.sink.bad('too-long', tooLongReason(e - s, this.max, this.keep), Buffer.from(bytes.subarray(0, this.keep)), offset, line);
      return;
    }
    if (isUtf8(bytes)) {
      this.sink.text(bytes.toString('utf8'), offset, line);
      return;
    }
    this.sink.bad('invalid-utf8', checkUtf8(bytes) ?? 'invalid UTF-8', Buffer.from(bytes), offset, line);
  }
}

function tooLongReason(total: number, max: number, kept: number): string {
  return `line of ${total} bytes is over the limit of ${max} bytes; only the first ${Math.min(kept, total)} bytes are kept`;
}
