/**
 * Pre-filled draft of the declaration on the national portal
 * (signalement.social-sante.gouv.fr, « incident de sécurité des systèmes
 * d’information »), in its four blocks: 1. structure and declarant;
 * 2. description (discovery, scope, affected systems and data, handling
 * status); 3. impacts on data, people, information system and structure;
 * 4. causes. Each field takes what the operator wrote in the ARS form, else
 * what Vigie knows of the incident, else « [à compléter] ». As text to paste
 * and as a PDF (the full incident, for the authority: no TLP stripping, but
 * marked with the incident's TLP).
 */
import type { ArsDraft, ArsDraftBlock, ArsForm } from '../../api/ops/legal';
import { severityLabel } from '../labels';
import { categoryInfo, PHASE_LABELS, type Phase } from '../model';
import { contentWidth, heading, newPdf, pdfText, pdfToBuffer, stampPages, table } from '../export/pdf-kit';
import type { IncidentSnapshot } from '../export/snapshot';
import { formatParisWithOffset, parisDate } from './time';

export const TO_COMPLETE = '[à compléter]';

const yesNo = (v: boolean | null | undefined, yes: string, no: string | null = null) => (v === true ? yes : v === false ? no : null);
const first = (...values: (string | null | undefined)[]) => values.find((v) => v != null && v.trim() !== '')?.trim() ?? TO_COMPLETE;
const LEVEL: Record<string, string> = {
  aucun: 'aucun critère du décret rempli (pas de signalement obligatoire)',
  grave: 'incident grave (CSP, art. D. 1111-16-2, II)',
  significatif: 'incident significatif (CSP, art. D. 1111-16-2, III)',
};

export function buildArsBlocks(s: IncidentSnapshot): ArsDraftBlock[] {
  const i = s.incident;
  const ars = s.legal.ars;
  const form: ArsForm = ars?.form ?? {};
  const a = ars?.answers ?? {};
  const b = s.legal.breach;
  const cat = categoryInfo(i.category);
  const discovered = ars ? Date.parse(ars.discoveredAt) : Date.parse(i.createdAt);
  const firstSeen = [...s.timeline.map((e) => Date.parse(e.at)), ...s.alerts.map((x) => Date.parse(x.firstSeen))].sort((x, y) => x - y)[0];
  const tasksDone = s.tasks.filter((t) => t.status === 'done').length;
  const assets = [...new Set(s.timeline.flatMap((e) => e.assets))];

  const dataFromBreach = b
    ? [
        b.nature,
        b.recordCategories.length ? `Catégories de données : ${b.recordCategories.join(', ')}` : '',
        b.recordsApprox != null ? `environ ${b.recordsApprox} enregistrement(s)` : '',
      ].filter(Boolean).join(' — ')
    : null;
  const people = b
    ? [b.subjectCategories.length ? `Personnes concernées : ${b.subjectCategories.join(', ')}` : '', b.subjectsApprox != null ? `environ ${b.subjectsApprox}` : '']
        .filter(Boolean).join(', ')
    : null;

  return [
    {
      number: 1,
      title: 'Structure et déclarant',
      fields: [
        { label: 'Structure', value: first(i.structures.map((x) => x.name).join(', ')) },
        { label: 'N° FINESS', value: first(i.structures.map((x) => x.finess).filter(Boolean).join(', ')) },
        { label: 'Type de structure', value: first(form.structureType) },
        { label: 'Adresse', value: first(form.structureAddress) },
        { label: 'Déclarant (nom)', value: first(form.declarant?.name) },
        { label: 'Fonction', value: first(form.declarant?.role) },
        { label: 'Courriel', value: first(form.declarant?.email) },
        { label: 'Téléphone', value: first(form.declarant?.phone) },
      ],
    },
    {
      number: 2,
      title: 'Description de l’incident',
      fields: [
        { label: 'Date et heure de découverte', value: formatParisWithOffset(discovered) },
        { label: 'Début estimé de l’incident', value: firstSeen != null && firstSeen < discovered ? formatParisWithOffset(firstSeen) : first(null) },
        { label: 'Qualification', value: ars?.qualification ? LEVEL[ars.qualification.level] : 'non qualifié' },
        { label: 'Type d’incident', value: `${cat.label} (taxonomie ENISA : ${cat.enisaClass} / ${cat.enisaType})` },
        { label: 'Résumé', value: first(i.title + (i.description.trim() ? ` — ${i.description.trim()}` : '')) },
        { label: 'Périmètre', value: first(form.scope, i.structures.length ? `Structures : ${i.structures.map((x) => x.name).join(', ')}` : null) },
        { label: 'Systèmes touchés', value: first(form.affectedSystems, [...i.services, ...assets].join(', ')) },
        { label: 'Données touchées', value: first(form.affectedData, dataFromBreach) },
        {
          label: 'État de la prise en charge',
          value: first(form.handlingStatus, `Phase : ${PHASE_LABELS[i.phase as Phase] ?? i.phase} ; gravité ${severityLabel(i.severity)} ; ` +
            `${tasksDone}/${s.tasks.length} tâche(s) terminée(s)`),
        },
      ],
    },
    {
      number: 3,
      title: 'Impacts',
      fields: [
        {
          label: 'Sur les données',
          value: first(form.impactData, [yesNo(a.healthData, 'Atteinte à la confidentialité ou à l’intégrité de données de santé.', 'Pas d’atteinte connue aux données de santé.'), dataFromBreach].filter(Boolean).join(' ')),
        },
        {
          label: 'Sur les personnes (patients, personnels)',
          value: first(form.impactPeople, [yesNo(a.careSafety, 'Conséquences potentielles ou avérées sur la sécurité des soins.', 'Pas de conséquence connue sur la sécurité des soins.'), people].filter(Boolean).join(' ')),
        },
        {
          label: 'Sur le système d’information',
          value: first(form.impactSystems, i.services.length ? `Services touchés : ${i.services.join(', ')}` : null),
        },
        {
          label: 'Sur la structure',
          value: first(form.impactStructure, [
            yesNo(a.operations, 'Atteinte au fonctionnement normal de la structure.'),
            yesNo(a.healthSystem, 'Retentissement sur l’organisation territoriale du système de santé.'),
            yesNo(a.otherStructures, 'Susceptible de toucher d’autres structures.'),
          ].filter(Boolean).join(' ')),
        },
      ],
    },
    {
      number: 4,
      title: 'Causes',
      fields: [
        {
          label: 'Causes identifiées ou supposées',
          value: first(form.causes, [
            `Catégorie : ${cat.label}.`,
            yesNo(a.malicious, 'Origine malveillante avérée ou suspectée.', 'Origine non malveillante (accident, panne, erreur).'),
            s.observables.length ? `${s.observables.length} indicateur(s) technique(s) relevé(s) (disponibles sur demande).` : '',
          ].filter(Boolean).join(' ')),
        },
      ],
    },
  ];
}

export function draftText(blocks: readonly ArsDraftBlock[], s: IncidentSnapshot): string {
  const lines = [
    `Signalement d’incident de sécurité des systèmes d’information — brouillon Vigie (incident n°${s.incident.id})`,
    `À déposer sans délai sur signalement.social-sante.gouv.fr (CSP, art. L. 1111-8-2). Vérifiez chaque champ.`,
    '',
  ];
  for (const b of blocks) {
    lines.push(`${b.number}. ${b.title.toUpperCase()}`);
    for (const f of b.fields) lines.push(`${f.label} : ${f.value}`);
    lines.push('');
  }
  return lines.join('\n');
}

export async function buildArsDraft(s: IncidentSnapshot, now: number, actor: string): Promise<ArsDraft> {
  const blocks = buildArsBlocks(s);
  const text = draftText(blocks, s);
  const pdf = newPdf({ title: `Signalement ARS — incident n°${s.incident.id}`, subject: 'Brouillon de signalement', author: 'Vigie' });
  pdf.font('Helvetica-Bold').fontSize(16).text(pdfText('Signalement d’incident de sécurité des systèmes d’information'), { width: contentWidth(pdf) });
  pdf.moveDown(0.3).font('Helvetica').fontSize(9.5).fillColor('#444444').text(
    pdfText(`Brouillon pré-rempli par Vigie pour l’incident n°${s.incident.id} — à vérifier puis déposer sans délai sur ` +
      'signalement.social-sante.gouv.fr (CSP, art. L. 1111-8-2 et D. 1111-16-2). Les champs « [à compléter] » restent à renseigner.'),
    { width: contentWidth(pdf) },
  );
  pdf.fillColor('#000000');
  for (const b of blocks) {
    heading(pdf, `${b.number}. ${b.title}`);
    table(pdf, [], b.fields.map((f) => [f.label, f.value]), [0.3, 0.7], { headerColumn: true });
  }
  if (s.legal.ars?.qualification) {
    heading(pdf, 'Motifs de la qualification');
    table(pdf, [], s.legal.ars.qualification.rationale.map((r, n) => [String(n + 1), r]), [0.06, 0.94]);
  }
  stampPages(pdf, s.incident.tlp, `Brouillon de signalement — généré par ${actor} le ${formatParisWithOffset(now)} (Vigie)`);
  const bytes = await pdfToBuffer(pdf);
  return {
    incidentId: s.incident.id,
    blocks,
    text,
    filename: `signalement-ars-incident-${s.incident.id}-${parisDate(now)}.pdf`,
    pdfBase64: bytes.toString('base64'),
  };
}
