import { isUtf8 } from 'node:buffer';
import { isTooLong, SyslogFramer, type FrameInfo } from '../parsers/framing';
import { checkUtf8 } from '../registry';
import { DecompressionError } from './decode';
import type { RunState } from './runner';

/** An octet-counted syslog capture (RFC 6587 / 5425: `MSG-LEN SP <PRI>…`) starts like this. */
const OCTET_COUNTED = /^\d{1,10} </;

export function looksOctetCounted(head: Buffer): boolean {
  return OCTET_COUNTED.test(head.subarray(0, 16).toString('latin1'));
}

/**
 * Reading of a file captured from a syslog TCP/TLS stream with octet-counting
 * framing (frames may hold newlines): `SyslogFramer` cuts the frames, each is
 * one record at 'frame N'. LF-terminated frames mixed in are read too.
 */
export async function readFrames(s: RunState): Promise<void> {
  const { o, handler, committer } = s;
  const L = o.limits;
  const framer = new SyslogFramer({ maxFrameBytes: L.maxLineBytes, headBytes: L.keepBytes });
  handler.unit = 'frame';
  const base = s.start.offset;
  let frames = s.start.line;
  let safe = base;
  const take = (infos: FrameInfo[], final: boolean) => {
    for (const f of infos) {
      frames++;
      const offset = base + f.offset;
      safe = base + f.end;
      const frame = f.frame;
      if (isTooLong(frame)) {
        const reason = `frame over the limit of ${L.maxLineBytes} bytes; only the first ${frame.bytes.length} bytes are kept`;
        handler.bad('too-long', reason, Buffer.from(frame.bytes), offset, frames);
      } else if (final && f.framing === 'octet') {
        handler.failure('unparseable', 'octet-counted frame cut short by the end of the file', Buffer.from(frame), offset, `frame ${frames}`);
      } else if (!isUtf8(frame)) {
        handler.bad('invalid-utf8', checkUtf8(frame) ?? 'invalid UTF-8', Buffer.from(frame), offset, frames);
      } else {
        handler.text(frame.toString('utf8'), offset, frames);
      }
    }
  };
  const flush = () => committer.submit(handler.take(), safe, frames);
  try {
    for await (const chunk of s.chunks) {
      take(framer.pushDetailed(chunk), false);
      const b = handler.batch;
      if (o.control.stop || b.size >= L.batchEvents || b.bytes >= L.batchBytes) await flush();
      s.progress.tick(s.rawBase + s.counter.raw, committer.totals);
      if (o.control.stop) return;
    }
    take(framer.endDetailed(), true);
  } catch (e) {
    if (!(e instanceof DecompressionError)) throw e;
    handler.failure('decompression', e.message, Buffer.alloc(0), safe, `offset ${safe}`);
    s.note = `Décompression arrêtée : ${e.message}`;
  }
  await flush();
}
