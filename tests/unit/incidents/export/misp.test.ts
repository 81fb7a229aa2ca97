/**
 * The MISP export checked field by field against the MISP core format
 * (draft-dulaunoy-misp-core-format, sections Event, Attribute, Tag).
 */
import { describe, expect, it } from 'vitest';
import { ANALYSIS, buildMispEvent, DISTRIBUTION, THREAT_LEVEL } from '../../../../main/incidents/export/misp';
import { loadSnapshot } from '../../../../main/incidents/export/snapshot';
import { redactForTlp } from '../../../../main/incidents/export/tlp';
import { UUID_V4 } from '../../../../main/incidents/export/uuid';
import { legalVault } from '../legal/fixture';
import { SHA256, seedIncident } from './seed';

/** Valid category → types of the core format (the subset Vigie can emit). */
const CATEGORY_TYPES: Record<string, string[]> = {
  'Network activity': ['ip-src', 'ip-dst', 'domain', 'url', 'email', 'email-src', 'email-dst'],
  'Payload delivery': ['md5', 'sha1', 'sha256', 'ip-src', 'ip-dst', 'domain', 'url', 'email', 'email-src', 'email-dst'],
  'Targeting data': ['target-user', 'target-email', 'target-machine', 'target-org', 'target-location', 'target-external', 'comment', 'anonymised'],
};
const UNSIGNED = /^\d+$/;
const SOURCE = { uuid: '3f2b8c4e-1d2a-4b6c-9e8f-0a1b2c3d4e5f', name: 'Task force santé ARA', createdAt: '2026-01-05T08:00:00.000Z' };

async function event(tlp: 'AMBER' | 'GREEN' | 'RED' = 'AMBER') {
  const db = await legalVault();
  const id = await seedIncident(db);
  const full = await loadSnapshot(db, id);
  const { snapshot } = redactForTlp(full, tlp);
  return { id, full, doc: buildMispEvent(snapshot, tlp, SOURCE) };
}

describe('MISP core format export', () => {
  it('Event: every required key present with the type and values the format prescribes', async () => {
    const { id, full, doc } = await event('AMBER');
    expect(Object.keys(doc)).toEqual(['Event']);
    const e = doc.Event;
    // uuid MUST be present, preserved (the incident's), v4 RECOMMENDED
    expect(e.uuid).toBe(full.incident.uuid);
    expect(e.uuid).toMatch(UUID_V4);
    // id: human-readable unsigned integer as a string
    expect(e.id).toBe(String(id));
    // published MUST be a boolean
    expect(e.published).toBe(false);
    // info MUST: string, no new line, at most 256 characters
    expect(e.info).toBe('Hameçonnage ciblé du CH de Vienne');
    expect(e.info).not.toMatch(/\n/);
    // threat_level_id: JSON string in 1..4; analysis: 0..2
    expect(e.threat_level_id).toBe('1'); // critical
    expect(['1', '2', '3', '4']).toContain(e.threat_level_id);
    expect(e.analysis).toBe('0'); // qualification → initial
    // date MUST: YYYY-MM-DD
    expect(e.date).toBe('2026-03-28');
    expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // timestamp / publish_timestamp MUST: Unix seconds as strings; never published → 0
    expect(e.timestamp).toMatch(UNSIGNED);
    expect(Number(e.timestamp)).toBeGreaterThanOrEqual(Math.floor(Date.parse(full.incident.updatedAt) / 1000));
    expect(e.publish_timestamp).toBe('0');
    // distribution MUST be a string in 0..4; AMBER → your organisation only; sharing_group_id "0" unless 4
    expect(e.distribution).toBe('0');
    expect(e.sharing_group_id).toBe('0');
    // org_id / orgc_id MUST, unsigned integers as strings; Orgc: uuid, name and id MUST
    expect(e.org_id).toMatch(UNSIGNED);
    expect(e.orgc_id).toMatch(UNSIGNED);
    expect(e.Orgc).toEqual({ id: e.orgc_id, name: SOURCE.name, uuid: SOURCE.uuid });
    expect(e.Org).toEqual({ id: e.org_id, name: SOURCE.name, uuid: SOURCE.uuid });
    // attribute_count SHALL: decimal string
    expect(e.attribute_count).toBe(String(e.Attribute.length));
    expect(typeof e.locked).toBe('boolean');
    expect(e.extends_uuid).toBe('');
  });

  it('Tags: name MUST, colour/exportable SHALL; TLP, PAP and the ENISA/RSIT category', async () => {
    const { doc } = await event('AMBER');
    expect(doc.Event.Tag.map((t) => t.name)).toEqual(['tlp:amber', 'PAP:AMBER', 'rsit:fraud="phishing"']);
    for (const t of doc.Event.Tag) {
      expect(t.colour).toMatch(/^#[0-9a-f]{6}$/i);
      expect(t.exportable).toBe(true);
    }
  });

  it('Attributes: uuid, valid category/type pair, to_ids boolean, timestamp, distribution, deleted, value', async () => {
    const { doc, full } = await event('AMBER');
    const byValue = Object.fromEntries(doc.Event.Attribute.map((a) => [a.value, a]));
    expect(Object.keys(byValue)).toHaveLength(5); // RED e-mail and AMBER+STRICT account stripped
    for (const a of doc.Event.Attribute) {
      const source = full.observables.find((o) => o.value === a.value);
      expect(a.uuid).toBe(source?.uuid);
      expect(a.uuid).toMatch(UUID_V4);
      expect(CATEGORY_TYPES[a.category]).toContain(a.type);
      expect(typeof a.to_ids).toBe('boolean');
      expect(a.timestamp).toMatch(UNSIGNED);
      expect(a.timestamp).toBe(String(Math.floor(Date.parse(source?.addedAt ?? '') / 1000)));
      expect(a.distribution).toBe('5');
      expect(a.sharing_group_id).toBe('0');
      expect(a.deleted).toBe(false);
      expect(a.event_id).toBe(doc.Event.id);
      expect(a.id).toMatch(UNSIGNED);
      expect(typeof a.value).toBe('string');
      expect(typeof a.comment).toBe('string');
    }
    expect(byValue['185.220.101.4']).toMatchObject({ category: 'Network activity', type: 'ip-src', to_ids: true, comment: 'Serveur d’envoi' });
    expect(byValue['10.20.30.40']).toMatchObject({ type: 'ip-src', to_ids: false }); // private address: not an IDS indicator
    expect(byValue['evil-update.example']).toMatchObject({ category: 'Network activity', type: 'domain', to_ids: true });
    expect(byValue[SHA256]).toMatchObject({ category: 'Payload delivery', type: 'sha256', to_ids: true });
    // An attribute whose TLP differs from the export's carries its own tlp tag.
    expect(byValue['evil-update.example'].Tag.map((t) => t.name)).toEqual(['tlp:clear']);
    expect(byValue['185.220.101.4'].Tag.map((t) => t.name)).toEqual(['tlp:green']);
    expect(byValue['10.20.30.40'].Tag).toEqual([]);
  });

  it('at RED the phishing sender is an email-src IDS attribute and the account a target-user', async () => {
    const { doc } = await event('RED');
    const byType = Object.fromEntries(doc.Event.Attribute.map((a) => [a.type, a]));
    expect(byType['email-src']).toMatchObject({ category: 'Payload delivery', to_ids: true, Tag: [] }); // same TLP as the event
    expect(byType['target-user']).toMatchObject({ category: 'Targeting data', value: 'adm.dupont', to_ids: false, Tag: [{ name: 'tlp:amber+strict' }] });
    expect(doc.Event.Tag[0].name).toBe('tlp:red');
  });

  it('maps severity, phase and TLP onto the format’s enumerations', () => {
    expect(THREAT_LEVEL).toEqual({ critical: '1', high: '1', medium: '2', low: '3', info: '4' });
    expect(Object.values(ANALYSIS).every((v) => ['0', '1', '2'].includes(v))).toBe(true);
    expect(ANALYSIS.cloture).toBe('2');
    expect(ANALYSIS.confinement).toBe('1');
    expect(DISTRIBUTION).toEqual({ CLEAR: '3', GREEN: '1', AMBER: '0', 'AMBER+STRICT': '0', RED: '0' });
  });

  it('info is one line of at most 256 characters', async () => {
    const db = await legalVault();
    const id = await seedIncident(db, { title: `Ligne 1\nLigne 2 ${'x'.repeat(400)}` });
    const e = buildMispEvent((await loadSnapshot(db, id)), 'RED', SOURCE).Event;
    expect(e.info.length).toBeLessThanOrEqual(256);
    expect(e.info).not.toMatch(/\n/);
    expect(e.info.startsWith('Ligne 1 Ligne 2')).toBe(true);
  });
});
