/**
 * Lists detection relies on, kept in the vault: the watch-list of patient
 * records (pseudonyms only; an identifier given by the operator is
 * pseudonymised here, never stored) and the care relationships (user ↔
 * patient pairs imported as CSV).
 */
import { parse } from 'csv-parse/sync';
import type { WatchCategory, WatchlistEntry } from '../../api/ops/detection';
import { VigieError } from '../../api/errors';
import { Pseudonymiser, PSEUDONYM_PATTERN } from '../../privacy/pseudonym';
import type { Db } from '../../store/db';

interface WatchDbRow {
  id: number;
  pseudonym: string;
  category: WatchCategory;
  label: string;
  user_name: string;
  added_by: string;
  added_at: number;
}

const toEntry = (r: WatchDbRow): WatchlistEntry => ({
  id: r.id,
  pseudonym: r.pseudonym,
  category: r.category,
  label: r.label,
  userName: r.user_name === '' ? null : r.user_name,
  addedBy: r.added_by,
  addedAt: new Date(r.added_at).toISOString(),
});

export async function listWatchlist(db: Db): Promise<WatchlistEntry[]> {
  return (await db.all<WatchDbRow>('SELECT * FROM watchlist ORDER BY added_at DESC, id DESC')).map(toEntry);
}

/** Pseudonyms watched for every user (the `%vigie_watchlist%` placeholder). */
export async function globalWatchlist(db: Db): Promise<string[]> {
  return (await db.all<{ pseudonym: string }>("SELECT DISTINCT pseudonym FROM watchlist WHERE user_name = '' ORDER BY pseudonym")).map((r) => r.pseudonym);
}

export async function addToWatchlist(
  db: Db,
  input: { pseudonym?: string; identifier?: string; system?: string; category: WatchCategory; label?: string; userName?: string },
  actor: string,
): Promise<WatchlistEntry> {
  let pseudonym = input.pseudonym;
  if (pseudonym === undefined) {
    if (!input.identifier) throw new VigieError('VALIDATION', 'Pseudonyme ou identifiant requis.');
    pseudonym = (await Pseudonymiser.fromDb(db)).pseudonymise(input.identifier, input.system || undefined);
  }
  if (!PSEUDONYM_PATTERN.test(pseudonym)) throw new VigieError('VALIDATION', 'Pseudonyme invalide (P- suivi de 16 caractères).');
  const user = input.userName?.trim() ?? '';
  if (input.category === 'famille' && !user) throw new VigieError('VALIDATION', 'Un proche est surveillé pour un utilisateur : indiquez-le.');
  try {
    const { lastID } = await db.run(
      'INSERT INTO watchlist (pseudonym, category, label, user_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)',
      [pseudonym, input.category, input.label?.trim() ?? '', user, actor, Date.now()],
    );
    return toEntry((await db.get<WatchDbRow>('SELECT * FROM watchlist WHERE id = ?', [lastID])) as WatchDbRow);
  } catch (e) {
    if (e instanceof Error && /UNIQUE/.test(e.message)) throw new VigieError('CONFLICT', 'Ce dossier est déjà sous surveillance.');
    throw e;
  }
}

export async function removeFromWatchlist(db: Db, id: number): Promise<boolean> {
  return (await db.run('DELETE FROM watchlist WHERE id = ?', [id])).changes > 0;
}

const USER_HEADERS = ['user', 'user.name', 'utilisateur', 'login', 'identifiant'];
const PATIENT_HEADERS = ['patient', 'health.patient.pseudonym', 'pseudonyme', 'pseudonym', 'ipp', 'ins'];

/**
 * Imports care relationships from CSV (`;` or `,`), header required: a user
 * column (`user`, `utilisateur`, `login`…), a patient column (a pseudonym, or
 * an identifier pseudonymised on import) and an optional `system` column
 * (identifier system, e.g. INS-NIR). `replace` (default) replaces the list.
 */
export async function importCareRelationships(
  db: Db,
  csv: string,
  opts: { replace?: boolean } = {},
): Promise<{ imported: number; users: number; rejected: { line: number; reason: string }[] }> {
  const firstLine = csv.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(csv, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    throw new VigieError('VALIDATION', `CSV illisible : ${e instanceof Error ? e.message : String(e)}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const ui = header.findIndex((h) => USER_HEADERS.includes(h));
  const pi = header.findIndex((h) => PATIENT_HEADERS.includes(h));
  const si = header.findIndex((h) => h === 'system' || h === 'systeme' || h === 'système');
  if (ui < 0 || pi < 0) throw new VigieError('VALIDATION', 'En-tête attendu : une colonne utilisateur (user) et une colonne patient (patient).');
  const pseudonymiser = await Pseudonymiser.fromDb(db);
  const rejected: { line: number; reason: string }[] = [];
  const pairs = new Map<string, [string, string]>();
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const user = r[ui]?.trim() ?? '';
    const raw = r[pi]?.trim() ?? '';
    if (!user || !raw) {
      rejected.push({ line, reason: 'utilisateur ou patient manquant' });
      return;
    }
    const patient = PSEUDONYM_PATTERN.test(raw) ? raw : pseudonymiser.pseudonymise(raw, si >= 0 ? r[si]?.trim() || undefined : undefined);
    pairs.set(`${user}\u0001${patient}`, [user, patient]);
  });
  const now = Date.now();
  await db.transaction(async (tx) => {
    if (opts.replace !== false) await tx.run('DELETE FROM care_relationships');
    await tx.insertMany('care_relationships', ['user_name', 'patient', 'imported_at'], [...pairs.values()].map(([u, p]) => [u, p, now]), {
      onConflict: 'ignore',
    });
  });
  const users = new Set([...pairs.values()].map(([u]) => u)).size;
  return { imported: pairs.size, users, rejected: rejected.slice(0, 1000) };
}
