import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';
import type { PassphraseStrength } from '../api/contract';

/**
 * Passphrase strength, estimated with zxcvbn-ts using the common (passwords,
 * diceware, keyboard layouts incl. AZERTY) and French (common words, first
 * and last names, Wikipedia) dictionaries. Feedback sentences come from the
 * French translations: the UI is French-first and no English language pack
 * is installed. Accepted = score ≥ 3 (≥ 10^8 guesses) AND ≥ 12 characters.
 */

export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_PASSPHRASE_SCORE = 3;

/** Words an attacker targeting this deployment would try first; always penalised. */
const CONTEXT_WORDS = [
  'vigie',
  'coffre',
  'securite',
  'sécurité',
  'sante',
  'santé',
  'hopital',
  'hôpital',
  'chu',
  'ars',
  'rssi',
  'dpo',
  'incident',
  'taskforce',
];

let configured = false;
function configure(): void {
  if (configured) return;
  zxcvbnOptions.setOptions({
    translations: fr.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...fr.dictionary },
  });
  configured = true;
}

/**
 * Splits user inputs ("Jeanne Lefebvre-Martin") into what an attacker would
 * try: the whole string, each word, and the words glued together.
 */
export function expandUserInputs(inputs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of inputs) {
    const s = raw.normalize('NFC').trim().toLowerCase();
    if (!s) continue;
    out.add(s);
    const words = s.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
    for (const w of words) out.add(w);
    if (words.length > 1) out.add(words.join(''));
  }
  return [...out];
}

/** Scores `passphrase`; `userInputs` (operator name, structure…) count as known words. */
export function checkPassphraseStrength(passphrase: string, userInputs: readonly string[] = []): PassphraseStrength {
  configure();
  const normalised = passphrase.normalize('NFC');
  const length = [...normalised].length;
  if (length === 0) {
    return { score: 0, acceptable: false, warning: '', suggestions: [], minLength: MIN_PASSPHRASE_LENGTH };
  }
  const result = zxcvbn(normalised, [...expandUserInputs(userInputs), ...CONTEXT_WORDS]);
  const score = result.score;
  const suggestions = [...result.feedback.suggestions];
  if (length < MIN_PASSPHRASE_LENGTH) {
    suggestions.unshift(`Utilisez au moins ${MIN_PASSPHRASE_LENGTH} caractères (actuellement ${length}).`);
  }
  return {
    score,
    acceptable: score >= MIN_PASSPHRASE_SCORE && length >= MIN_PASSPHRASE_LENGTH,
    warning: result.feedback.warning ?? '',
    suggestions,
    minLength: MIN_PASSPHRASE_LENGTH,
  };
}
