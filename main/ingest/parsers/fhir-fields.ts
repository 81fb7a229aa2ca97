/**
 * Readers for the parts of a FHIR AuditEvent that differ between R4 and R5:
 * codes (Coding vs CodeableConcept), agents (network.address vs
 * networkString/networkUri, purposeOfUse vs authorization), entities (role
 * Coding vs CodeableConcept) and the event time (period vs occurred[x]).
 */
import { isIP } from 'node:net';
import type { CodeRef } from './dicom-codes';
import { asArray, get, isObject, str, type JsonObject } from './json-safe';

export type FhirVersion = 'R4' | 'R5';

/** Every Coding of a Coding, a CodeableConcept, or an array of either (CodeableConcept.text as display). */
export function codings(v: unknown): CodeRef[] {
  const out: CodeRef[] = [];
  for (const item of asArray(v)) {
    if (!isObject(item)) continue;
    const list = Array.isArray(item.coding) ? item.coding : undefined;
    if (list !== undefined) {
      for (const c of list) {
        if (!isObject(c)) continue;
        const ref = { code: str(c.code), system: str(c.system), display: str(c.display) ?? str(item.text) };
        if (ref.code !== undefined || ref.display !== undefined) out.push(ref);
      }
      if (list.length === 0 && str(item.text) !== undefined) out.push({ display: str(item.text) });
    } else if (str(item.code) !== undefined || str(item.display) !== undefined) {
      out.push({ code: str(item.code), system: str(item.system), display: str(item.display) });
    } else if (str(item.text) !== undefined) {
      out.push({ display: str(item.text) });
    }
  }
  return out;
}

export function labelOf(c: CodeRef | undefined): string | undefined {
  return c?.display ?? c?.code;
}

export function fhirVersion(res: JsonObject): FhirVersion {
  if (isObject(res.outcome) || 'category' in res || 'code' in res || 'occurredDateTime' in res || 'occurredPeriod' in res) return 'R5';
  if ('authorization' in res || 'patient' in res) return 'R5';
  const agents = asArray(res.agent);
  if (agents.some((a) => isObject(a) && ('networkString' in a || 'networkUri' in a || 'networkReference' in a))) return 'R5';
  return 'R4';
}

/** Event-level codes: R4 `type` + `subtype`; R5 `category` + `code`. */
export function eventCodes(res: JsonObject, version: FhirVersion): { types: CodeRef[]; subtypes: CodeRef[] } {
  return version === 'R5'
    ? { types: codings(res.category), subtypes: codings(res.code) }
    : { types: codings(res.type), subtypes: codings(res.subtype) };
}

export function outcomeCode(res: JsonObject, version: FhirVersion): { code?: string; description?: string } {
  if (version === 'R4' || !isObject(res.outcome)) {
    return { code: str(res.outcome), description: str(res.outcomeDesc) };
  }
  const code = codings(res.outcome.code)[0];
  const details = codings(res.outcome.detail).map(labelOf).filter((d): d is string => d !== undefined);
  return { code: code?.code, description: details.join('; ') || code?.display };
}

/** The time the activity occurred (else when it was recorded). */
export function eventTime(res: JsonObject): unknown {
  return res.occurredDateTime ?? get(res, 'occurredPeriod', 'start') ?? get(res, 'period', 'start') ?? res.recorded;
}

/** Purpose codes: R4 `purposeOfEvent` (+ agent `purposeOfUse`), R5 `authorization` (+ agent `authorization`). */
export function purposeCodes(res: JsonObject, agents: readonly JsonObject[]): string[] {
  const refs = [...codings(res.purposeOfEvent), ...codings(res.authorization)];
  for (const a of agents) refs.push(...codings(a.purposeOfUse), ...codings(a.authorization));
  return [...new Set(refs.map((r) => r.code).filter((c): c is string => c !== undefined))];
}

export interface AgentView {
  requestor: boolean;
  id?: string;
  name?: string;
  fullName?: string;
  reference?: string;
  types: CodeRef[];
  roles: CodeRef[];
  network?: string;
  ip?: string;
}

/** An IP address out of `127.0.0.1`, `urn:ipv6:…`, `urn:ip:…` or a URL whose host is an IP. */
export function ipFromNetwork(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const a = address.trim().replace(/^urn:ip(v4|v6)?:/i, '');
  if (isIP(a) !== 0) return a;
  try {
    const host = new URL(a).hostname.replace(/^\[|\]$/g, '');
    return isIP(host) !== 0 ? host : undefined;
  } catch {
    return undefined;
  }
}

export function agentView(a: JsonObject): AgentView {
  const who = isObject(a.who) ? a.who : {};
  const identifier = str(get(who, 'identifier', 'value'));
  const reference = str(who.reference);
  const display = str(who.display);
  const altExt = asArray(a.extension).find((e) => isObject(e) && /AlternativeUserID$/.test(str(e.url) ?? ''));
  const altId = str(a.altId) ?? str(get(altExt, 'valueIdentifier', 'value'));
  const network = str(get(a, 'network', 'address')) ?? str(a.networkString) ?? str(a.networkUri) ?? str(get(a, 'networkReference', 'reference'));
  return {
    requestor: a.requestor === true,
    id: identifier ?? reference,
    name: identifier ?? display ?? str(a.name) ?? altId ?? reference,
    fullName: display ?? str(a.name),
    reference,
    types: codings(a.type),
    roles: codings(a.role),
    network,
    ip: ipFromNetwork(network),
  };
}

export const hasCode = (refs: readonly CodeRef[], code: string) => refs.some((r) => r.code === code);
