/**
 * Saved searches: a name, the query and its time range (ISO or date math such
 * as `now-24h`, so « dernières 24 h » stays relative), owned by the operator who
 * saved it. Names are unique per owner: saving under an existing name replaces it.
 */
import { VigieError } from '../api/errors';
import type { SavedSearch } from '../api/ops/search';
import type { Db } from '../store/db';
import { prepareSearch } from './prepare';


export interface SaveSearchInput {
  /** Updates this saved search (rename, new query…) instead of saving by name. */
  id?: number;
  name: string;
  query: string;
  from: string;
  to: string;
}

interface SavedDbRow {
  id: number;
  name: string;
  query: string;
  range_from: string;
  range_to: string;
  owner: string;
  created_at: number;
  updated_at: number;
}

const toSaved = (r: SavedDbRow): SavedSearch => ({
  id: r.id,
  name: r.name,
  query: r.query,
  from: r.range_from,
  to: r.range_to,
  owner: r.owner,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listSavedSearches(db: Db): Promise<SavedSearch[]> {
  const rows = await db.all<SavedDbRow>('SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE, owner, id');
  return rows.map(toSaved);
}

async function getSaved(db: Db, id: number): Promise<SavedDbRow> {
  const row = await db.get<SavedDbRow>('SELECT * FROM saved_searches WHERE id = ?', [id]);
  if (!row) throw new VigieError('NOT_FOUND', `Recherche enregistrée ${id} introuvable.`);
  return row;
}

function assertOwner(row: SavedDbRow, actor: { name: string; admin: boolean }): void {
  if (row.owner !== actor.name && !actor.admin) {
    throw new VigieError('FORBIDDEN', `Cette recherche appartient à ${row.owner}.`);
  }
}

/** Validates the query and range (a saved search must run), then inserts or replaces. */
export async function saveSearch(
  db: Db,
  input: SaveSearchInput,
  actor: { name: string; admin: boolean },
  now = Date.now(),
): Promise<SavedSearch> {
  prepareSearch({ query: input.query, from: input.from, to: input.to }, now);
  const name = input.name.trim();
  if (!name) throw new VigieError('VALIDATION', 'Donnez un nom à la recherche.', { field: 'name' });
  return db.transaction(async (tx) => {
    if (input.id !== undefined) {
      const row = await getSaved(tx, input.id);
      assertOwner(row, actor);
      const clash = await tx.get<{ id: number }>('SELECT id FROM saved_searches WHERE owner = ? AND name = ? AND id <> ?', [
        row.owner,
        name,
        input.id,
      ]);
      if (clash) throw new VigieError('CONFLICT', `Une recherche « ${name} » existe déjà.`);
      await tx.run('UPDATE saved_searches SET name = ?, query = ?, range_from = ?, range_to = ?, updated_at = ? WHERE id = ?', [
        name,
        input.query,
        input.from,
        input.to,
        now,
        input.id,
      ]);
      return toSaved(await getSaved(tx, input.id));
    }
    await tx.run(
      `INSERT INTO saved_searches (name, query, range_from, range_to, owner, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (owner, name) DO UPDATE SET
         query = excluded.query, range_from = excluded.range_from, range_to = excluded.range_to, updated_at = excluded.updated_at`,
      [name, input.query, input.from, input.to, actor.name, now, now],
    );
    const row = await tx.get<SavedDbRow>('SELECT * FROM saved_searches WHERE owner = ? AND name = ?', [actor.name, name]);
    return toSaved(row!);
  });
}

export async function deleteSavedSearch(db: Db, id: number, actor: { name: string; admin: boolean }): Promise<void> {
  const row = await getSaved(db, id);
  assertOwner(row, actor);
  await db.run('DELETE FROM saved_searches WHERE id = ?', [id]);
}
