/** Test identities. The strong phrase is long and unrelated words; the weak one is a common password. */
export const OPERATOR = { name: 'Camille Laurent', role: 'rssi' as const };
export const STRONG_PASSPHRASE = 'glycine phare Ouessant marée 47 violoncelle';
export const WEAK_PASSPHRASE = 'motdepasse1';
export const WRONG_PASSPHRASE = 'glycine phare Ouessant marée 48 violoncelle';
