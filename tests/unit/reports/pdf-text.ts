/**
 * Text of a PDF for assertions: `pdftotext` when installed, otherwise the
 * strings of the TJ/Tj operators of every FlateDecode stream (pdfkit writes
 * standard-font text as hex WinAnsi strings), one operator per line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/** WinAnsiEncoding (cp1252) bytes 0x80–0x9F; the rest is Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes: Buffer) =>
  [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join('');

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Decompressed content streams (latin1 strings). */
export function pdfStreams(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      out.push(inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1'));
    } catch {
      out.push(m[1]);
    }
  }
  return out;
}

function decodeOperators(content: string): string[] {
  const lines: string[] = [];
  for (const m of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const parts = m[1] !== undefined ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((p) => p[1]) : [m[2]];
    lines.push(parts.map((hex) => winAnsi(Buffer.from(hex, 'hex'))).join(''));
  }
  return lines;
}

export function pdfText(pdf: Buffer): { text: string; tool: 'pdftotext' | 'streams' } {
  if (hasPdftotext()) {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-pdf-'));
    try {
      const file = join(dir, 'r.pdf');
      writeFileSync(file, pdf);
      return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), tool: 'pdftotext' };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { text: pdfStreams(pdf).flatMap(decodeOperators).join('\n'), tool: 'streams' };
}
