/**
 * Streaming splitter for syslog over a byte stream (TCP, TLS, files):
 *
 * - octet counting (RFC 6587 §3.4.1, RFC 5425 §4.3): `MSG-LEN SP SYSLOG-MSG`,
 *   MSG-LEN a decimal without leading zero. Recognised per frame: the frame
 *   starts with 1-10 digits, a space, and `<` (every SYSLOG-MSG starts with PRI),
 *   so a plain line that happens to start with a number is not mistaken for one;
 * - non-transparent framing (RFC 6587 §3.4.2): LF-terminated, a CR before the
 *   LF is dropped; blank lines (and the LF some senders add after an
 *   octet-counted frame) are skipped unless `keepEmpty`.
 *
 * A frame longer than `maxFrameBytes` is never buffered whole: the framer
 * keeps its first `headBytes`, skips the rest (the declared length for octet
 * counting, up to the next LF otherwise), then emits
 * `{ tooLong: true, bytes: <head>, … }` and resynchronises. At `end()` an incomplete octet-counted frame is returned as
 * is, prefix included, so it can be quarantined with its bytes.
 *
 * Buffers are not copied when a frame lies inside one chunk (`subarray`), and
 * a frame spread over many chunks is joined once.
 */
import { DEFAULT_LIMITS } from '../types';

export interface TooLongFrame {
  tooLong: true;
  /** The first bytes of the frame (at most `headBytes`). */
  bytes: Buffer;
  framing: 'lf' | 'octet';
  /** MSG-LEN of an octet-counted frame. */
  declaredLength?: number;
}

export type SyslogFrame = Buffer | TooLongFrame;

export interface FrameInfo {
  frame: SyslogFrame;
  framing: 'lf' | 'octet';
  /** Stream offset of the frame's first byte (MSG-LEN included). */
  offset: number;
  /** Stream offset just after the frame and its terminator (where the next frame starts). */
  end: number;
}

export interface FramerOptions {
  /** Longest frame accepted, in bytes (default 1 MiB). */
  maxFrameBytes?: number;
  /** Bytes kept from an over-long frame (default 4096). */
  headBytes?: number;
  /** Emit empty buffers for blank lines (default false). */
  keepEmpty?: boolean;
}

export function isTooLong(f: SyslogFrame): f is TooLongFrame {
  return !Buffer.isBuffer(f);
}

type State = 'start' | 'lf' | 'octet' | 'discard' | 'skip';

const LF = 10;
const CR = 13;
const SP = 32;
const EMPTY = Buffer.alloc(0);

export class SyslogFramer {
  private readonly max: number;
  private readonly headBytes: number;
  private readonly keepEmpty: boolean;
  private state: State = 'start';
  /** Bytes of the current frame received in earlier chunks. */
  private parts: Buffer[] = [];
  private partsLen = 0;
  /** Stream offset of the first byte of the data being processed. */
  private pos = 0;
  private frameStart = 0;
  /** Octet counting: MSG-LEN bytes still expected / to skip, and the prefix (for `end()`). */
  private need = 0;
  private prefix: Buffer = EMPTY;
  /** Over-long frame being skipped: emitted once its end is known. */
  private pendingTooLong: FrameInfo | null = null;
  private out: FrameInfo[] = [];

  constructor(options: FramerOptions = {}) {
    this.max = options.maxFrameBytes ?? DEFAULT_LIMITS.maxRecordBytes;
    this.headBytes = Math.min(options.headBytes ?? 4096, this.max);
    this.keepEmpty = options.keepEmpty ?? false;
  }

  /** Complete frames found so far. */
  push(chunk: Buffer): SyslogFrame[] {
    return this.pushDetailed(chunk).map((f) => f.frame);
  }

  /** Same as `push`, with each frame's framing and stream offsets. */
  pushDetailed(chunk: Buffer): FrameInfo[] {
    let data = chunk;
    while (data.length > 0) data = this.step(data);
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Whatever remains at the end of the stream. */
  end(): SyslogFrame[] {
    return this.endDetailed().map((f) => f.frame);
  }

  endDetailed(): FrameInfo[] {
    const rest = this.joinParts(EMPTY);
    const end = this.pos;
    if ((this.state === 'start' || this.state === 'lf') && rest.length > 0) {
      this.emitLine(rest, end);
    } else if (this.state === 'octet') {
      this.out.push({ frame: Buffer.concat([this.prefix, rest]), framing: 'octet', offset: this.frameStart, end });
    } else if (this.pendingTooLong) {
      this.finishTooLong();
    }
    this.reset();
    const out = this.out;
    this.out = [];
    return out;
  }

  private reset(): void {
    this.state = 'start';
    this.parts = [];
    this.partsLen = 0;
    this.need = 0;
    this.prefix = EMPTY;
  }

  private stash(data: Buffer): void {
    this.parts.push(data);
    this.partsLen += data.length;
    this.pos += data.length;
  }

  /** Earlier parts + `tail`, copied only when there are earlier parts. */
  private joinParts(tail: Buffer): Buffer {
    if (this.parts.length === 0) return tail;
    const all = Buffer.concat([...this.parts, tail], this.partsLen + tail.length);
    this.parts = [];
    this.partsLen = 0;
    return all;
  }

  private emitLine(line: Buffer, end: number): void {
    const body = line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, line.length - 1) : line;
    if (body.length === 0 && !this.keepEmpty) return;
    const frame: SyslogFrame =
      body.length > this.max ? { tooLong: true, bytes: Buffer.from(body.subarray(0, this.headBytes)), framing: 'lf' } : body;
    this.out.push({ frame, framing: 'lf', offset: this.frameStart, end });
  }

  /** Consumes a prefix of `data`; returns what is left. */
  private step(data: Buffer): Buffer {
    switch (this.state) {
      case 'start':
        return this.startFrame(data);
      case 'lf': {
        const idx = data.indexOf(LF);
        if (idx < 0) {
          if (this.partsLen + data.length > this.max) {
            const head = Buffer.concat([...this.parts, data.subarray(0, this.headBytes)]).subarray(0, this.headBytes);
            this.pendingTooLong = { frame: { tooLong: true, bytes: Buffer.from(head), framing: 'lf' }, framing: 'lf', offset: this.frameStart, end: 0 };
            this.parts = [];
            this.partsLen = 0;
            this.pos += data.length;
            this.state = 'discard';
            return EMPTY;
          }
          this.stash(data);
          return EMPTY;
        }
        const line = this.joinParts(data.subarray(0, idx));
        this.pos += idx + 1;
        this.emitLine(line, this.pos);
        this.state = 'start';
        return data.subarray(idx + 1);
      }
      case 'discard': {
        const idx = data.indexOf(LF);
        if (idx < 0) {
          this.pos += data.length;
          return EMPTY;
        }
        this.pos += idx + 1;
        this.finishTooLong();
        this.state = 'start';
        return data.subarray(idx + 1);
      }
      case 'octet': {
        const missing = this.need - this.partsLen;
        if (data.length < missing) {
          this.stash(data);
          return EMPTY;
        }
        const frame = this.joinParts(data.subarray(0, missing));
        this.pos += missing;
        this.out.push({ frame, framing: 'octet', offset: this.frameStart, end: this.pos });
        this.reset();
        return data.subarray(missing);
      }
      case 'skip': {
        const take = Math.min(this.need, data.length);
        this.need -= take;
        this.pos += take;
        if (this.need === 0) {
          this.finishTooLong();
          this.state = 'start';
        }
        return data.subarray(take);
      }
    }
  }

  /** An over-long frame is emitted once skipped, when its end offset is known. */
  private finishTooLong(): void {
    if (!this.pendingTooLong) return;
    this.out.push({ ...this.pendingTooLong, end: this.pos });
    this.pendingTooLong = null;
  }

  private startFrame(input: Buffer): Buffer {
    const data = this.parts.length > 0 ? this.joinParts(input) : input;
    if (data !== input) this.pos -= data.length - input.length;
    this.frameStart = this.pos;
    const c = data[0];
    if (c === LF) {
      this.pos += 1;
      if (this.keepEmpty) this.out.push({ frame: EMPTY, framing: 'lf', offset: this.frameStart, end: this.pos });
      return data.subarray(1);
    }
    if (c >= 49 && c <= 57) {
      let j = 1;
      while (j < data.length && j < 11 && data[j] >= 48 && data[j] <= 57) j++;
      if (j < 11 && (j === data.length || (data[j] === SP && j + 1 === data.length))) {
        this.stash(data);
        return EMPTY;
      }
      if (j < 11 && data[j] === SP && data[j + 1] === 60 /* < */) {
        const len = Number(data.toString('latin1', 0, j));
        this.pos += j + 1;
        if (len > this.max) {
          const head = Buffer.from(data.subarray(j + 1, j + 1 + Math.min(this.headBytes, len)));
          this.pendingTooLong = { frame: { tooLong: true, bytes: head, framing: 'octet', declaredLength: len }, framing: 'octet', offset: this.frameStart, end: 0 };
          this.state = 'skip';
          this.need = len;
        } else {
          this.state = 'octet';
          this.need = len;
          this.prefix = Buffer.from(data.subarray(0, j + 1));
        }
        return data.subarray(j + 1);
      }
    }
    this.state = 'lf';
    return data;
  }
}
