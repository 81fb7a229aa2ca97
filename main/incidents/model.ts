/**
 * Vocabulary of the incident workflow: TLP 2.0, PAP, phases, categories and
 * their ENISA classification, task statuses, observable types, and the
 * validation of FINESS numbers. Pure (no Node import): the API contract uses
 * these lists in its zod schemas.
 */

/** Traffic Light Protocol 2.0 (FIRST). */
export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLPS)[number];

/** Permissible Actions Protocol (what the recipient may do with the information). */
export const PAPS = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;
export type Pap = (typeof PAPS)[number];

export const PHASES = ['detection', 'qualification', 'confinement', 'eradication', 'remediation', 'cloture'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  detection: 'Détection',
  qualification: 'Qualification',
  confinement: 'Confinement',
  eradication: 'Éradication',
  remediation: 'Remédiation',
  cloture: 'Clôture',
};

export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const OBSERVABLE_TYPES = ['ip', 'domain', 'url', 'hash', 'email', 'account'] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];
export const HASH_TYPES = ['md5', 'sha1', 'sha256'] as const;
export type HashType = (typeof HASH_TYPES)[number];

export const CATEGORIES = [
  'ransomware',
  'phishing',
  'patient-data-leak',
  'ddos',
  'account-compromise',
  'provider-compromise',
  'other',
] as const;
export type IncidentCategory = (typeof CATEGORIES)[number];

/**
 * ENISA Reference Incident Classification Taxonomy (2018, derived from the
 * Reference Security Incident Taxonomy, "RSIT"): class and incident type of
 * each Vigie category, with the machine tag of the MISP `rsit` taxonomy.
 */
export interface EnisaClass {
  label: string;
  enisaClass: string;
  enisaType: string;
  /** MISP taxonomy machine tag, e.g. `rsit:fraud="phishing"`. */
  machineTag: string;
}

export const CATEGORY_INFO: Record<IncidentCategory, EnisaClass> = {
  ransomware: {
    label: 'Rançongiciel',
    enisaClass: 'Malicious Code',
    enisaType: 'Infected System',
    machineTag: 'rsit:malicious-code="infected-system"',
  },
  phishing: {
    label: 'Hameçonnage',
    enisaClass: 'Fraud',
    enisaType: 'Phishing',
    machineTag: 'rsit:fraud="phishing"',
  },
  'patient-data-leak': {
    label: 'Fuite de données patients',
    enisaClass: 'Information Content Security',
    enisaType: 'Leak of Confidential Information',
    machineTag: 'rsit:information-content-security="data-leak"',
  },
  ddos: {
    label: 'Déni de service distribué',
    enisaClass: 'Availability',
    enisaType: 'DDoS',
    machineTag: 'rsit:availability="ddos"',
  },
  'account-compromise': {
    label: 'Compromission de compte',
    enisaClass: 'Intrusions',
    enisaType: 'Unprivileged Account Compromise',
    machineTag: 'rsit:intrusions="unprivileged-account-compromise"',
  },
  'provider-compromise': {
    label: 'Compromission d’un prestataire',
    enisaClass: 'Intrusions',
    enisaType: 'System Compromise',
    machineTag: 'rsit:intrusions="system-compromise"',
  },
  other: {
    label: 'Autre',
    enisaClass: 'Other',
    enisaType: 'Undetermined',
    machineTag: 'rsit:other="undetermined"',
  },
};

export function isCategory(c: string): c is IncidentCategory {
  return (CATEGORIES as readonly string[]).includes(c);
}

/** Classification of a stored category (legacy free-text values fall back to "other"). */
export function categoryInfo(c: string): EnisaClass {
  return CATEGORY_INFO[isCategory(c) ? c : 'other'];
}

/** Luhn check digit of a string of digits (the FINESS key). */
export function luhnKey(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Why a FINESS number is invalid, or null when it is valid. Nine characters:
 * the département (2 digits, `2A`/`2B` in Corsica), six digits, and a key equal
 * to the Luhn check digit of the first eight (verified on published numbers such
 * as AP-HP 750712184, CHU de Bordeaux 330781196, HCL 690781810). For Corsica
 * the key's computation is not documented: only the format is checked.
 */
export function finessProblem(finess: string): string | null {
  if (/^2[AB]\d{7}$/.test(finess)) return null;
  if (!/^\d{9}$/.test(finess)) return 'Le numéro FINESS comporte 9 caractères (chiffres, 2A/2B pour la Corse).';
  if (luhnKey(finess.slice(0, 8)) !== Number(finess[8])) return `Clé du numéro FINESS ${finess} incorrecte.`;
  return null;
}

/** Control characters (C0, DEL, C1) and Unicode bidi controls: never in names shown or stored. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Trims, collapses inner whitespace and drops control characters of a one-line label. */
export function cleanLabel(s: string): string {
  return s.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim().normalize('NFC');
}
