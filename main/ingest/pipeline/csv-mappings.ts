import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import { validateCsvMapping } from '../parsers/csv-map';
import type { CsvMapping } from '../types';

/** Saved CSV column mappings (`csv_mappings`), chosen by name when importing a CSV export. */

export async function listCsvMappings(db: Db): Promise<CsvMapping[]> {
  const rows = await db.all<{ mapping: string }>('SELECT mapping FROM csv_mappings ORDER BY name');
  return rows.map((r) => JSON.parse(r.mapping) as CsvMapping);
}

export async function loadCsvMapping(db: Db, name: string): Promise<CsvMapping> {
  const row = await db.get<{ mapping: string }>('SELECT mapping FROM csv_mappings WHERE name = ?', [name]);
  if (!row) throw new VigieError('NOT_FOUND', `Correspondance CSV « ${name} » introuvable.`);
  return JSON.parse(row.mapping) as CsvMapping;
}

export async function saveCsvMapping(db: Db, mapping: CsvMapping): Promise<CsvMapping> {
  const problem = validateCsvMapping(mapping);
  if (problem) throw new VigieError('VALIDATION', `Correspondance CSV invalide : ${problem}`);
  await db.run(
    `INSERT INTO csv_mappings (name, mapping, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
    [mapping.name, JSON.stringify(mapping), Date.now()],
  );
  return mapping;
}

export async function deleteCsvMapping(db: Db, name: string): Promise<boolean> {
  return (await db.run('DELETE FROM csv_mappings WHERE name = ?', [name])).changes > 0;
}
