/**
 * The folding of the incident list's free-text filter: what a French search box is expected to do.
 * SQLite's LIKE and lower() fold ASCII only (« é » ≠ « É »), so the text is matched here instead:
 * case and accents are ignored (« elodie », « ÉLODIE » and « Élodie » find « Élodie »), the ligatures
 * œ / æ read as oe / ae, typographic apostrophes as ', and no-break spaces as spaces.
 * Every character is literal (no wildcard).
 */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œŒ]/g, (c) => (c === 'œ' ? 'oe' : 'OE'))
    .replace(/[æÆ]/g, (c) => (c === 'æ' ? 'ae' : 'AE'))
    .replace(/[’‘ʼ]/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ')
    .toLowerCase();
}

/** A matcher of the folded needle in any of the given texts (null / undefined texts never match). */
export function textMatcher(needle: string): (...texts: (string | null | undefined)[]) => boolean {
  const folded = foldText(needle);
  return (...texts) => texts.some((t) => t != null && foldText(t).includes(folded));
}
