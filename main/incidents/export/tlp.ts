/**
 * TLP 2.0 (FIRST) for exports: the order of the labels, their wording and
 * colours, and the redaction of a snapshot for an export at a given TLP.
 *
 * An export is labelled with the TLP it is made at; everything marked ABOVE
 * it is stripped, and the export lists what was stripped (`redactions`).
 * Observables carry their own TLP; timeline entries and evidence theirs, or
 * the incident's when unset; tasks, the description, the structures, the
 * assignees, the history and the legal status carry the incident's. So an
 * export below the incident's TLP keeps only what was explicitly marked
 * shareable at that level, plus neutral metadata (category, severity, phase,
 * dates), and the title is replaced by a neutral one. Kept texts are scrubbed
 * of the values of stripped observables and the names of stripped evidence.
 */
import type { Redaction } from '../../api/ops/legal';
import { parisDate } from '../legal/time';
import { categoryInfo, TLPS, type Tlp } from '../model';
import type { IncidentSnapshot } from './snapshot';

export const tlpRank = (t: Tlp): number => TLPS.indexOf(t);
/** True when something marked `item` may appear in an export at `at`. */
export const allowedAt = (item: Tlp, at: Tlp): boolean => tlpRank(item) <= tlpRank(at);

/** FIRST TLP 2.0 colours (RGB text on black background) and French wording. */
export const TLP_STYLE: Record<Tlp, { color: string; label: string; meaning: string }> = {
  CLEAR: { color: '#FFFFFF', label: 'TLP:CLEAR', meaning: 'Diffusion libre, sous réserve des règles de droit d’auteur.' },
  GREEN: { color: '#33FF00', label: 'TLP:GREEN', meaning: 'Diffusion limitée à la communauté (pas de publication).' },
  AMBER: {
    color: '#FFC000',
    label: 'TLP:AMBER',
    meaning: 'Diffusion limitée à l’organisation du destinataire et à ses clients, selon le besoin d’en connaître.',
  },
  'AMBER+STRICT': { color: '#FFC000', label: 'TLP:AMBER+STRICT', meaning: 'Diffusion limitée à l’organisation du destinataire.' },
  RED: { color: '#FF2B2B', label: 'TLP:RED', meaning: 'Réservé aux seuls destinataires présents, aucune rediffusion.' },
};

export const SCRUBBED = '[retiré TLP]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every occurrence (case-insensitive) of the secrets; returns the text and how many were replaced. */
export function scrub(text: string, pattern: RegExp | null): { text: string; hits: number } {
  if (!pattern || !text) return { text, hits: 0 };
  let hits = 0;
  const out = text.replace(pattern, () => {
    hits++;
    return SCRUBBED;
  });
  return { text: out, hits };
}

export function secretsPattern(secrets: readonly string[]): RegExp | null {
  const uniq = [...new Set(secrets.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
  return uniq.length ? new RegExp(uniq.map(escapeRegExp).join('|'), 'gi') : null;
}

export interface RedactedSnapshot {
  snapshot: IncidentSnapshot;
  redactions: Redaction[];
  /** False when the incident's own content (description, tasks, history…) was withheld. */
  incidentContentKept: boolean;
}

/** The snapshot as it may be exported at `tlp` (a new object; the input is untouched). */
export function redactForTlp(source: IncidentSnapshot, tlp: Tlp): RedactedSnapshot {
  const s: IncidentSnapshot = structuredClone(source);
  const level = TLP_STYLE[tlp].label;
  const redactions: Redaction[] = [];
  const note = (section: string, removed: number, what: string) => {
    if (removed > 0) redactions.push({ section, removed, reason: `${removed} ${what} marqué(s) au-dessus de ${level} retiré(s).` });
  };
  const incidentTlp = s.incident.tlp;
  const keepIncident = allowedAt(incidentTlp, tlp);
  const effective = (t: Tlp | null) => t ?? incidentTlp;

  const droppedObs = s.observables.filter((o) => !allowedAt(o.tlp, tlp));
  s.observables = s.observables.filter((o) => allowedAt(o.tlp, tlp));
  note('observables', droppedObs.length, 'observable(s)');
  const droppedEvidence = s.evidence.filter((e) => !allowedAt(effective(e.tlp), tlp));
  s.evidence = s.evidence.filter((e) => allowedAt(effective(e.tlp), tlp));
  note('evidence', droppedEvidence.length, 'preuve(s)');
  const timelineBefore = s.timeline.length;
  s.timeline = s.timeline.filter((e) => allowedAt(effective(e.tlp), tlp));
  note('timeline', timelineBefore - s.timeline.length, 'entrée(s) de chronologie');

  if (!keepIncident) {
    const withheld = (section: string, removed: number, what: string) => {
      if (removed > 0) {
        redactions.push({ section, removed, reason: `${what} (${TLP_STYLE[incidentTlp].label}, comme l’incident) retiré(e)s : ${removed}.` });
      }
    };
    withheld('title', 1, 'Titre de l’incident');
    withheld('description', s.incident.description ? 1 : 0, 'Description');
    withheld('structures', s.incident.structures.length, 'Structures concernées');
    withheld('assignees', s.incident.assignees.length, 'Membres assignés');
    withheld('risks', s.incident.risks.length, 'Risques liés');
    withheld('tasks', s.tasks.length, 'Tâches');
    withheld('history', s.history.length, 'Entrées d’historique');
    withheld('alerts', s.alerts.length, 'Alertes liées');
    withheld('legal', (s.legal.ars ? 1 : 0) + (s.legal.breach ? 1 : 0), 'Statut légal (ARS, CNIL)');
    s.incident.title = `Incident ${categoryInfo(s.incident.category).label.toLowerCase()} du ${parisDate(Date.parse(s.incident.createdAt)).split('-').reverse().join('/')}`;
    s.incident.description = '';
    s.incident.structures = [];
    s.incident.assignees = [];
    s.incident.risks = [];
    s.tasks = [];
    s.history = [];
    s.alerts = [];
    s.linkedEvents = 0;
    s.legal = { ars: null, breach: null };
  }

  // Kept texts must not leak what was stripped.
  const pattern = secretsPattern([...droppedObs.map((o) => o.value), ...droppedEvidence.map((e) => e.name)]);
  let hits = 0;
  const clean = (t: string) => {
    const r = scrub(t, pattern);
    hits += r.hits;
    return r.text;
  };
  if (pattern) {
    s.incident.title = clean(s.incident.title);
    s.incident.description = clean(s.incident.description);
    for (const o of s.observables) o.description = clean(o.description);
    for (const e of s.evidence) e.description = clean(e.description);
    for (const t of s.tasks) Object.assign(t, { title: clean(t.title), description: clean(t.description) });
    for (const e of s.timeline) {
      Object.assign(e, { title: clean(e.title), content: clean(e.content), raw: clean(e.raw), source: clean(e.source) });
      e.assets = e.assets.map(clean);
      e.iocs = e.iocs.map(clean);
      e.tags = e.tags.map(clean);
    }
    for (const h of s.history) Object.assign(h, { from: h.from == null ? null : clean(h.from), to: h.to == null ? null : clean(h.to) });
    const b = s.legal.breach;
    if (b) {
      for (const k of ['nature', 'consequences', 'measures', 'riskJustification', 'delayReasons', 'subjectsContent'] as const) b[k] = clean(b[k]);
    }
  }
  if (hits > 0) {
    redactions.push({ section: 'mentions', removed: hits, reason: `${hits} mention(s) d’éléments retirés masquée(s) dans les textes conservés.` });
  }
  return { snapshot: s, redactions, incidentContentKept: keepIncident };
}

/** One paragraph for the reports ("Cet export… Éléments retirés : …"), or null when nothing was stripped. */
export function redactionNote(redactions: readonly Redaction[], tlp: Tlp): string | null {
  if (!redactions.length) return null;
  return `Export au niveau ${TLP_STYLE[tlp].label} : les éléments marqués d’un niveau supérieur ont été retirés. ${redactions
    .map((r) => r.reason)
    .join(' ')}`;
}
