import type { CsvMapping, QuarantineCode } from '../types';
import type { LineSink } from './lines';
import type { RecordHandler } from './records';

/**
 * Groups lines into CSV records (a quoted field may hold newlines: a record
 * ends on a line where the quotes seen so far are balanced) and hands them to
 * the handler one by one. The first record is the header row when the mapping
 * says so. A record that never closes its quote is cut once it exceeds
 * `maxBytes`: its lines are then handed over one by one (damage contained).
 */
export class CsvAssembler implements LineSink {
  private lines: { text: string; offset: number; line: number }[] = [];
  private bytes = 0;
  private open = false;
  /** Offset and line count just after the last complete record: the resume point. */
  safeOffset: number;
  safeLine: number;

  constructor(
    private readonly handler: RecordHandler,
    private readonly mapping: CsvMapping,
    public header: string | null,
    private readonly maxBytes: number,
    start: { offset: number; line: number },
  ) {
    this.safeOffset = start.offset;
    this.safeLine = start.line;
  }

  text(text: string, offset: number, line: number): void {
    if (this.lines.length === 0) {
      this.safeOffset = offset;
      this.safeLine = line - 1;
    }
    this.lines.push({ text, offset, line });
    this.bytes += text.length + 1;
    if (oddQuotes(text)) this.open = !this.open;
    if (this.open && this.bytes <= this.maxBytes) return;
    if (this.open) {
      this.open = false;
      for (const l of this.lines.splice(0)) this.emit(l.text, l.offset, l.line, l.line);
      this.bytes = 0;
      return;
    }
    this.flush();
  }

  /** A blank line inside a quoted field is part of the value; elsewhere it is only counted. */
  blank(offset: number, line: number): void {
    if (this.open) {
      this.lines.push({ text: '', offset, line });
      this.bytes += 1;
      return;
    }
    this.handler.blank();
  }

  bad(code: QuarantineCode, reason: string, raw: Buffer, offset: number, line: number): void {
    this.close();
    this.handler.bad(code, reason, raw, offset, line);
  }

  /** Line splitter position after each line: where the next record starts when none is open. */
  advance(offset: number, line: number): void {
    if (this.lines.length === 0) {
      this.safeOffset = offset;
      this.safeLine = line;
    }
  }

  /** End of input, or a bad line in the middle of a quoted field: what is open becomes a record. */
  close(): void {
    this.open = false;
    if (this.lines.length) this.flush();
  }

  private flush(): void {
    const ls = this.lines;
    const first = ls[0];
    const last = ls[ls.length - 1];
    const text = ls.length === 1 ? first.text : ls.map((l) => l.text).join('\n');
    this.lines = [];
    this.bytes = 0;
    this.emit(text, first.offset, first.line, last.line);
  }

  private emit(text: string, offset: number, line: number, endLine: number): void {
    if (this.mapping.header && this.header === null) {
      this.header = text;
      return;
    }
    this.handler.csvRecord(text, offset, line, endLine, this.mapping, this.header);
  }
}

function oddQuotes(s: string): boolean {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return (n & 1) === 1;
}
