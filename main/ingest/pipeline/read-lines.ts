import { detectDocumentFormat } from '../registry';
import type { CsvMapping, Format, FormatChoice } from '../types';
import { CsvAssembler } from './csv-records';
import { DecompressionError } from './decode';
import { LineSplitter } from './lines';
import { looksOctetCounted } from './read-frames';
import type { RunState } from './runner';

export type ReadMode = { kind: 'lines' } | { kind: 'frames' } | { kind: 'csv' } | { kind: 'document'; format: Format };

/**
 * How the input is read, from its head: CSV when a mapping is given (or the
 * format is csv), syslog frames for an octet-counted capture, a whole document for FHIR JSON / ATNA XML files (unless
 * another format was chosen explicitly), else line by line.
 */
export function chooseMode(head: Buffer, format: FormatChoice, csv: CsvMapping | undefined): ReadMode {
  if (csv) return { kind: 'csv' };
  if ((format === 'auto' || format === 'syslog') && looksOctetCounted(head)) return { kind: 'frames' };
  if (format !== 'auto' && format !== 'fhir' && format !== 'atna') return { kind: 'lines' };
  const text = new TextDecoder('utf-8').decode(head);
  const kind = detectDocumentFormat(text);
  if (kind === 'fhir-document' && format !== 'atna') return { kind: 'document', format: 'fhir' };
  if (kind === 'atna-document' && format !== 'fhir' && !oneElementPerLine(text)) return { kind: 'document', format: 'atna' };
  return { kind: 'lines' };
}

/** One XML message per line (an audit trail written line by line): read as lines, not as one document. */
function oneElementPerLine(text: string): boolean {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\n', 3)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length < 2 || !lines[1].startsWith('<')) return false;
  const m = /^<([A-Za-z_][\w:.-]*)[\s>/]/.exec(lines[0]);
  return m !== null && (lines[0].endsWith(`</${m[1]}>`) || lines[0].endsWith('/>'));
}

/** Slow inputs (uploads) still commit, so that progress and the resume point move. */
const MAX_COMMIT_DELAY_MS = 1000;

/**
 * A read chunk (1 MiB) is parsed 16 KiB at a time with a turn of the event loop in between. The batch
 * being committed meanwhile (Committer: one in flight) is a series of statements, and SQLCipher runs
 * each in the thread pool but only gets the next one when the main thread is free: parsing a whole
 * chunk in one go (≈ 150 ms) left the database thread idle most of that time.
 */
const SLICE_BYTES = 16 * 1024;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Line-based reading (and CSV records on top of lines): batches committed as they fill. */
export async function readLines(s: RunState, csv: boolean): Promise<void> {
  const { o, handler, committer } = s;
  const L = o.limits;
  const asm = csv && o.csv ? new CsvAssembler(handler, o.csv, s.options.csvHeader ?? null, L.maxLineBytes, s.start) : null;
  const splitter = new LineSplitter(asm ?? handler, {
    maxLineBytes: L.maxLineBytes,
    keepBytes: L.keepBytes,
    startOffset: s.start.offset,
    startLine: s.start.line,
  });
  let lastCommit = Date.now();
  const flush = async () => {
    if (asm && asm.header !== null) s.options.csvHeader = asm.header;
    const offset = asm ? asm.safeOffset : splitter.offset;
    const line = asm ? asm.safeLine : splitter.line;
    await committer.submit(handler.take(), offset, line);
    lastCommit = Date.now();
  };
  try {
    for await (const chunk of s.chunks) {
      for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
        if (at > 0) await turn();
        splitter.push(at === 0 && chunk.length <= SLICE_BYTES ? chunk : chunk.subarray(at, at + SLICE_BYTES));
      }
      asm?.advance(splitter.offset, splitter.line);
      const b = handler.batch;
      if (
        o.control.stop ||
        b.size >= L.batchEvents ||
        b.bytes >= L.batchBytes ||
        (b.size > 0 && Date.now() - lastCommit > MAX_COMMIT_DELAY_MS)
      ) {
        await flush();
      }
      s.progress.tick(s.rawBase + s.counter.raw, committer.totals);
      if (o.control.stop) return;
    }
    splitter.end();
    asm?.close();
    asm?.advance(splitter.offset, splitter.line);
  } catch (e) {
    if (!(e instanceof DecompressionError)) throw e;
    // What was read before stays; the unfinished line goes to quarantine with the reason.
    asm?.close();
    const pending = splitter.pending();
    const at = pending?.offset ?? splitter.offset;
    handler.failure('decompression', e.message, Buffer.from(pending?.head ?? Buffer.alloc(0)), at, `offset ${at}`);
    asm?.advance(splitter.offset, splitter.line);
    s.note = `Décompression arrêtée : ${e.message}`;
  }
  await flush();
}
