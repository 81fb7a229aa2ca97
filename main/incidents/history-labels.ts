/** French wording of incident history rows (automatic timeline entries, reports). */
import { severityLabel } from './labels';
import { categoryInfo, PHASE_LABELS, type Phase } from './model';

export interface HistoryText {
  title: string;
  content: string;
}

const phase = (p: string | null) => (p && p in PHASE_LABELS ? PHASE_LABELS[p as Phase] : (p ?? '—'));
const change = (from: string | null, to: string | null) => `${from ?? '—'} → ${to ?? '—'}`;
const TASK_FIELDS: Record<string, string> = {
  title: 'titre',
  description: 'description',
  owner: 'responsable',
  due: 'échéance',
  status: 'statut',
  phase: 'phase',
};
const TASK_STATUS: Record<string, string> = { todo: 'à faire', in_progress: 'en cours', done: 'faite', cancelled: 'annulée' };

/** Title and detail of one history row. */
export function describeHistory(field: string, from: string | null, to: string | null): HistoryText {
  const addRemove = (what: string, fem = false) =>
    to != null && from == null
      ? { title: `${what} ajouté${fem ? 'e' : ''} : ${to}`, content: '' }
      : from != null && to == null
        ? { title: `${what} retiré${fem ? 'e' : ''} : ${from}`, content: '' }
        : { title: `${what} modifié${fem ? 'e' : ''}`, content: change(from, to) };
  const task = /^task#(\d+)\.(\w+)$/.exec(field);
  if (task) {
    const [, id, attr] = task;
    const shown = (v: string | null) => (attr === 'status' && v ? (TASK_STATUS[v] ?? v) : attr === 'phase' ? phase(v) : v);
    return { title: `Tâche n°${id} : ${TASK_FIELDS[attr] ?? attr} modifié(e)`, content: change(shown(from), shown(to)) };
  }
  switch (field) {
    case 'created':
      return { title: `Incident créé : ${to ?? ''}`, content: '' };
    case 'title':
      return { title: 'Titre modifié', content: `« ${from ?? ''} » → « ${to ?? ''} »` };
    case 'description':
      return { title: 'Description modifiée', content: to ?? '' };
    case 'severity':
      return { title: `Gravité : ${severityLabel(from)} → ${severityLabel(to)}`, content: '' };
    case 'tlp':
      return { title: `TLP : ${change(from, to)}`, content: '' };
    case 'pap':
      return { title: `PAP : ${change(from, to)}`, content: '' };
    case 'category':
      return { title: `Catégorie : ${from ? categoryInfo(from).label : '—'} → ${to ? categoryInfo(to).label : '—'}`, content: '' };
    case 'phase':
      return { title: `Phase : ${phase(from)} → ${phase(to)}`, content: '' };
    case 'structure':
      return addRemove('Structure', true);
    case 'service':
      return addRemove('Service');
    case 'assignee':
      return addRemove('Membre assigné');
    case 'risk':
      return addRemove('Risque');
    case 'parent':
      return to != null
        ? { title: `Rattaché à l’incident parent n°${to}`, content: from ? `Ancien parent : n°${from}` : '' }
        : { title: `Détaché de l’incident parent n°${from ?? '?'}`, content: '' };
    case 'child':
      return to != null ? { title: `Incident enfant n°${to} rattaché`, content: '' } : { title: `Incident enfant n°${from ?? '?'} détaché`, content: '' };
    case 'merged_into':
      return { title: `Fusionné dans l’incident n°${to ?? '?'}`, content: '' };
    case 'merged_from':
      return { title: `Incident fusionné ici : n°${to ?? ''}`, content: '' };
    case 'alert':
      return to != null ? { title: `Alerte n°${to} rattachée`, content: '' } : { title: `Alerte n°${from ?? '?'} détachée`, content: '' };
    case 'events':
      return { title: `Événements liés : ${to ?? ''}`, content: '' };
    case 'observable':
      return { title: `Observable ajouté : ${to ?? ''}`, content: '' };
    case 'sightings':
      return { title: `Recherche d’observations : ${to ?? ''}`, content: '' };
    case 'task':
      return { title: `Tâche ajoutée : ${to ?? ''}`, content: '' };
    case 'playbook':
      return { title: `Playbook appliqué : ${to ?? ''}`, content: '' };
    case 'timeline':
      return { title: `Entrée de chronologie ajoutée : ${to ?? ''}`, content: '' };
    case 'timeline.import':
      return { title: `Chronologie importée : ${to ?? ''}`, content: '' };
    case 'evidence':
      return { title: `Preuve ajoutée : ${to ?? ''}`, content: '' };
    default:
      return { title: `${field} : ${change(from, to)}`, content: '' };
  }
}
