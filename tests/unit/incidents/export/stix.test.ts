/**
 * The STIX 2.1 export checked field by field against STIX 2.1 (OASIS
 * Standard): common properties, identifiers, timestamps, SCO deterministic
 * ids (§ 2.9), indicator and grouping required properties and vocabularies,
 * and the TLP 2.0 marking definitions published by OASIS.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../../main/incidents/export/snapshot';
import { buildStixBundle, patternLiteral, scoId, TLP2_MARKING_IDS, type StixObject } from '../../../../main/incidents/export/stix';
import { redactForTlp } from '../../../../main/incidents/export/tlp';
import { canonicalJson, UUID_V4, UUID_V5, uuidV5 } from '../../../../main/incidents/export/uuid';
import { addObservable, insertIncident, legalVault, T0 } from '../legal/fixture';
import { SHA256, seedIncident } from './seed';

const TIMESTAMP_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^([a-z][a-z0-9-]+[a-z0-9])--([0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/;
const SCO_TYPES = ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'file', 'email-addr', 'user-account'];
const IDENTITY_CLASS_OV = ['individual', 'group', 'system', 'organization', 'class', 'unknown'];
const INDICATOR_TYPE_OV = ['anomalous-activity', 'anonymization', 'benign', 'compromised', 'malicious-activity', 'attribution', 'unknown'];
const GROUPING_CONTEXT_OV = ['suspicious-activity', 'malware-analysis', 'unspecified'];
const PATTERN_TYPE_OV = ['stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara'];
const SOURCE = { uuid: '3f2b8c4e-1d2a-4b6c-9e8f-0a1b2c3d4e5f', name: 'Task force santé ARA', createdAt: '2026-01-05T08:00:00.000Z' };
const NOW = T0 + 6 * 3_600_000;

/** Independent UUIDv5 (RFC 4122 § 4.3) for cross-checking. */
function refV5(ns: string, name: string): string {
  const h = createHash('sha1').update(Buffer.from(ns.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest('hex');
  const v = (parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${v.toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

async function bundle(tlp: 'AMBER' | 'RED' = 'AMBER') {
  const db = await legalVault();
  const id = await seedIncident(db);
  const full = await loadSnapshot(db, id);
  return { full, b: buildStixBundle(redactForTlp(full, tlp).snapshot, tlp, SOURCE, NOW) };
}

describe('UUIDs and canonical JSON', () => {
  it('UUIDv5 matches the RFC 4122 example and an independent implementation', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    const ns = '00abedb4-aa42-466c-9c01-fed23315a9b7';
    expect(uuidV5(ns, '{"value":"198.51.100.3"}')).toBe(refV5(ns, '{"value":"198.51.100.3"}'));
    expect(uuidV5(ns, 'é')).toMatch(UUID_V5);
  });
  it('canonical JSON (RFC 8785) sorts keys and drops whitespace', () => {
    expect(canonicalJson({ value: 'x', a: [1, { z: 1, b: 'é' }] })).toBe('{"a":[1,{"b":"é","z":1}],"value":"x"}');
  });
});

describe('STIX 2.1 bundle', () => {
  it('bundle: type, id bundle--UUIDv4, objects; no spec_version on the bundle (2.1)', async () => {
    const { b } = await bundle();
    expect(b.type).toBe('bundle');
    expect(b.id).toMatch(/^bundle--/);
    expect(b.id.slice(8)).toMatch(UUID_V4);
    expect('spec_version' in b).toBe(false);
    expect(Array.isArray(b.objects)).toBe(true);
  });

  it('every object: type, spec_version 2.1, id type--UUID, unique, every reference resolvable', async () => {
    const { b } = await bundle();
    const ids = new Set<string>();
    for (const o of b.objects) {
      expect(o.spec_version).toBe('2.1');
      const m = ID.exec(o.id);
      expect(m, o.id).not.toBeNull();
      expect(m?.[1]).toBe(o.type);
      expect(ids.has(o.id)).toBe(false);
      ids.add(o.id);
      for (const key of ['created', 'modified', 'valid_from'] as const) if (key in o) expect(o[key]).toMatch(TIMESTAMP_MS);
    }
    for (const o of b.objects) {
      const refs = [...((o.object_marking_refs as string[]) ?? []), ...((o.object_refs as string[]) ?? []), ...(o.created_by_ref ? [o.created_by_ref as string] : [])];
      for (const r of refs) expect(ids.has(r), `${o.id} → ${r}`).toBe(true);
    }
  });

  it('identity: required name, identity_class from identity-class-ov', async () => {
    const { b } = await bundle();
    const identity = b.objects.find((o) => o.type === 'identity') as StixObject;
    expect(identity).toMatchObject({ id: `identity--${SOURCE.uuid}`, name: SOURCE.name, created: SOURCE.createdAt, modified: SOURCE.createdAt });
    expect(IDENTITY_CLASS_OV).toContain(identity.identity_class);
    expect(identity.id.slice(10)).toMatch(UUID_V4);
  });

  it('TLP 2.0 marking definitions are exactly the OASIS objects', async () => {
    const { b } = await bundle();
    const markings = b.objects.filter((o) => o.type === 'marking-definition');
    expect(markings.map((m) => m.name).sort()).toEqual(['TLP:AMBER', 'TLP:CLEAR', 'TLP:GREEN']);
    expect(markings.find((m) => m.name === 'TLP:AMBER')).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER',
      extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber' } },
    });
    expect(TLP2_MARKING_IDS).toEqual({
      CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
      GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
      AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    });
  });

  it('SCOs: deterministic UUIDv5 ids from their ID-contributing properties, no SDO-only properties', async () => {
    const { b } = await bundle();
    const scos = b.objects.filter((o) => SCO_TYPES.includes(o.type));
    const ns = '00abedb4-aa42-466c-9c01-fed23315a9b7';
    const expected: Record<string, string> = {
      'ipv4-addr': `ipv4-addr--${refV5(ns, '{"value":"185.220.101.4"}')}`,
      'domain-name': `domain-name--${refV5(ns, '{"value":"evil-update.example"}')}`,
      file: `file--${refV5(ns, `{"hashes":{"SHA-256":"${SHA256}"}}`)}`,
    };
    for (const sco of scos) {
      expect(sco.id.slice(sco.type.length + 2)).toMatch(UUID_V5);
      for (const key of ['created', 'modified', 'created_by_ref']) expect(key in sco).toBe(false);
    }
    expect(scos.find((o) => o.type === 'domain-name')?.id).toBe(expected['domain-name']);
    expect(scos.find((o) => o.type === 'file')).toMatchObject({ id: expected.file, hashes: { 'SHA-256': SHA256 } });
    expect(scos.filter((o) => o.type === 'ipv4-addr').map((o) => o.id)).toContain(expected['ipv4-addr']);
    expect(scoId('ipv4-addr', { value: '185.220.101.4' })).toBe(expected['ipv4-addr']);
    // Same observable, same id, whatever the incident.
    const again = await bundle();
    expect(again.b.objects.filter((o) => SCO_TYPES.includes(o.type)).map((o) => o.id)).toEqual(scos.map((o) => o.id));
  });

  it('indicators: required properties, vocabularies, patterns; only for actionable observables', async () => {
    const { b, full } = await bundle('RED');
    const indicators = b.objects.filter((o) => o.type === 'indicator');
    for (const i of indicators) {
      for (const key of ['type', 'spec_version', 'id', 'created', 'modified', 'pattern', 'pattern_type', 'valid_from']) expect(i, key).toHaveProperty(key);
      expect(PATTERN_TYPE_OV).toContain(i.pattern_type);
      expect(i.pattern_type).toBe('stix');
      expect(i.pattern_version).toBe('2.1');
      for (const t of i.indicator_types as string[]) expect(INDICATOR_TYPE_OV).toContain(t);
      expect(i.pattern).toMatch(/^\[[a-z0-9-]+:[A-Za-z0-9_.'-]+ = '(?:[^'\\]|\\.)*'\]$/);
      expect(i.created_by_ref).toBe(`identity--${SOURCE.uuid}`);
      expect((i.object_marking_refs as string[]).length).toBe(1);
      expect(i.id.slice(11)).toMatch(UUID_V4);
    }
    const patterns = indicators.map((i) => i.pattern);
    expect(patterns).toEqual([
      "[ipv4-addr:value = '185.220.101.4']",
      "[domain-name:value = 'evil-update.example']",
      "[url:value = 'https://evil-update.example/dl?f=a\\'b\\\\c']",
      `[file:hashes.'SHA-256' = '${SHA256}']`,
      "[email-addr:value = 'rancon@evil-mail.example']",
    ]);
    // Private address and account: observables only.
    expect(b.objects.some((o) => o.type === 'ipv4-addr' && o.value === '10.20.30.40')).toBe(true);
    expect(b.objects.find((o) => o.type === 'user-account')).toMatchObject({ account_login: 'adm.dupont' });
    expect(indicators.find((i) => i.id === `indicator--${full.observables[0].uuid}`)?.valid_from).toBe(full.observables[0].addedAt);
    expect(patternLiteral("a'b\\c")).toBe("'a\\'b\\\\c'");
  });

  it('grouping: context from grouping-context-ov, object_refs to every SCO and indicator', async () => {
    const { b, full } = await bundle();
    const g = b.objects.find((o) => o.type === 'grouping') as StixObject;
    expect(GROUPING_CONTEXT_OV).toContain(g.context);
    expect(g).toMatchObject({ id: `grouping--${full.incident.uuid}`, name: full.incident.title, created: full.incident.createdAt, modified: new Date(NOW).toISOString() });
    const expected = b.objects.filter((o) => SCO_TYPES.includes(o.type) || o.type === 'indicator').map((o) => o.id);
    expect([...(g.object_refs as string[])].sort()).toEqual(expected.sort());
    expect(g.object_marking_refs).toEqual([TLP2_MARKING_IDS.AMBER]);
  });

  it('IPv6 addresses become ipv6-addr; no observable → no grouping', async () => {
    const db = await legalVault();
    const id = await insertIncident(db);
    const empty = buildStixBundle(await loadSnapshot(db, id), 'AMBER', SOURCE, NOW);
    expect(empty.objects.map((o) => o.type)).toEqual(['identity', 'marking-definition']);
    await addObservable(db, id, { type: 'ip', value: '2a01:4f8::1', tlp: 'AMBER' });
    const v6 = buildStixBundle(await loadSnapshot(db, id), 'AMBER', SOURCE, NOW);
    expect(v6.objects.find((o) => o.type === 'ipv6-addr')).toMatchObject({ value: '2a01:4f8::1' });
    expect(v6.objects.find((o) => o.type === 'indicator')?.pattern).toBe("[ipv6-addr:value = '2a01:4f8::1']");
  });
});
