import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import type { CsvMapping, FormatChoice } from '../types';
import { loadCsvMapping } from './csv-mappings';
import type { ImportOptions } from './imports';
import { pipelineLimits, type PipelineLimits } from './limits';

/** What the caller chooses for an import. */
export interface ImportRequest {
  format?: FormatChoice;
  timezone?: string;
  /** Name of a saved CSV mapping. */
  csvMapping?: string;
  sourceId?: number | null;
  /** Hints for parsers (from a source's configuration). */
  service?: string;
  dataset?: string;
  /** Per-import tuning (tests, CLI flags); kept with the import so a resume uses the same. */
  limits?: Partial<PipelineLimits>;
}

/** A checked request: the mapping loaded, the options to keep with the import, the limits to apply. */
export interface Prepared {
  format: FormatChoice;
  csv?: CsvMapping;
  options: ImportOptions;
  limits: PipelineLimits;
}

/** Checks a request (CSV mapping, format) and turns it into what an import job needs. */
export async function prepareImport(db: Db, defaults: Partial<PipelineLimits> | undefined, req: ImportRequest): Promise<Prepared> {
  const format = req.format ?? 'auto';
  let csv: CsvMapping | undefined;
  if (req.csvMapping) csv = await loadCsvMapping(db, req.csvMapping);
  else if (format === 'csv') {
    throw new VigieError('VALIDATION', 'Le format CSV demande une correspondance de colonnes enregistrée (csvMapping).');
  }
  const options: ImportOptions = {};
  if (req.timezone) options.timezone = req.timezone;
  if (req.csvMapping) options.csvMapping = req.csvMapping;
  if (req.service) options.service = req.service;
  if (req.dataset) options.dataset = req.dataset;
  if (req.limits && Object.keys(req.limits).length) options.limits = { ...req.limits } as Record<string, number>;
  return { format, csv, options, limits: pipelineLimits({ ...defaults, ...req.limits }) };
}

