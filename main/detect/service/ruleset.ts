/**
 * Compiling the enabled rule units into one Sigma load (S1's loader), with
 * Vigie's configuration: the watch-list as the `%vigie_watchlist%`
 * placeholder, the Paris time zone, evidence kept for alerts; plus the alert
 * options each rule may carry in its custom `vigie:` attribute
 * (`grouping`: field(s) of the alert group key; `alert_window`: timespan).
 */
import { type LoadResult, loadRuleTexts } from '../sigma/loader';
import { loadMappings, type MappingSet } from '../sigma/mapping';
import { timespanMs } from '../sigma/schema';
import type { AnyRule, Rejection } from '../sigma/types';

export const WATCHLIST_PLACEHOLDER = 'vigie_watchlist';
/** Stands for an empty watch-list: a value no pseudonym (`P-` + 16 base32 characters) can equal. */
export const EMPTY_WATCHLIST = 'P-(liste de surveillance vide)';
export const DEFAULT_ALERT_WINDOW_MS = 3_600_000;
/** Contributing events kept per correlation match (all become alert events). */
const MAX_EVIDENCE = 1000;

export interface AlertOptions {
  /** Fields whose values make the group key of base-rule alerts (correlations: their group-by). */
  grouping: string[];
  windowMs: number;
}

export interface UnitText {
  id: string;
  file: string;
  text: string;
}

export interface CompiledSet {
  load: LoadResult;
  byId: Map<string, AnyRule>;
  /** Rejections by document id (documents without id are listed in `load.rejected` only). */
  rejectedById: Map<string, Rejection>;
  options: Map<string, AlertOptions>;
}

let sharedMapping: MappingSet | undefined;
function mapping(): MappingSet {
  sharedMapping ??= loadMappings();
  return sharedMapping;
}

export function alertOptions(rule: AnyRule): AlertOptions {
  const v = rule.source.vigie;
  const custom = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const g = custom.grouping;
  const grouping = rule.kind === 'correlation' ? rule.groupBy : Array.isArray(g) ? g.map(String) : typeof g === 'string' ? [g] : [];
  let windowMs = DEFAULT_ALERT_WINDOW_MS;
  if (typeof custom.alert_window === 'string') {
    try {
      windowMs = timespanMs(custom.alert_window);
    } catch {
      windowMs = DEFAULT_ALERT_WINDOW_MS;
    }
  }
  return { grouping, windowMs };
}

export function compileRuleSet(units: readonly UnitText[], watchlist: readonly string[], timezone = 'Europe/Paris'): CompiledSet {
  const load = loadRuleTexts(
    units.map((u) => ({ name: u.file ? `${u.file}#${u.id}` : u.id, text: u.text })),
    {
      timezone,
      placeholders: { [WATCHLIST_PLACEHOLDER]: watchlist.length ? [...watchlist] : [EMPTY_WATCHLIST] },
      maxEvidence: MAX_EVIDENCE,
    },
    mapping(),
  );
  const byId = new Map<string, AnyRule>();
  const options = new Map<string, AlertOptions>();
  for (const r of [...load.rules, ...load.correlations]) {
    byId.set(r.id, r);
    options.set(r.id, alertOptions(r));
  }
  const rejectedById = new Map<string, Rejection>();
  for (const r of load.rejected) if (r.id) rejectedById.set(r.id, r);
  return { load, byId, rejectedById, options };
}
