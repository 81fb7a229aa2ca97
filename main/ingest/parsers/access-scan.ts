/**
 * Splits one Apache/Nginx access line into its fields, in one linear pass:
 *
 *   [%v[:port] ]%h %l %u %t "%r" %>s %b[ "%{Referer}i" "%{User-agent}i"][ extra…]
 *
 * (common, combined, vhost-prefixed, and any trailing fields after the
 * combined ones — Nginx `$http_x_forwarded_for`, response times…). Quoted
 * fields keep Apache's backslash escapes verbatim. On failure it says which
 * field was expected at which column (1-based), without quoting the content.
 */

export interface AccessFields {
  vhost?: string;
  host: string;
  ident: string;
  user: string;
  time: string;
  request: string;
  status: number;
  bytes: string;
  referrer?: string;
  userAgent?: string;
  extra?: string;
}

export type AccessScan = { ok: true; fields: AccessFields } | { ok: false; reason: string };

class Cursor {
  pos = 0;
  constructor(readonly s: string) {}

  get done(): boolean {
    return this.pos >= this.s.length;
  }

  skipSpaces(): number {
    const start = this.pos;
    while (this.pos < this.s.length && (this.s[this.pos] === ' ' || this.s[this.pos] === '\t')) this.pos++;
    return this.pos - start;
  }

  /** A run of non-blank characters (may be empty). */
  token(): string {
    const start = this.pos;
    while (this.pos < this.s.length && this.s[this.pos] !== ' ' && this.s[this.pos] !== '\t') this.pos++;
    return this.s.slice(start, this.pos);
  }

  /** A `"…"` field with backslash escapes; undefined when not closed. Cursor on the opening quote. */
  quoted(): string | undefined {
    const start = ++this.pos;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === '"') return this.s.slice(start, this.pos++);
      else this.pos++;
    }
    return undefined;
  }

  col(): number {
    return this.pos + 1;
  }
}

function fail(reason: string): AccessScan {
  return { ok: false, reason: `not an Apache/Nginx access-log line: ${reason}` };
}

export function scanAccessLine(line: string): AccessScan {
  const c = new Cursor(line.replace(/\r?\n$/, ''));
  c.skipSpaces();
  // Up to four blank-separated fields before `[time]`: [vhost] host ident user.
  const head: string[] = [];
  while (!c.done && c.s[c.pos] !== '[' && head.length < 5) {
    head.push(c.token());
    c.skipSpaces();
  }
  if (c.s[c.pos] !== '[') {
    return fail(`expected "[time]" after the client, ident and user fields (column ${c.col()})`);
  }
  if (head.length !== 3 && head.length !== 4) {
    return fail(`expected 3 fields (host ident user) or 4 (vhost host ident user) before "[time]", found ${head.length}`);
  }
  const vhost = head.length === 4 ? head.shift() : undefined;
  const [host, ident, user] = head;
  const timeStart = c.pos + 1;
  const timeEnd = c.s.indexOf(']', timeStart);
  if (timeEnd < 0) return fail(`"[time]" opened at column ${timeStart} is not closed`);
  const time = c.s.slice(timeStart, timeEnd);
  c.pos = timeEnd + 1;
  if (c.skipSpaces() === 0 || c.s[c.pos] !== '"') return fail(`expected the quoted request "%r" at column ${c.col()}`);
  const requestCol = c.col();
  const request = c.quoted();
  if (request === undefined) return fail(`quoted request opened at column ${requestCol} is not closed`);
  if (c.skipSpaces() === 0) return fail(`expected the status code at column ${c.col()}`);
  const statusCol = c.col();
  const statusText = c.token();
  if (!/^[1-5]\d\d$/.test(statusText)) return fail(`expected a 3-digit HTTP status (100–599) at column ${statusCol}`);
  if (c.skipSpaces() === 0) return fail(`expected the response size (bytes or "-") at column ${c.col()}`);
  const bytesCol = c.col();
  const bytes = c.token();
  if (!/^(?:\d{1,19}|-)$/.test(bytes)) return fail(`expected the response size (bytes or "-") at column ${bytesCol}`);
  const fields: AccessFields = { vhost, host, ident, user, time, request, status: Number(statusText), bytes };
  c.skipSpaces();
  if (c.s[c.pos] === '"') {
    const save = c.pos;
    const referrer = c.quoted();
    const afterRef = c.pos;
    c.skipSpaces();
    const userAgent = referrer !== undefined && c.s[c.pos] === '"' ? c.quoted() : undefined;
    if (referrer !== undefined && userAgent !== undefined) {
      fields.referrer = referrer;
      fields.userAgent = userAgent;
    } else if (referrer !== undefined) {
      fields.referrer = referrer;
      c.pos = afterRef;
    } else {
      c.pos = save;
    }
    c.skipSpaces();
  }
  const extra = c.s.slice(c.pos).trim();
  if (extra !== '') fields.extra = extra;
  return { ok: true, fields };
}
