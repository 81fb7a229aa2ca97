/**
 * Reading the cells of a mapped CSV: timestamps (luxon, the mapping's format
 * or ISO/SQL/epoch, in the source zone), severities, outcomes and booleans
 * written the way French and English exports write them.
 */
import { DateTime } from 'luxon';
import type { Severity } from '../../api/contract';
import type { Outcome } from '../../events/types';

const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(2201, 0, 1);

export type CellTime = { ok: true; date: Date } | { ok: false; reason: string };

function inRange(dt: DateTime): CellTime {
  if (!dt.isValid) return { ok: false, reason: dt.invalidExplanation ?? dt.invalidReason ?? 'invalid date' };
  const ms = dt.toMillis();
  if (ms < MIN_MS || ms >= MAX_MS) return { ok: false, reason: 'date out of range (1970–2200)' };
  return { ok: true, date: new Date(ms) };
}

/** A timestamp cell: with `format` (luxon tokens) or ISO 8601, SQL, epoch s/ms, RFC 2822. */
export function parseCellTime(value: string, zone: string, format?: string): CellTime {
  const v = value.trim();
  if (format) {
    const dt = DateTime.fromFormat(v, format, { zone });
    if (!dt.isValid) return { ok: false, reason: `value does not match the format "${format}"` };
    return inRange(dt);
  }
  if (/^\d{10}(?:\.\d+)?$/.test(v)) return inRange(DateTime.fromMillis(Math.round(Number(v) * 1000)));
  if (/^\d{13}$/.test(v)) return inRange(DateTime.fromMillis(Number(v)));
  const readers = [
    (t: string) => DateTime.fromISO(t, { zone }),
    (t: string) => DateTime.fromSQL(t, { zone }),
    (t: string) => DateTime.fromRFC2822(t, { zone }),
  ];
  for (const read of readers) {
    const dt = read(v);
    if (dt.isValid) return inRange(dt);
  }
  return { ok: false, reason: 'not an ISO 8601 / SQL / epoch date; set "timestampFormat" in the mapping' };
}

const SEVERITY_WORDS: Readonly<Record<string, Severity>> = {
  info: 'info', information: 'info', informational: 'info', debug: 'info', notice: 'info', trace: 'info',
  low: 'low', faible: 'low', basse: 'low', bas: 'low', warning: 'low', warn: 'low', avertissement: 'low',
  medium: 'medium', moyen: 'medium', moyenne: 'medium', error: 'medium', erreur: 'medium', err: 'medium',
  high: 'high', haut: 'high', haute: 'high', élevé: 'high', élevée: 'high', eleve: 'high', elevee: 'high',
  crit: 'high', alert: 'high',
  critical: 'critical', critique: 'critical', emerg: 'critical', emergency: 'critical', fatal: 'critical',
};

/** Severity from a word (fr/en, syslog names) or 0–4; undefined when not recognised. */
export function readSeverity(value: string): Severity | undefined {
  const v = value.trim().toLowerCase();
  if (/^[0-4]$/.test(v)) return (['info', 'low', 'medium', 'high', 'critical'] as const)[Number(v)];
  return SEVERITY_WORDS[v];
}

const SUCCESS = new Set(['success', 'succès', 'succes', 'réussi', 'reussi', 'ok', 'true', 'yes', 'oui', 'allowed', 'autorisé', 'autorise', '0']);
const FAILURE = new Set(['failure', 'échec', 'echec', 'fail', 'failed', 'ko', 'false', 'no', 'non', 'denied', 'refusé', 'refuse', 'error', 'erreur']);

export function readOutcome(value: string): Outcome {
  const v = value.trim().toLowerCase();
  if (SUCCESS.has(v)) return 'success';
  if (FAILURE.has(v)) return 'failure';
  return 'unknown';
}

export function readBoolean(value: string): boolean {
  return ['1', 'true', 'yes', 'oui', 'vrai', 'y', 'o', 'x'].includes(value.trim().toLowerCase());
}
