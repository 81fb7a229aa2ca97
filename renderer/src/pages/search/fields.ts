import type { EventDetail } from '@contract';
import type { FilterValueType } from './filter';

export interface DetailField {
  /** ECS name, or `attributes.<path>` for a parser attribute. */
  field: string;
  value: unknown;
  /** Scalar values can be added to the query. */
  filterable: boolean;
}

/** Times are shown formatted and filtered with ranges, not by clicking one instant. */
const NOT_FILTERABLE = new Set(['@timestamp', 'event.ingested', 'event.original', 'attributes']);

const isScalar = (v: unknown): v is FilterValueType => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function flatten(prefix: string, value: unknown, out: DetailField[]): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(`${prefix}.${k}`, v, out);
    return;
  }
  out.push({ field: prefix, value, filterable: isScalar(value) && value !== null });
}

/** Every field of an event, then its attributes flattened to dotted paths. */
export function detailFields(event: EventDetail): DetailField[] {
  const out: DetailField[] = [];
  for (const [field, value] of Object.entries(event)) {
    if (field === 'event.original' || field === 'attributes') continue;
    out.push({ field, value, filterable: !NOT_FILTERABLE.has(field) && isScalar(value) });
  }
  for (const [k, v] of Object.entries(event.attributes)) flatten(`attributes.${k}`, v, out);
  return out;
}
