/**
 * The criteria of the declaration of information-system security incidents
 * of the health sector, as data.
 *
 * Source: code de la santé publique (CSP), art. L. 1111-8-2 (signalement
 * « sans délai » aux autorités compétentes de l’État et au GIP chargé des
 * systèmes d’information de santé — ANS, CERT Santé) and art. D. 1111-16-2
 * as written by décret n° 2022-715 du 27 avril 2022 (which replaced the
 * version of décret n° 2016-1214 du 12 septembre 2016):
 *
 *  II. — Sont considérés comme incidents significatifs ou graves […] les
 *  événements générateurs d’une situation exceptionnelle au sein d’un
 *  établissement, organisme ou service, et notamment : (1) conséquences
 *  potentielles ou avérées sur la sécurité des soins ; (2) conséquences sur
 *  la confidentialité ou l’intégrité des données de santé ; (3) atteinte au
 *  fonctionnement normal de l’établissement, de l’organisme ou du service ;
 *  (4) retentissement potentiel ou avéré sur l’organisation départementale,
 *  régionale ou nationale du système de santé ; (5) incidents susceptibles de
 *  toucher d’autres établissements, organismes ou services.
 *  III. — Parmi les incidents graves, sont jugés significatifs les incidents
 *  du (4) et ceux du (5).
 *
 * Declaration on the national portal (signalement.social-sante.gouv.fr),
 * form of the arrêté du 30 octobre 2017. The two "context" questions are not
 * criteria of the decree: they feed blocks 3 and 4 of the form and the GDPR
 * clock.
 */
import type { ArsCriterion } from '../../api/ops/legal';

const ART = 'CSP, art. D. 1111-16-2 (rédaction du décret n° 2022-715)';

export const ARS_CRITERIA: readonly ArsCriterion[] = [
  {
    id: 'exceptional',
    question: 'L’incident génère-t-il une situation exceptionnelle au sein de la structure ?',
    help: 'Situation qui sort du fonctionnement courant : cellule de crise, mode dégradé, recours à des moyens inhabituels.',
    effect: 'prerequisite',
    source: `${ART}, II, premier alinéa`,
  },
  {
    id: 'careSafety',
    question: 'A-t-il des conséquences potentielles ou avérées sur la sécurité des soins ?',
    help: 'Retard ou erreur de prise en charge possible, dossier patient indisponible, équipement biomédical touché, déprogrammations.',
    effect: 'grave',
    source: `${ART}, II, 1er tiret`,
  },
  {
    id: 'healthData',
    question: 'A-t-il des conséquences sur la confidentialité ou l’intégrité des données de santé ?',
    help: 'Données de santé consultées, exfiltrées, publiées, modifiées ou chiffrées par un tiers.',
    effect: 'grave',
    source: `${ART}, II, 2e tiret`,
  },
  {
    id: 'operations',
    question: 'Porte-t-il atteinte au fonctionnement normal de l’établissement, de l’organisme ou du service ?',
    help: 'Services indisponibles, fonctionnement en mode dégradé, arrêt d’activités administratives ou logistiques.',
    effect: 'grave',
    source: `${ART}, II, 3e tiret`,
  },
  {
    id: 'healthSystem',
    question: 'A-t-il un retentissement potentiel ou avéré sur l’organisation départementale, régionale ou nationale du système de santé ?',
    help: 'Transferts de patients, délestage des urgences, service régional ou national touché (SAMU, plateforme régionale).',
    effect: 'significatif',
    source: `${ART}, II, 4e tiret, et III`,
  },
  {
    id: 'otherStructures',
    question: 'Est-il susceptible de toucher d’autres établissements, organismes ou services ?',
    help: 'Prestataire ou service mutualisé commun (GHT, hub régional), propagation par interconnexion, campagne visant le secteur.',
    effect: 'significatif',
    source: `${ART}, II, 5e tiret, et III`,
  },
  {
    id: 'malicious',
    question: 'L’origine est-elle malveillante (avérée ou suspectée) ?',
    help: 'Renseigne le bloc 4 « causes » du formulaire ; ce n’est pas un critère du décret.',
    effect: 'context',
    source: 'Formulaire de signalement (arrêté du 30 octobre 2017, annexe), bloc « causes »',
  },
  {
    id: 'personalData',
    question: 'Des données à caractère personnel sont-elles concernées (violation au sens du RGPD) ?',
    help: 'Si oui, la notification à la CNIL sous 72 h (RGPD, art. 33) s’applique en plus du signalement : ouvrez la fiche de violation.',
    effect: 'context',
    source: 'RGPD (règlement (UE) 2016/679), art. 4(12) et 33',
  },
];

export function criterion(id: string): ArsCriterion | undefined {
  return ARS_CRITERIA.find((c) => c.id === id);
}
