import type { OpOutput } from '@contract';

export type CsvMapping = OpOutput<'csvMappings.list'>[number];

/** A CSV mapping as edited: ordered rows instead of records, everything as text. */
export interface CsvMappingDraft {
  name: string;
  delimiter: string;
  header: boolean;
  timestampFormat: string;
  columns: { field: string; column: string }[];
  constants: { field: string; value: string }[];
}

/** Normalized fields the CSV mapping knows (any other name goes to the event's attributes). */
export const CSV_FIELDS = [
  '@timestamp',
  'user.name',
  'user.id',
  'user.roles',
  'event.action',
  'event.category',
  'event.outcome',
  'event.severity',
  'source.ip',
  'destination.ip',
  'host.name',
  'service.name',
  'process.name',
  'event.dataset',
  'health.patient.id',
  'health.patient.system',
  'health.purpose_of_use',
  'health.break_glass',
  'health.object',
  'message',
] as const;

export const DELIMITERS = [';', ',', '\t', '|'] as const;

export function emptyMappingDraft(): CsvMappingDraft {
  return {
    name: '',
    delimiter: ';',
    header: true,
    timestampFormat: '',
    columns: [
      { field: '@timestamp', column: '' },
      { field: 'user.name', column: '' },
      { field: 'event.action', column: '' },
    ],
    constants: [],
  };
}

export function draftOfMapping(m: CsvMapping): CsvMappingDraft {
  return {
    name: m.name,
    delimiter: m.delimiter ?? ',',
    header: m.header,
    timestampFormat: m.timestampFormat ?? '',
    columns: Object.entries(m.columns).map(([field, column]) => ({ field, column: String(column) })),
    constants: Object.entries(m.constants ?? {}).map(([field, value]) => ({ field, value })),
  };
}

/**
 * The mapping the engine receives. Without a header row, columns are 0-based
 * indexes; rows with an empty field or column are left out (still being typed).
 */
export function mappingOfDraft(d: CsvMappingDraft): CsvMapping {
  const columns: Record<string, string | number> = {};
  for (const { field, column } of d.columns) {
    const f = field.trim();
    const c = column.trim();
    if (f === '' || c === '') continue;
    columns[f] = !d.header && /^\d+$/.test(c) ? Number(c) : c;
  }
  const constants: Record<string, string> = {};
  for (const { field, value } of d.constants) if (field.trim() !== '') constants[field.trim()] = value;
  return {
    name: d.name.trim() || 'brouillon',
    delimiter: d.delimiter || ',',
    header: d.header,
    columns,
    ...(d.timestampFormat.trim() ? { timestampFormat: d.timestampFormat.trim() } : {}),
    ...(Object.keys(constants).length > 0 ? { constants } : {}),
  };
}

/** What must be fixed before saving, as i18n keys under `imports.csvEditor.problems` (with their values). */
export function draftProblems(d: CsvMappingDraft): { key: string; values?: Record<string, string> }[] {
  const out: { key: string; values?: Record<string, string> }[] = [];
  if (d.name.trim() === '') out.push({ key: 'name' });
  if (!d.columns.some((c) => c.field.trim() === '@timestamp' && c.column.trim() !== '')) out.push({ key: 'timestamp' });
  const seen = new Set<string>();
  for (const { field } of d.columns) {
    const f = field.trim();
    if (f === '') continue;
    if (seen.has(f)) out.push({ key: 'duplicate', values: { field: f } });
    seen.add(f);
  }
  if (!d.header) {
    for (const { field, column } of d.columns) {
      if (column.trim() !== '' && !/^\d+$/.test(column.trim())) out.push({ key: 'index', values: { field: field.trim() } });
    }
  }
  return out;
}

const SAMPLE_BYTES = 64 * 1024;

/** The first 64 KiB of a picked file as text, gunzipped when it starts with the gzip magic. */
export async function readSample(file: Blob): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (head[0] !== 0x1f || head[1] !== 0x8b) return file.slice(0, SAMPLE_BYTES).text();
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SAMPLE_BYTES) {
      const r = await reader.read();
      if (r.done) break;
      parts.push(r.value);
      size += r.value.length;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new TextDecoder().decode(all.subarray(0, SAMPLE_BYTES));
}
