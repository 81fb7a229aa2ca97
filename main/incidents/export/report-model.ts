/**
 * The incident report as a neutral document (title, TLP, sections of fields,
 * tables and paragraphs), in French, from a (TLP-redacted) snapshot. The HTML
 * and PDF renderers only lay it out, so both say exactly the same thing.
 */
import type { Redaction } from '../../api/ops/legal';
import { severityLabel } from '../labels';
import { categoryInfo, PHASE_LABELS, type Pap, type Phase, type Tlp } from '../model';
import { formatParisWithOffset } from '../legal/time';
import { historyText } from './history-text';
import { TLP_STYLE } from './tlp';
import type { IncidentSnapshot } from './snapshot';

export type ReportBlock =
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; head: string[]; rows: string[][]; widths: number[] }
  | { kind: 'text'; text: string };

export interface ReportSection {
  title: string;
  blocks: ReportBlock[];
}

export interface ReportDoc {
  title: string;
  subtitle: string;
  tlp: Tlp;
  pap: Pap;
  footer: string;
  redactionNote: string | null;
  sections: ReportSection[];
}

const TASK_STATUS: Record<string, string> = { todo: 'à faire', in_progress: 'en cours', done: 'faite', cancelled: 'annulée' };
const OBS_TYPE: Record<string, string> = { ip: 'Adresse IP', domain: 'Domaine', url: 'URL', hash: 'Empreinte', email: 'Courriel', account: 'Compte' };
const ARS_LEVEL: Record<string, string> = { aucun: 'aucun (pas de signalement obligatoire)', grave: 'grave', significatif: 'significatif' };
const RISK: Record<string, string> = { undetermined: 'à évaluer', none: 'peu susceptible d’engendrer un risque', risk: 'risque', high: 'risque élevé' };

const when = (iso: string | null | undefined) => (iso ? formatParisWithOffset(Date.parse(iso)) : '—');
const phase = (p: string | null) => (p ? (PHASE_LABELS[p as Phase] ?? p) : '—');
const orDash = (s: string | null | undefined) => (s && s.trim() ? s : '—');
const empty = (what: string): ReportBlock => ({ kind: 'text', text: `Aucun(e) ${what}.` });

export function buildReport(
  s: IncidentSnapshot,
  meta: { tlp: Tlp; redactions: readonly Redaction[]; redactionNote: string | null; exportedBy: string; exportedAt: number },
): ReportDoc {
  const i = s.incident;
  const cat = categoryInfo(i.category);
  const sections: ReportSection[] = [];

  sections.push({
    title: 'Résumé',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Catégorie', `${cat.label} (taxonomie ENISA : ${cat.enisaClass} / ${cat.enisaType})`],
          ['Gravité', severityLabel(i.severity)],
          ['Phase', phase(i.phase)],
          ['TLP de l’incident', TLP_STYLE[i.tlp].label],
          ['PAP', `PAP:${i.pap}`],
          ['Structures', i.structures.length ? i.structures.map((x) => (x.finess ? `${x.name} (FINESS ${x.finess})` : x.name)).join(', ') : '—'],
          ['Services du hub', i.services.join(', ') || '—'],
          ['Membres assignés', i.assignees.join(', ') || '—'],
          ['Risques liés', i.risks.join(', ') || '—'],
          ['Ouvert le', `${when(i.createdAt)} par ${i.createdBy}`],
          ['Dernière modification', when(i.updatedAt)],
          ['Alertes liées / événements liés', `${s.alerts.length} / ${s.linkedEvents}`],
          ['Identifiant de partage', i.uuid],
        ],
      },
      ...(i.description.trim() ? [{ kind: 'text' as const, text: i.description }] : []),
    ],
  });

  const legal: ReportBlock[] = [];
  const ars = s.legal.ars;
  if (ars) {
    legal.push({
      kind: 'fields',
      rows: [
        ['Signalement ARS / CERT Santé', ars.qualification ? `qualification : ${ARS_LEVEL[ars.qualification.level]}` : 'non qualifié'],
        ['Découverte', when(ars.discoveredAt)],
        ['Signalé le', ars.declaredAt ? `${when(ars.declaredAt)}${ars.reference ? ` (réf. ${ars.reference})` : ''}` : 'non signalé'],
        ['État', ars.clock.summary],
      ],
    });
  }
  const b = s.legal.breach;
  if (b) {
    legal.push({
      kind: 'fields',
      rows: [
        ['Violation de données (RGPD)', `${b.ref} — ${RISK[b.risk]}`],
        ['Prise de connaissance', when(b.awareAt)],
        ['Échéance CNIL (72 h)', b.clock.dueAtParis ?? '—'],
        ['Notification CNIL', b.notifiedAt ? `${when(b.notifiedAt)}${b.cnilReference ? ` (réf. ${b.cnilReference})` : ''}` : b.notificationRequired ? 'non notifiée' : 'non requise'],
        ['État', b.clock.summary],
        ...(b.delayReasons.trim() ? [['Motifs du retard', b.delayReasons] as [string, string]] : []),
        ['Personnes concernées (approx.)', b.subjectsApprox == null ? '—' : String(b.subjectsApprox)],
        ['Communication aux personnes (art. 34)', b.subjectsNotifiedAt ? `${when(b.subjectsNotifiedAt)} — ${b.subjectsMeans}` : b.subjectsDecision === 'not_required' ? 'non requise' : 'non faite'],
      ],
    });
  }
  sections.push({ title: 'Statut légal', blocks: legal.length ? legal : [empty('démarche légale enregistrée')] });

  sections.push({
    title: 'Chronologie',
    blocks: s.timeline.length
      ? [
          {
            kind: 'table',
            head: ['Date (Paris)', 'Catégorie', 'Événement', 'Source'],
            widths: [0.2, 0.15, 0.45, 0.2],
            rows: s.timeline.map((e) => [when(e.at), e.category, e.content ? `${e.title} — ${e.content}` : e.title, orDash(e.source)]),
          },
        ]
      : [empty('entrée de chronologie')],
  });

  sections.push({
    title: 'Tâches',
    blocks: s.tasks.length
      ? [
          {
            kind: 'table',
            head: ['Tâche', 'Responsable', 'Échéance', 'Statut', 'Phase'],
            widths: [0.4, 0.17, 0.18, 0.1, 0.15],
            rows: s.tasks.map((t) => [t.title, orDash(t.owner), when(t.dueAt), TASK_STATUS[t.status] ?? t.status, phase(t.phase)]),
          },
        ]
      : [empty('tâche')],
  });

  sections.push({
    title: 'Observables',
    blocks: s.observables.length
      ? [
          {
            kind: 'table',
            head: ['Type', 'Valeur', 'TLP', 'Observations', 'Description'],
            widths: [0.12, 0.4, 0.13, 0.1, 0.25],
            rows: s.observables.map((o) => [
              o.type === 'hash' && o.hashType ? `${OBS_TYPE.hash} ${o.hashType.toUpperCase()}` : OBS_TYPE[o.type],
              o.value,
              TLP_STYLE[o.tlp].label,
              o.sightings == null ? '—' : String(o.sightings),
              orDash(o.description),
            ]),
          },
        ]
      : [empty('observable')],
  });

  sections.push({
    title: 'Preuves',
    blocks: s.evidence.length
      ? [
          {
            kind: 'table',
            head: ['Fichier', 'Taille (octets)', 'SHA-256', 'Ajouté'],
            widths: [0.25, 0.13, 0.4, 0.22],
            rows: s.evidence.map((e) => [e.name, String(e.size), e.sha256 ?? '—', `${when(e.addedAt)} par ${e.addedBy}`]),
          },
        ]
      : [empty('preuve')],
  });

  sections.push({
    title: 'Historique',
    blocks: s.history.length
      ? [
          {
            kind: 'table',
            head: ['Date (Paris)', 'Par', 'Modification'],
            widths: [0.22, 0.18, 0.6],
            rows: s.history.map((h) => {
              const d = historyText(h.field, h.from, h.to);
              return [when(h.at), h.actor, d.content ? `${d.title} — ${d.content}` : d.title];
            }),
          },
        ]
      : [empty('entrée d’historique')],
  });

  if (meta.redactions.length) {
    sections.push({
      title: 'Éléments retirés pour ce niveau TLP',
      blocks: [{ kind: 'table', head: ['Partie', 'Retirés', 'Motif'], widths: [0.2, 0.1, 0.7], rows: meta.redactions.map((r) => [r.section, String(r.removed), r.reason]) }],
    });
  }

  return {
    title: `Rapport d’incident n°${i.id} — ${i.title}`,
    subtitle: `${cat.label} · gravité ${severityLabel(i.severity)} · phase ${phase(i.phase)}`,
    tlp: meta.tlp,
    pap: i.pap,
    footer: `${TLP_STYLE[meta.tlp].label} — exporté par ${meta.exportedBy} le ${formatParisWithOffset(meta.exportedAt)} (Vigie)`,
    redactionNote: meta.redactionNote,
    sections,
  };
}
