/**
 * Names and places of the demo dataset: a regional GRADeS (e-health hub) in
 * Auvergne-Rhône-Alpes, its hub services and the hospitals using them.
 * FINESS numbers are made up (valid format and Luhn key, not real entries).
 */

export const HUB_DOMAIN = 'grades-ara.local';

export type ServiceName = 'SRI' | 'ROR' | 'MSSante' | 'PACS' | 'Telemedecine' | 'Portail-Coordination';
export const SERVICES: readonly ServiceName[] = ['SRI', 'ROR', 'MSSante', 'PACS', 'Telemedecine', 'Portail-Coordination'];

/** Share of background events per service. */
export const SERVICE_WEIGHTS: readonly (readonly [ServiceName, number])[] = [
  ['SRI', 30],
  ['Portail-Coordination', 25],
  ['MSSante', 18],
  ['ROR', 10],
  ['PACS', 10],
  ['Telemedecine', 7],
];

export const DATASETS: Record<ServiceName, string> = {
  SRI: 'sri.auth',
  ROR: 'ror.audit',
  MSSante: 'mssante.mail',
  PACS: 'pacs.audit',
  Telemedecine: 'telemedecine.audit',
  'Portail-Coordination': 'portail.audit',
};

export const ROLES = ['médecin', 'infirmier', 'secrétaire médicale', 'administrateur'] as const;
export type DemoRole = (typeof ROLES)[number];

export interface Structure {
  name: string;
  finess: string;
  /** Internet domain, also used for MSSanté addresses (`<domain>.mssante.fr`). */
  domain: string;
  /** Second octet of the structure's private range 10.x.0.0/16. */
  subnet: number;
  /** How many staff of each role get accounts on the hub. */
  staff: Record<DemoRole, number>;
}

/** Luhn check digit, as used for the FINESS key. */
export function luhnKey(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const finess = (first8: string): string => first8 + luhnKey(first8);
const staff = (m: number, i: number, s: number, a: number): Record<DemoRole, number> => ({
  médecin: m,
  infirmier: i,
  'secrétaire médicale': s,
  administrateur: a,
});

export const STRUCTURES: readonly Structure[] = [
  { name: 'CH de Montélimar', finess: finess('26001873'), domain: 'ch-montelimar.fr', subnet: 26, staff: staff(5, 3, 2, 1) },
  { name: 'CHU Grenoble Alpes', finess: finess('38078042'), domain: 'chu-grenoble.fr', subnet: 38, staff: staff(9, 6, 3, 2) },
  { name: 'CH de Valence', finess: finess('26002171'), domain: 'ch-valence.fr', subnet: 27, staff: staff(5, 3, 2, 1) },
  { name: 'CH Annecy Genevois', finess: finess('74078132'), domain: 'ch-annecygenevois.fr', subnet: 74, staff: staff(5, 4, 2, 1) },
  { name: 'CH Métropole Savoie', finess: finess('73078419'), domain: 'ch-metropole-savoie.fr', subnet: 73, staff: staff(5, 3, 2, 1) },
  { name: 'CH Lucien Hussel Vienne', finess: finess('38078096'), domain: 'ch-vienne.fr', subnet: 39, staff: staff(3, 2, 1, 1) },
  { name: "CH d'Ardèche Nord", finess: finess('07078011'), domain: 'ch-ardeche-nord.fr', subnet: 7, staff: staff(3, 2, 1, 1) },
];

export const FIRST_NAMES = [
  'Camille', 'Julien', 'Claire', 'Nicolas', 'Sophie', 'Thomas', 'Isabelle', 'Mathieu', 'Nathalie', 'Antoine',
  'Émilie', 'Sébastien', 'Aurélie', 'Guillaume', 'Céline', 'Maxime', 'Sandrine', 'Pierre', 'Hélène', 'François',
  'Laure', 'Olivier', 'Manon', 'Romain', 'Chloé', 'Baptiste', 'Élodie', 'Vincent', 'Juliette', 'Benoît',
  'Anaïs', 'Jérôme', 'Margaux', 'Laurent', 'Pauline', 'Cédric', 'Inès', 'Hugo', 'Agnès', 'Yann',
] as const;

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand',
  'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Chevalier', 'Perrin',
  'Gauthier', 'Brun', 'Chabert', 'Reynaud', 'Arnaud', 'Barthélemy', 'Jacquet', 'Vial',
] as const;

/** Hub applications users sign in to through the SRI (OIDC client ids). */
export const SRI_CLIENTS = ['portail-coordination', 'mssante-webmail', 'ror-ihm', 'telemedecine', 'pacs-viewer'] as const;

/** External MSSanté correspondents (liberal practitioners, labs). */
export const EXTERNAL_MSS_DOMAINS = ['medecin.mssante.fr', 'pharmacien.mssante.fr', 'infirmier.mssante.fr', 'labo-biomed.mssante.fr'];

/** Home broadband prefixes (first two octets) used by teleworking staff. */
export const HOME_PREFIXES = ['90.12', '86.247', '78.194', '176.143', '37.169', '92.184', '82.64'] as const;

/** Hub servers per service (host.name). PACS events come from each hospital's own PACS. */
export const HUB_HOSTS: Record<Exclude<ServiceName, 'PACS'>, readonly string[]> = {
  SRI: [`sri-idp-01.${HUB_DOMAIN}`, `sri-idp-02.${HUB_DOMAIN}`],
  ROR: [`ror-api-01.${HUB_DOMAIN}`],
  MSSante: [`mss-relay-01.${HUB_DOMAIN}`, `mss-relay-02.${HUB_DOMAIN}`],
  Telemedecine: [`telemed-app-01.${HUB_DOMAIN}`],
  'Portail-Coordination': [`portail-coord-01.${HUB_DOMAIN}`, `portail-coord-02.${HUB_DOMAIN}`],
};

export const HUB_IPS: Record<string, string> = {
  [`sri-idp-01.${HUB_DOMAIN}`]: '10.200.1.11',
  [`sri-idp-02.${HUB_DOMAIN}`]: '10.200.1.12',
  [`ror-api-01.${HUB_DOMAIN}`]: '10.200.2.21',
  [`mss-relay-01.${HUB_DOMAIN}`]: '10.200.3.31',
  [`mss-relay-02.${HUB_DOMAIN}`]: '10.200.3.32',
  [`telemed-app-01.${HUB_DOMAIN}`]: '10.200.4.41',
  [`portail-coord-01.${HUB_DOMAIN}`]: '10.200.5.51',
  [`portail-coord-02.${HUB_DOMAIN}`]: '10.200.5.52',
};

export function pacsHost(s: Structure): string {
  return `pacs01.${s.domain}`;
}

/** DICOM modality AE titles sending studies to a hospital PACS. */
export const MODALITIES = ['CT_SCAN01', 'IRM_1_5T', 'RX_URG02', 'ECHO_CARDIO', 'MAMMO01', 'RX_BLOC'] as const;

/** Lower-case ASCII login from a name: "Élodie Lefèvre" → "elodie.lefevre". */
export function asciiLogin(first: string, last: string): string {
  const clean = (s: string) =>
    s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '-');
  return `${clean(first)}.${clean(last)}`;
}
