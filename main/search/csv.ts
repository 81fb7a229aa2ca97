/**
 * Minimal RFC 4180 CSV writer (csv-stringify is not a dependency): fields
 * separated by the delimiter, records by CRLF, a field quoted when it holds
 * the delimiter, a quote, CR or LF, quotes doubled inside quoted fields.
 *
 * Formula injection (CSV injection): a spreadsheet evaluates a cell starting
 * with `=`, `+`, `-`, `@` (and tab/CR, which some strip first); such cells are
 * prefixed with `'` so they are shown as text, never run (OWASP guidance).
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: null/undefined → empty, booleans → true/false, guarded against formulas. */
export function csvCell(value: CsvValue, delimiter = ',', guard = true): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (guard && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  const mustQuote = text.includes(delimiter) || /["\r\n]/.test(text);
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[], delimiter = ',', guard = true): string {
  return values.map((v) => csvCell(v, delimiter, guard)).join(delimiter);
}

/** Header (our own names, not guarded) + records, CRLF line ends (including after the last record). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], delimiter = ','): string {
  const lines = [csvRecord(header, delimiter, false), ...rows.map((r) => csvRecord(r, delimiter))];
  return `${lines.join('\r\n')}\r\n`;
}
