/**
 * Qualification of an incident for the ARS / CERT Santé declaration, from
 * the answers to the criteria of `criteria.ts` (pure).
 *
 * - "grave" (to declare): a situation exceptionnelle, which the decree
 *   illustrates ("notamment") by any of its five listed consequences — so one
 *   listed consequence is enough, and an exceptional situation without any of
 *   them is grave too;
 * - "significatif" (to declare; the ARS passes it on to the State's
 *   authorities): a grave incident with a regional/national impact on the
 *   health system or likely to touch other structures (III);
 * - "aucun": none of the above — no declaration under L. 1111-8-2.
 * `complete` is false while an unanswered question could still raise the level.
 */
import type { ArsAnswers, ArsCriterionId, ArsQualification } from '../../api/ops/legal';
import { ARS_CRITERIA } from './criteria';

const yes = (a: ArsAnswers, id: ArsCriterionId) => a[id] === true;
const unknown = (a: ArsAnswers, id: ArsCriterionId) => a[id] == null;

export function qualify(answers: ArsAnswers): ArsQualification {
  const decree = ARS_CRITERIA.filter((c) => c.effect !== 'context');
  const listed = decree.filter((c) => c.effect === 'grave' || c.effect === 'significatif');
  const met = ARS_CRITERIA.filter((c) => yes(answers, c.id)).map((c) => c.id);
  const rationale: string[] = [];

  const listedMet = listed.filter((c) => yes(answers, c.id));
  const exceptional = yes(answers, 'exceptional');
  const grave = exceptional || listedMet.length > 0;
  const significantMet = listed.filter((c) => c.effect === 'significatif' && yes(answers, c.id));
  const significatif = grave && significantMet.length > 0;

  if (exceptional) {
    rationale.push(`Situation exceptionnelle au sein de la structure (${decree[0].source}).`);
  }
  for (const c of listedMet) {
    rationale.push(`${c.question.replace(/ \?$/, '')} : oui (${c.source}).`);
  }
  let level: ArsQualification['level'];
  if (significatif) {
    level = 'significatif';
    rationale.push(
      'Incident grave ayant un retentissement sur l’organisation du système de santé ou susceptible de toucher d’autres structures : ' +
        'il est jugé significatif (CSP, art. D. 1111-16-2, III) et doit être signalé sans délai (CSP, art. L. 1111-8-2).',
    );
  } else if (grave) {
    level = 'grave';
    rationale.push('Incident grave de sécurité des systèmes d’information : à signaler sans délai (CSP, art. L. 1111-8-2).');
  } else {
    level = 'aucun';
    rationale.push(
      'Aucun des critères de l’article D. 1111-16-2 du CSP n’est rempli : pas de signalement obligatoire au titre de l’article L. 1111-8-2.',
    );
  }

  // Could an unanswered question still raise the level?
  const open = (ids: readonly ArsCriterionId[]) => ids.some((k) => unknown(answers, k));
  const complete =
    level === 'significatif'
      ? true
      : level === 'grave'
        ? !open(['healthSystem', 'otherStructures'])
        : !open(decree.map((c) => c.id));
  if (!complete) rationale.push('Qualification provisoire : des questions restent sans réponse.');
  if (yes(answers, 'malicious')) rationale.push('Origine malveillante avérée ou suspectée : à indiquer dans les causes (bloc 4).');
  if (yes(answers, 'personalData')) {
    rationale.push('Violation de données à caractère personnel : notification à la CNIL sous 72 h (RGPD, art. 33) à instruire en parallèle.');
  }
  return { level, toDeclare: level !== 'aucun', complete, met, rationale };
}
