/**
 * Cuts a CSV text into records (RFC 4180: a quoted field may hold newlines),
 * without splitting fields — csv-parse does that per record. One linear pass.
 *
 * A quote opens a quoted field only at the start of a field (after optional blanks); inside it `""`
 * is an escaped quote and a lone `"` closes it. When a quoted field is never
 * closed, or grows past `maxRecordBytes`, the damage is contained: only the
 * line where it opened becomes a (broken) record, and cutting resumes on the
 * next line, so one stray quote cannot swallow the rest of the file.
 */

export interface CsvChunk {
  /** The record text, without its line terminator. */
  text: string;
  /** 1-based line where it starts, and where it ends (quoted newlines). */
  line: number;
  endLine: number;
  /** Set when the cut was forced (unclosed quote or oversized record). */
  broken?: string;
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

function strip(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

export function* splitCsvRecords(text: string, delimiter: string, maxRecordChars: number): Generator<CsvChunk> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < text.length) {
    const start = pos;
    const startLine = line;
    let atFieldStart = true;
    let inQuotes = false;
    let broken: string | undefined;
    let end = -1;
    while (pos < text.length) {
      const ch = text[pos];
      if (inQuotes) {
        if (ch === '"') {
          if (text[pos + 1] === '"') pos += 2;
          else {
            inQuotes = false;
            pos++;
          }
          continue;
        }
        if (ch === '\n') line++;
        pos++;
        if (pos - start > maxRecordChars) {
          broken = `quoted field opened on line ${startLine} is longer than the record limit`;
          break;
        }
        continue;
      }
      if (ch === '\n') {
        end = pos;
        break;
      }
      if (ch === '"' && atFieldStart) {
        inQuotes = true;
        atFieldStart = false;
        pos++;
        continue;
      }
      if (text.startsWith(delimiter, pos)) {
        atFieldStart = true;
        pos += delimiter.length;
        continue;
      }
      if (ch !== ' ' && ch !== '\t') atFieldStart = false; // blanks before an opening quote are allowed
      pos++;
    }
    if (inQuotes && !broken) broken = `quote opened on line ${startLine} is never closed`;
    if (broken) {
      // Contain the damage: the opening line alone is the broken record.
      const stop = lineEnd(text, start);
      yield { text: strip(text.slice(start, stop)), line: startLine, endLine: startLine, broken };
      pos = stop + 1;
      line = startLine + 1;
      continue;
    }
    const stop = end < 0 ? text.length : end;
    yield { text: strip(text.slice(start, stop)), line: startLine, endLine: line };
    pos = stop + 1;
    line++;
  }
}
