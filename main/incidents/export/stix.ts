/**
 * STIX 2.1 bundle of an incident's observables (OASIS STIX 2.1, OS):
 *
 * - `identity` of this Vigie (identity_class organization; its UUID is the
 *   sharing identity's v4), `created_by_ref` of every SDO;
 * - TLP 2.0 `marking-definition` objects exactly as published by OASIS
 *   (cti-stix-common-objects, extension-definition--60a3c5c5-…: fixed ids,
 *   `created` 2022-10-01, `extensions.tlp_2_0`), one per level used;
 * - one SCO per observable (ipv4-addr / ipv6-addr / domain-name / url / file
 *   with one hash / email-addr / user-account), id = type + UUIDv5 in the
 *   STIX namespace 00abedb4-aa42-466c-9c01-fed23315a9b7 of the JCS-canonical
 *   JSON of its ID-contributing properties (spec § 2.9), so the same
 *   observable always gets the same id;
 * - one `indicator` per actionable observable (`actionable.ts`), id = the
 *   observable's UUID v4, pattern `[type:prop = 'value']` (pattern_type
 *   stix, pattern_version 2.1), valid_from = when it was added;
 * - a `grouping` (context suspicious-activity) referencing them all.
 * Every object carries the marking of its own TLP. Timestamps are RFC 3339
 * UTC with millisecond precision (`2026-03-28T09:00:00.000Z`).
 */
import type { SharingIdentity } from '../../api/ops/legal';
import type { Tlp } from '../model';
import { isActionable, ipVersion } from './actionable';
import type { IncidentSnapshot, SnapshotObservable } from './snapshot';
import { canonicalJson, uuidV4, uuidV5 } from './uuid';

export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP2_MARKING_IDS: Record<Tlp, string> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export type StixObject = Record<string, unknown> & { type: string; id: string };

export function tlpMarking(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() } },
  };
}

const STIX_HASH: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' };

/** SCO type, its ID-contributing properties, and the pattern path of the value. */
export function scoOf(o: SnapshotObservable): { type: string; props: Record<string, unknown>; path: string } {
  switch (o.type) {
    case 'ip': {
      const type = ipVersion(o.value) === 6 ? 'ipv6-addr' : 'ipv4-addr';
      return { type, props: { value: o.value }, path: `${type}:value` };
    }
    case 'domain':
      return { type: 'domain-name', props: { value: o.value }, path: 'domain-name:value' };
    case 'url':
      return { type: 'url', props: { value: o.value }, path: 'url:value' };
    case 'email':
      return { type: 'email-addr', props: { value: o.value }, path: 'email-addr:value' };
    case 'account':
      return { type: 'user-account', props: { account_login: o.value }, path: 'user-account:account_login' };
    case 'hash': {
      const algo = STIX_HASH[o.hashType ?? (o.value.length === 32 ? 'md5' : o.value.length === 40 ? 'sha1' : 'sha256')];
      const key = /^[A-Za-z0-9_]+$/.test(algo) ? algo : `'${algo}'`;
      return { type: 'file', props: { hashes: { [algo]: o.value } }, path: `file:hashes.${key}` };
    }
  }
}

/** Deterministic SCO id (spec § 2.9). */
export function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidV5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

/** A STIX pattern string literal: backslash and quote escaped. */
export function patternLiteral(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function buildStixBundle(s: IncidentSnapshot, tlp: Tlp, source: SharingIdentity, now: number): { type: 'bundle'; id: string; objects: StixObject[] } {
  const created = new Date(now).toISOString();
  const identityId = `identity--${source.uuid}`;
  const used = new Set<Tlp>([tlp]);
  const objects: StixObject[] = [];
  const refs: string[] = [];
  const scoIds = new Set<string>();

  for (const o of s.observables) {
    used.add(o.tlp);
    const marking = [TLP2_MARKING_IDS[o.tlp]];
    const sco = scoOf(o);
    const id = scoId(sco.type, sco.props);
    if (!scoIds.has(id)) {
      scoIds.add(id);
      objects.push({ type: sco.type, spec_version: '2.1', id, ...sco.props, object_marking_refs: marking });
      refs.push(id);
    }
    if (isActionable(o, s.incident.category)) {
      const indicator = `indicator--${o.uuid}`;
      objects.push({
        type: 'indicator',
        spec_version: '2.1',
        id: indicator,
        created_by_ref: identityId,
        created: o.addedAt,
        modified: o.addedAt,
        name: `${sco.type} ${o.value}`.slice(0, 500),
        ...(o.description ? { description: o.description } : {}),
        indicator_types: ['malicious-activity'],
        pattern: `[${sco.path} = ${patternLiteral(o.value)}]`,
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: o.addedAt,
        object_marking_refs: marking,
      });
      refs.push(indicator);
    }
  }

  const head: StixObject[] = [
    {
      type: 'identity',
      spec_version: '2.1',
      id: identityId,
      created: source.createdAt,
      modified: source.createdAt,
      name: source.name,
      description: 'Membre de la task force cybersécurité santé, export Vigie.',
      identity_class: 'organization',
      sectors: ['healthcare'],
    },
    ...[...used].sort((a, b) => a.localeCompare(b)).map(tlpMarking),
  ];
  if (refs.length) {
    objects.push({
      type: 'grouping',
      spec_version: '2.1',
      id: `grouping--${s.incident.uuid}`,
      created_by_ref: identityId,
      created: s.incident.createdAt,
      modified: created > s.incident.createdAt ? created : s.incident.createdAt,
      name: s.incident.title,
      context: 'suspicious-activity',
      object_refs: refs,
      object_marking_refs: [TLP2_MARKING_IDS[tlp]],
    });
  }
  return { type: 'bundle', id: `bundle--${uuidV4()}`, objects: [...head, ...objects] };
}
