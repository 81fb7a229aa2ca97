/**
 * Observables of an incident (IP, domain, URL, hash, e-mail, account), each
 * with its TLP. Values are validated and normalised so the same indicator is
 * stored once: IPs by ipaddr.js (IPv4-mapped IPv6 → IPv4, IPv6 compressed),
 * domains lower-case in punycode, hashes lower-case with their algorithm
 * recognised by length (MD5 32, SHA-1 40, SHA-256 64 hex digits).
 */
import ipaddr from 'ipaddr.js';
import type { ObservableRow } from '../api/ops/incidents';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { CONTROL_CHARS, OBSERVABLE_TYPES, TLPS, type HashType, type ObservableType, type Tlp } from './model';
import { assertEnum, writableIncident } from './queries';
import { recordEvent } from './update';

export interface ObservableDbRow {
  id: number;
  incident_id: number;
  type: ObservableType;
  value: string;
  hash_type: HashType | null;
  tlp: string;
  description: string;
  sightings: number | null;
  sighted_at: number | null;
  added_by: string;
  added_at: number;
}

export function rowToObservable(r: ObservableDbRow): ObservableRow {
  return {
    id: r.id,
    incidentId: r.incident_id,
    type: r.type,
    value: r.value,
    hashType: r.hash_type,
    tlp: r.tlp as Tlp,
    description: r.description,
    sightings: r.sightings,
    sightedAt: r.sighted_at == null ? null : new Date(r.sighted_at).toISOString(),
    addedBy: r.added_by,
    addedAt: new Date(r.added_at).toISOString(),
  };
}

const HASH_LENGTHS: Record<number, HashType> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Lower-case punycode host name with at least two labels and an alphabetic TLD, or null. */
function normaliseDomain(v: string): string | null {
  const d = v.trim().replace(/\.$/, '');
  if (!d || d.length > 253 || /[\s/@:?#[\]]/.test(d)) return null;
  let host: string;
  try {
    host = new URL(`http://${d}`).hostname;
  } catch {
    return null;
  }
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  const tld = labels[labels.length - 1];
  return /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld) ? host : null;
}

function normaliseIp(v: string): string | null {
  const t = v.trim();
  if (!ipaddr.isValid(t)) return null;
  // ipaddr.isValid accepts legacy forms ("0x7f.1", "127.1"): require the canonical dotted quad or IPv6.
  if (!ipaddr.IPv4.isValidFourPartDecimal(t) && !ipaddr.IPv6.isValid(t)) return null;
  return ipaddr.process(t).toString();
}

function normaliseUrl(v: string): string | null {
  const t = v.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return null;
  try {
    const u = new URL(t);
    if (!['http:', 'https:', 'ftp:', 'ftps:', 'sftp:', 'ws:', 'wss:'].includes(u.protocol) || !u.hostname) return null;
    if (!normaliseIp(u.hostname.replace(/^\[|\]$/g, '')) && !normaliseDomain(u.hostname)) return null;
    return u.href;
  } catch {
    return null;
  }
}

function normaliseEmail(v: string): string | null {
  const t = v.trim();
  const at = t.lastIndexOf('@');
  if (at < 1 || t.length > 320) return null;
  const local = t.slice(0, at);
  const domain = normaliseDomain(t.slice(at + 1));
  if (!domain || local.length > 64 || !/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) || /^\.|\.$|\.\./.test(local)) return null;
  return `${local}@${domain}`;
}

function normaliseAccount(v: string): string | null {
  const t = v.trim();
  return t && t.length <= 256 && !new RegExp(CONTROL_CHARS.source).test(t) ? t : null;
}

/** Normalised value (and hash algorithm) for a given type, or VALIDATION. */
export function validateObservable(type: ObservableType, value: string): { value: string; hashType: HashType | null } {
  assertEnum(type, OBSERVABLE_TYPES, 'Type d’observable');
  let out: string | null;
  let hashType: HashType | null = null;
  switch (type) {
    case 'ip':
      out = normaliseIp(value);
      break;
    case 'domain':
      out = normaliseDomain(value);
      break;
    case 'url':
      out = normaliseUrl(value);
      break;
    case 'email':
      out = normaliseEmail(value);
      break;
    case 'hash': {
      const h = value.trim().toLowerCase();
      hashType = /^[0-9a-f]+$/.test(h) ? (HASH_LENGTHS[h.length] ?? null) : null;
      out = hashType ? h : null;
      break;
    }
    case 'account':
      out = normaliseAccount(value);
      break;
  }
  if (out === null) {
    const hint = type === 'hash' ? ' (MD5, SHA-1 ou SHA-256 en hexadécimal)' : '';
    throw new VigieError('VALIDATION', `Observable de type ${type} invalide : ${value.slice(0, 200)}${hint}`, { type });
  }
  return { value: out, hashType };
}

/** The type a bare value most likely has (IP, URL, e-mail, hash, domain; else account). */
export function detectObservableType(value: string): ObservableType {
  const t = value.trim();
  if (normaliseIp(t)) return 'ip';
  if (normaliseUrl(t)) return 'url';
  if (normaliseEmail(t)) return 'email';
  if (/^[0-9a-f]+$/i.test(t) && HASH_LENGTHS[t.length]) return 'hash';
  if (normaliseDomain(t)) return 'domain';
  return 'account';
}

export async function listObservables(db: Db, incidentId: number): Promise<ObservableRow[]> {
  const rows = await db.all<ObservableDbRow>('SELECT * FROM incident_observables WHERE incident_id = ? ORDER BY type, value', [incidentId]);
  return rows.map(rowToObservable);
}

export async function observableRow(db: Db, id: number): Promise<ObservableDbRow> {
  const row = await db.get<ObservableDbRow>('SELECT * FROM incident_observables WHERE id = ?', [id]);
  if (!row) throw new VigieError('NOT_FOUND', `Observable n°${id} introuvable.`);
  return row;
}

/** Adds an observable (type detected when absent). The same type and value twice returns the existing one. */
export async function addObservable(
  db: Db,
  incidentId: number,
  input: { value: string; type?: ObservableType; tlp?: Tlp; description?: string },
  actor: string,
): Promise<ObservableRow> {
  const type = input.type ?? detectObservableType(input.value);
  const { value, hashType } = validateObservable(type, input.value);
  const tlp = assertEnum(input.tlp ?? 'AMBER', TLPS, 'TLP');
  return db.transaction(async (tx) => {
    await writableIncident(tx, incidentId);
    const { changes } = await tx.run(
      `INSERT OR IGNORE INTO incident_observables (incident_id, type, value, hash_type, tlp, description, added_by, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [incidentId, type, value, hashType, tlp, input.description ?? '', actor, Date.now()],
    );
    if (changes > 0) await recordEvent(tx, incidentId, { actor, field: 'observable', to: `${hashType ?? type}:${value} (TLP:${tlp})` });
    const row = await tx.get<ObservableDbRow>('SELECT * FROM incident_observables WHERE incident_id = ? AND type = ? AND value = ?', [
      incidentId,
      type,
      value,
    ]);
    if (!row) throw new VigieError('INTERNAL', 'Observable introuvable après insertion.');
    return rowToObservable(row);
  });
}
