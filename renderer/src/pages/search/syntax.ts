import { ApiCallError } from '../../api/client';

/** A query the engine could not read: where (0-based UTF-16 offset, as in the input) and what it expected there. */
export interface QuerySyntaxError {
  position: number;
  expected: string[];
  message: string;
}

/** The syntax error carried by a failed `search.*` call (VALIDATION with `{position, expected}`), or null. */
export function syntaxErrorOf(error: unknown): QuerySyntaxError | null {
  if (!(error instanceof ApiCallError) || error.code !== 'VALIDATION') return null;
  const d = error.details as { position?: unknown; expected?: unknown } | undefined;
  if (!d || typeof d.position !== 'number') return null;
  const expected = Array.isArray(d.expected) ? d.expected.filter((x): x is string => typeof x === 'string') : [];
  return { position: d.position, expected, message: error.message };
}

/** i18n key of an `expected` code (some codes are punctuation). */
const CODE_KEYS: Record<string, string> = { ')': 'closeParen', ']': 'closeBracket', TO: 'to', '"': 'quote' };
export const EXPECTED_CODES = ['term', 'value', 'field', 'operator', 'end', ')', ']', 'TO', '"', 'character', 'number', 'date', 'boolean', 'severity', 'ip'];

export function expectedKey(code: string): string | null {
  if (!EXPECTED_CODES.includes(code)) return null;
  return `search.syntax.expected.${CODE_KEYS[code] ?? code}`;
}
