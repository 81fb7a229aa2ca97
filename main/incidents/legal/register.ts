/**
 * The register of personal-data breaches (GDPR Art. 33(5)): every breach,
 * notified or not, with its facts, effects and remedial action; readable by
 * the DPO; exportable as CSV (French column names, `;` separator for
 * spreadsheet software set to French, UTF-8 with BOM, cells guarded against
 * formula injection by `search/csv.ts`).
 */
import type { Page } from '../../api/contract';
import type { LegalFileExport, RegisterEntry } from '../../api/ops/legal';
import { toCsv } from '../../search/csv';
import type { Db } from '../../store/db';
import { toEntry, type BreachDbRow } from './gdpr';
import { formatParisWithOffset } from './time';

export type RegisterFilter = 'all' | 'notified' | 'not_notified' | 'not_required';

const WHERE: Record<RegisterFilter, string> = {
  all: '1 = 1',
  notified: 'b.notified_at IS NOT NULL',
  not_notified: "b.notified_at IS NULL AND b.risk <> 'none'",
  not_required: "b.notified_at IS NULL AND b.risk = 'none'",
};

export async function listRegister(
  db: Db,
  opts: { limit: number; offset: number; status?: RegisterFilter },
  now = Date.now(),
): Promise<Page<RegisterEntry>> {
  const where = WHERE[opts.status ?? 'all'];
  const total = await db.get<{ n: number }>(`SELECT count(*) AS n FROM breaches b WHERE ${where}`);
  const rows = await db.all<BreachDbRow & { title: string }>(
    `SELECT b.*, i.title FROM breaches b JOIN incidents i ON i.id = b.incident_id WHERE ${where}
      ORDER BY b.aware_at DESC, b.id DESC LIMIT ? OFFSET ?`,
    [opts.limit, opts.offset],
  );
  return { total: total?.n ?? 0, items: rows.map((r) => toEntry(r, r.title, now)) };
}

const RISK: Record<RegisterEntry['risk'], string> = {
  undetermined: 'à évaluer',
  none: 'peu susceptible d’engendrer un risque',
  risk: 'risque',
  high: 'risque élevé',
};
const SUBJECTS: Record<RegisterEntry['subjectsDecision'], string> = {
  undetermined: 'à décider',
  required: 'requise',
  not_required: 'non requise',
};
const EXEMPTION: Record<string, string> = {
  protected: 'art. 34(3)(a) données inintelligibles',
  mitigated: 'art. 34(3)(b) risque élevé écarté',
  disproportionate: 'art. 34(3)(c) communication publique',
};
const when = (s: string | null) => (s ? formatParisWithOffset(Date.parse(s)) : '');

/** The whole register as CSV. */
export async function exportRegisterCsv(db: Db, now = Date.now()): Promise<LegalFileExport> {
  const rows = await db.all<BreachDbRow & { title: string }>(
    'SELECT b.*, i.title FROM breaches b JOIN incidents i ON i.id = b.incident_id ORDER BY b.aware_at, b.id',
  );
  const entries = rows.map((r) => toEntry(r, r.title, now));
  const header = [
    'Référence', 'Incident', 'Prise de connaissance (Paris)', 'Survenue', 'Nature', 'Types', 'Catégories de personnes',
    'Nombre de personnes (approx.)', 'Catégories d’enregistrements', 'Nombre d’enregistrements (approx.)', 'Contact DPO',
    'Conséquences probables', 'Mesures prises ou envisagées', 'Évaluation du risque', 'Justification',
    'Notification CNIL', 'Référence CNIL', 'Hors délai', 'Motifs du retard', 'Communication aux personnes',
    'Exception art. 34(3)', 'Date de communication', 'Moyen', 'Contenu', 'Créée par', 'Dernière mise à jour',
  ];
  const data = entries.map((e) => [
    e.ref, `n°${e.incidentId} — ${e.incidentTitle}`, when(e.awareAt), when(e.occurredAt), e.nature, e.breachTypes.join(', '),
    e.subjectCategories.join(', '), e.subjectsApprox ?? '', e.recordCategories.join(', '), e.recordsApprox ?? '', e.dpoContact,
    e.consequences, e.measures, RISK[e.risk], e.riskJustification,
    e.notifiedAt ? when(e.notifiedAt) : e.notificationRequired ? 'non notifiée' : 'non requise', e.cnilReference ?? '',
    e.late ? 'oui' : 'non', e.delayReasons, SUBJECTS[e.subjectsDecision], e.subjectsExemption ? EXEMPTION[e.subjectsExemption] : '',
    when(e.subjectsNotifiedAt), e.subjectsMeans, e.subjectsContent, e.createdBy, when(e.updatedAt),
  ]);
  const content = '\uFEFF' + toCsv(header, data, ';');
  const day = new Date(now).toISOString().slice(0, 10);
  return { filename: `registre-violations-${day}.csv`, mime: 'text/csv;charset=utf-8', content };
}
