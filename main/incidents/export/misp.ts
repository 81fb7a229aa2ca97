/**
 * MISP event (MISP core format, draft-dulaunoy-misp-core-format): one Event
 * per incident, one Attribute per observable.
 *
 * Event: `uuid` (the incident's, preserved across exports), `info` (title,
 * one line, ≤ 256 characters), `date` (YYYY-MM-DD, Paris), `threat_level_id`
 * from the severity (1 high … 4 undefined), `analysis` from the phase
 * (0 initial, 1 ongoing, 2 complete), `distribution` from the export TLP
 * (CLEAR 3 all communities, GREEN 1 this community, AMBER and above 0 your
 * organisation only), `timestamp` (Unix seconds), `published` false,
 * `Orgc` = this Vigie's sharing identity, tags `tlp:…`, `PAP:…` and the
 * ENISA/RSIT machine tag of the category. Numbers are JSON strings, as the
 * format requires.
 *
 * Attributes: category/type per observable type (ip → ip-src, Network
 * activity: Vigie's addresses come from access logs, the attacker is the
 * source; domain, url → Network activity; hashes → Payload delivery; e-mail →
 * email-src (Payload delivery) in a phishing incident, target-email (Targeting
 * data) otherwise; account → target-user (Targeting data)); `to_ids` from
 * `actionable.ts`; `uuid` = the observable's; `distribution` 5 (inherit the
 * event); a `tlp:` tag when the attribute's TLP differs from the export's.
 */
import type { Severity } from '../../api/contract';
import type { SharingIdentity } from '../../api/ops/legal';
import { categoryInfo, type Pap, type Phase, type Tlp } from '../model';
import { parisDate } from '../legal/time';
import { isActionable } from './actionable';
import type { IncidentSnapshot, SnapshotObservable } from './snapshot';

export interface MispTag {
  name: string;
  colour: string;
  exportable: boolean;
}

export interface MispAttribute {
  id: string;
  event_id: string;
  object_id: string;
  object_relation: null;
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  distribution: '5';
  sharing_group_id: '0';
  timestamp: string;
  comment: string;
  deleted: boolean;
  disable_correlation: boolean;
  first_seen: null;
  last_seen: null;
  Tag: MispTag[];
}

export interface MispEvent {
  id: string;
  uuid: string;
  info: string;
  date: string;
  threat_level_id: '1' | '2' | '3' | '4';
  analysis: '0' | '1' | '2';
  distribution: '0' | '1' | '2' | '3';
  sharing_group_id: '0';
  published: boolean;
  timestamp: string;
  publish_timestamp: string;
  org_id: string;
  orgc_id: string;
  attribute_count: string;
  extends_uuid: string;
  locked: boolean;
  Org: { id: string; name: string; uuid: string };
  Orgc: { id: string; name: string; uuid: string };
  Tag: MispTag[];
  Attribute: MispAttribute[];
}

const TLP_TAG: Record<Tlp, MispTag> = {
  CLEAR: { name: 'tlp:clear', colour: '#ffffff', exportable: true },
  GREEN: { name: 'tlp:green', colour: '#339900', exportable: true },
  AMBER: { name: 'tlp:amber', colour: '#ffc000', exportable: true },
  'AMBER+STRICT': { name: 'tlp:amber+strict', colour: '#ffc000', exportable: true },
  RED: { name: 'tlp:red', colour: '#cc0033', exportable: true },
};
const PAP_TAG: Record<Pap, MispTag> = {
  CLEAR: { name: 'PAP:CLEAR', colour: '#ffffff', exportable: true },
  GREEN: { name: 'PAP:GREEN', colour: '#339900', exportable: true },
  AMBER: { name: 'PAP:AMBER', colour: '#ffc000', exportable: true },
  RED: { name: 'PAP:RED', colour: '#cc0033', exportable: true },
};

export const THREAT_LEVEL: Record<Severity, MispEvent['threat_level_id']> = {
  critical: '1',
  high: '1',
  medium: '2',
  low: '3',
  info: '4',
};
export const ANALYSIS: Record<Phase, MispEvent['analysis']> = {
  detection: '0',
  qualification: '0',
  confinement: '1',
  eradication: '1',
  remediation: '1',
  cloture: '2',
};
export const DISTRIBUTION: Record<Tlp, MispEvent['distribution']> = {
  CLEAR: '3',
  GREEN: '1',
  AMBER: '0',
  'AMBER+STRICT': '0',
  RED: '0',
};

/** [category, type] of an observable. */
export function mispTypeOf(o: SnapshotObservable, incidentCategory: string): [string, string] {
  switch (o.type) {
    case 'ip':
      return ['Network activity', 'ip-src'];
    case 'domain':
      return ['Network activity', 'domain'];
    case 'url':
      return ['Network activity', 'url'];
    case 'hash':
      return ['Payload delivery', o.hashType ?? (o.value.length === 32 ? 'md5' : o.value.length === 40 ? 'sha1' : 'sha256')];
    case 'email':
      return incidentCategory === 'phishing' ? ['Payload delivery', 'email-src'] : ['Targeting data', 'target-email'];
    case 'account':
      return ['Targeting data', 'target-user'];
  }
}

const seconds = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));
const oneLine = (s: string, max: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

export function buildMispEvent(s: IncidentSnapshot, tlp: Tlp, source: SharingIdentity): { Event: MispEvent } {
  const i = s.incident;
  const eventId = String(i.id);
  const attributes: MispAttribute[] = s.observables.map((o, n) => {
    const [category, type] = mispTypeOf(o, i.category);
    return {
      id: String(n + 1),
      event_id: eventId,
      object_id: '0',
      object_relation: null,
      uuid: o.uuid,
      type,
      category,
      value: o.value,
      to_ids: isActionable(o, i.category),
      distribution: '5',
      sharing_group_id: '0',
      timestamp: seconds(o.addedAt),
      comment: oneLine(o.description, 1000),
      deleted: false,
      disable_correlation: false,
      first_seen: null,
      last_seen: null,
      Tag: o.tlp === tlp ? [] : [TLP_TAG[o.tlp]],
    };
  });
  const latest = Math.max(Date.parse(i.updatedAt), ...s.observables.map((o) => Date.parse(o.addedAt)));
  const org = { id: '1', name: source.name, uuid: source.uuid };
  return {
    Event: {
      id: eventId,
      uuid: i.uuid,
      info: oneLine(i.title, 256),
      date: parisDate(Date.parse(i.createdAt)),
      threat_level_id: THREAT_LEVEL[i.severity],
      analysis: ANALYSIS[i.phase],
      distribution: DISTRIBUTION[tlp],
      sharing_group_id: '0',
      published: false,
      timestamp: String(Math.floor(latest / 1000)),
      publish_timestamp: '0',
      org_id: '1',
      orgc_id: '1',
      attribute_count: String(attributes.length),
      extends_uuid: '',
      locked: false,
      Org: org,
      Orgc: org,
      Tag: [TLP_TAG[tlp], PAP_TAG[i.pap], { name: categoryInfo(i.category).machineTag, colour: '#004b87', exportable: true }],
      Attribute: attributes,
    },
  };
}
