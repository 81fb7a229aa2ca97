/** French wording of the patient access report (values not listed are shown as stored). */
import { DateTime } from 'luxon';

export const PARIS = 'Europe/Paris';

/** `23/11/2026 14:05` in Paris time. */
export function formatParis(ms: number): string {
  return DateTime.fromMillis(ms, { zone: PARIS }).toFormat('dd/MM/yyyy HH:mm');
}

const ACTIONS: Record<string, string> = {
  'patient-record-read': 'Consultation du dossier',
  'patient-record-update': 'Modification du dossier',
  'patient-record-export': 'Export du dossier',
  'study-retrieve': 'Consultation d’imagerie',
  'study-store': 'Archivage d’imagerie',
  'teleconsultation-start': 'Début de téléconsultation',
  'teleconsultation-end': 'Fin de téléconsultation',
  'email-send': 'Envoi de messagerie',
  'email-receive': 'Réception de messagerie',
};

const PURPOSES: Record<string, string> = {
  TREAT: 'Soins',
  ETREAT: 'Urgence (bris de glace)',
  HPAYMT: 'Facturation',
  HOPERAT: 'Fonctionnement',
  HRESCH: 'Recherche',
  PATRQT: 'Demande du patient',
};

const OUTCOMES: Record<string, string> = { success: 'Réussi', failure: 'Refusé', unknown: 'Inconnu' };

export const actionLabel = (action: string): string => ACTIONS[action] ?? action;
export const purposeLabel = (purpose: string | null): string => (purpose ? (PURPOSES[purpose] ?? purpose) : 'Non précisé');
export const outcomeLabel = (outcome: string): string => OUTCOMES[outcome] ?? outcome;
