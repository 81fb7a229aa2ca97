/** Sigma hits (base-rule and correlation matches) → the alert records of main/alerts/record.ts. */
import type { Severity } from '../../api/contract';
import type { AlertHit } from '../../alerts/record';
import type { NormalizedEvent } from '../../events/types';
import type { CorrelationMatch, Hit, Level, RuleMatch } from '../sigma/types';
import { fieldText, textOf } from './fields';
import { type CompiledSet, DEFAULT_ALERT_WINDOW_MS } from './ruleset';

const SEVERITY: Record<Level, Severity> = { informational: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

function lastEvent(hit: Hit): NormalizedEvent {
  return 'group' in hit ? lastEvent(hit.last) : hit.event;
}

function numericRef(m: RuleMatch): number | null {
  return typeof m.ref === 'number' && Number.isInteger(m.ref) ? m.ref : null;
}

/** Group values of a hit: the correlation's group-by, or the rule's `vigie.grouping` fields read on the event. */
export function groupOf(hit: Hit, set: CompiledSet): Record<string, string | null> {
  if ('group' in hit) return Object.fromEntries(Object.entries((hit as CorrelationMatch).group).map(([k, v]) => [k, textOf(v)]));
  const fields = set.options.get(hit.rule.id)?.grouping ?? [];
  return Object.fromEntries(fields.map((f) => [f, fieldText(hit.event, f)]));
}

export function groupKeyOf(group: Record<string, string | null>): string {
  return Object.entries(group)
    .map(([k, v]) => `${k}=${v ?? '∅'}`)
    .join(', ');
}

export function eventsOf(hit: Hit): { id: number; ts: number }[] {
  const matches = 'group' in hit ? hit.evidence : [hit];
  const out: { id: number; ts: number }[] = [];
  for (const m of matches) {
    const id = numericRef(m);
    if (id !== null) out.push({ id, ts: Number.isFinite(m.time) ? m.time : Date.now() });
  }
  return out;
}

export function toAlertHit(hit: Hit, set: CompiledSet): AlertHit | null {
  const events = eventsOf(hit);
  if (events.length === 0) return null;
  const group = groupOf(hit, set);
  const groupKey = groupKeyOf(group);
  const values = Object.values(group).filter((v): v is string => v !== null);
  const last = lastEvent(hit);
  return {
    ruleId: hit.rule.id,
    title: values.length ? `${hit.rule.title} : ${values.join(', ')}` : hit.rule.title,
    severity: SEVERITY[hit.rule.level ?? 'medium'],
    windowMs: set.options.get(hit.rule.id)?.windowMs ?? DEFAULT_ALERT_WINDOW_MS,
    groupKey,
    events,
    fieldValue: (field) => (Object.prototype.hasOwnProperty.call(group, field) ? group[field] : fieldText(last, field)),
  };
}
