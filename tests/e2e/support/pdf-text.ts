import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** WinAnsi (CP1252) characters of the bytes 0x80–0x9F (the rest is Latin-1). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = { decode: (b: Buffer) => [...b].map((c) => (c >= 0x80 && c <= 0x9f ? CP1252[c - 0x80] : String.fromCharCode(c))).join('') };

/** A PDF string operand (`<48656c6c6f>` or `(Hello \(x\))`) in the standard fonts' WinAnsi encoding. */
function decodeString(token: string): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    return winAnsi.decode(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
  }
  const literal = token
    .slice(1, -1)
    .replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
      /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e,
    );
  return winAnsi.decode(Buffer.from(literal, 'latin1'));
}

/** Text shown by the content streams (Tj / TJ operators of Flate-compressed or plain streams), one line per operator. */
function textOfStreams(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const streamRe = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const body = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(body).toString('latin1');
    } catch {
      content = body.toString('latin1');
    }
    const ops = /\[((?:<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|[^\]])*)\]\s*TJ|(<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))\s*Tj/g;
    let op: RegExpExecArray | null;
    while ((op = ops.exec(content))) {
      const strings = op[1] !== undefined ? (op[1].match(/<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)/g) ?? []) : [op[2]];
      lines.push(strings.map(decodeString).join(''));
    }
    // Past the keyword: `endstream` itself ends with `stream`, which would otherwise be read as the next stream.
    streamRe.lastIndex = end + 'endstream'.length;
  }
  return lines.join('\n');
}

/**
 * The text of a PDF: `pdftotext` when installed, else the strings drawn by
 * its content streams (enough for the PDFs Vigie writes with the standard fonts).
 */
export function pdfText(path: string, pdf: Buffer): { text: string; tool: 'pdftotext' | 'streams' } {
  if (hasPdftotext()) return { text: execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }), tool: 'pdftotext' };
  return { text: textOfStreams(pdf), tool: 'streams' };
}

/** Whitespace collapsed, for comparisons across line breaks. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
