/**
 * IHE ATNA / DICOM PS3.15 Annex A.5 audit messages (XML, RFC 3881 legacy
 * schema too). Input: a bare XML document (a file, a syslog payload whose
 * MSGID is `IHE+RFC-3881` handed over by the syslog parser through
 * `ctx.embedded('atna', …)`, or a listener frame). A document may hold
 * several `AuditMessage` elements (root, or under any container): one event
 * each, whose `event.original` is that element's verbatim text.
 *
 * Guards (atna-xml.ts): size, DOCTYPE/ENTITY refused (`dtd-forbidden`), depth, well-formedness.
 * If one message cannot be mapped, the whole document is quarantined with its index.
 */
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult, Parser } from '../types';
import { mapAuditMessage } from './atna-map';
import { auditMessageSlices, findAuditMessages, parseXmlSafely } from './atna-xml';
import { fail } from './json-safe';

export function parseAtnaDocument(text: string, ctx: ParseContext): ParseResult {
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trim();
  const parsed = parseXmlSafely(body, ctx);
  if (!parsed.ok) return parsed;
  const messages = findAuditMessages(parsed.doc);
  if (messages.length === 0) return fail('unparseable', 'XML document without any AuditMessage element');
  const slices = messages.length === 1 ? [body] : auditMessageSlices(body, messages.length);
  const events: NormalizedEvent[] = [];
  for (let i = 0; i < messages.length; i++) {
    const r = mapAuditMessage(messages[i], slices?.[i] ?? body, ctx);
    if (!r.ok) return messages.length === 1 ? r : fail(r.code, `AuditMessage ${i + 1}/${messages.length}: ${r.reason}`);
    events.push(...r.events);
  }
  return { ok: true, events };
}

export const atnaParser: Parser = {
  format: 'atna',
  sniff(record: string): number {
    const head = record.slice(0, 4096);
    if (/<(?:[A-Za-z_][\w.-]*:)?AuditMessage[\s>/]/.test(head)) return 0.98;
    return /^\uFEFF?\s*<(\?xml|[A-Za-z_])/.test(head) ? 0.3 : 0;
  },
  parse(record: string, ctx: ParseContext): ParseResult {
    try {
      return parseAtnaDocument(record, ctx);
    } catch (e) {
      return fail('unparseable', `ATNA mapping error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300));
    }
  },
};
