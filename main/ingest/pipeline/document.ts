import { checkUtf8 } from '../registry';
import type { Format } from '../types';
import { DecompressionError } from './decode';
import { splitBatch } from './records';
import type { RunState } from './runner';

/**
 * Whole-document reading (FHIR JSON resource or Bundle, ATNA XML): the only
 * place a file is held in memory, bounded by `maxDocumentBytes` — past it,
 * the first `keepBytes` are kept for the quarantine and the rest is only
 * counted. The document's events are committed in batches; the resume point
 * moves to the end only with the last one (a document is all or nothing,
 * and its events are deduplicated if it is read again).
 */
export async function readDocument(s: RunState, format: Format): Promise<void> {
  const { o, handler, committer } = s;
  const L = o.limits;
  const parts: Buffer[] = [];
  let total = 0;
  let kept = 0;
  let over = false;
  let failure: string | null = null;
  try {
    for await (const chunk of s.chunks) {
      total += chunk.length;
      if (!over && total > L.maxDocumentBytes) over = true;
      const room = (over ? L.keepBytes : L.maxDocumentBytes) - kept;
      if (room > 0) {
        const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
        parts.push(part);
        kept += part.length;
      }
      s.progress.tick(s.rawBase + s.counter.raw, committer.totals);
      if (o.control.stop) return;
    }
  } catch (e) {
    if (!(e instanceof DecompressionError)) throw e;
    failure = e.message;
  }
  const buf = Buffer.concat(parts, kept);
  if (failure !== null) {
    handler.failure('decompression', failure, Buffer.from(buf.subarray(0, L.keepBytes)), 0, 'document');
    s.note = `Décompression arrêtée : ${failure}`;
  } else if (over) {
    const reason = `document of ${total} bytes is over the limit of ${L.maxDocumentBytes} bytes; only the first ${kept} bytes are kept`;
    handler.failure('too-long', reason, Buffer.from(buf.subarray(0, L.keepBytes)), 0, 'document');
  } else {
    const bad = checkUtf8(buf);
    if (bad) handler.failure('invalid-utf8', bad, buf, 0, 'document');
    else {
      const text = buf.toString('utf8').replace(/^\uFEFF/, '');
      handler.document(text, format, { ...s.ctx, limits: { ...s.ctx.limits, maxRecordBytes: L.maxDocumentBytes } });
    }
  }
  const batches = splitBatch(handler.take(), L.batchEvents);
  for (let i = 0; i < batches.length; i++) {
    const last = i === batches.length - 1;
    await committer.submit(batches[i], last ? total : 0, last ? 1 : 0);
  }
}
