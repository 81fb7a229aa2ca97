/**
 * Mapping of CEF (and LEEF) fields to ECS and to Vigie's severity, category
 * and outcome. Keys are matched case-insensitively (vendors write
 * `requestMethod` and `requestmethod`).
 */
import { isIP } from 'node:net';
import type { Severity } from '../../api/contract';
import type { Outcome } from '../../events/types';

/** CEF extension key (lower-case) → ECS attribute; the raw pair stays in `cef.extensions` too. */
export const CEF_ECS: Readonly<Record<string, string>> = {
  spt: 'source.port',
  dpt: 'destination.port',
  smac: 'source.mac',
  dmac: 'destination.mac',
  shost: 'source.domain',
  dhost: 'destination.domain',
  suser: 'source.user.name',
  duser: 'destination.user.name',
  suid: 'source.user.id',
  duid: 'destination.user.id',
  spriv: 'source.user.roles',
  dvc: 'observer.ip',
  dvchost: 'observer.hostname',
  dvcpid: 'process.pid',
  dproc: 'process.name',
  sproc: 'source.process.name',
  request: 'url.original',
  requestmethod: 'http.request.method',
  requestclientapplication: 'user_agent.original',
  requestcontext: 'http.request.referrer',
  app: 'network.protocol',
  proto: 'network.transport',
  fname: 'file.name',
  filepath: 'file.path',
  fsize: 'file.size',
  filehash: 'file.hash',
  reason: 'event.reason',
  externalid: 'event.id',
  cnt: 'event.count',
  in: 'source.bytes',
  out: 'destination.bytes',
};

/** LEEF attribute (lower-case) → ECS attribute. */
export const LEEF_ECS: Readonly<Record<string, string>> = {
  srcport: 'source.port',
  dstport: 'destination.port',
  srcmac: 'source.mac',
  dstmac: 'destination.mac',
  srcprenat: 'source.nat.ip',
  dstprenat: 'destination.nat.ip',
  srcpostnat: 'source.nat.ip',
  dstpostnat: 'destination.nat.ip',
  srcbytes: 'source.bytes',
  dstbytes: 'destination.bytes',
  srcpackets: 'source.packets',
  dstpackets: 'destination.packets',
  proto: 'network.transport',
  domain: 'user.domain',
  accountname: 'user.full_name',
  identhostname: 'related.hosts',
  identsrc: 'related.ip',
  url: 'url.original',
  resource: 'url.path',
  policy: 'rule.name',
  vsrc: 'observer.ip',
};

const NUMERIC_ECS = new Set(['source.port', 'destination.port', 'process.pid', 'file.size', 'event.count', 'source.bytes', 'destination.bytes', 'source.packets', 'destination.packets']);

/** Non-empty fields by lower-case name (the first one wins). */
export type FieldIndex = ReadonlyMap<string, string>;

export function indexFields(fields: Record<string, string>): FieldIndex {
  const index = new Map<string, string>();
  for (const k of Object.keys(fields)) {
    const v = fields[k];
    if (v === '') continue;
    const lower = k.toLowerCase();
    if (!index.has(lower)) index.set(lower, v);
  }
  return index;
}

/** Adds the ECS attributes of the fields according to `table` (numbers where ECS wants numbers). */
export function ecsAttributes(index: FieldIndex, table: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of index) {
    const ecs = Object.prototype.hasOwnProperty.call(table, k) ? table[k] : undefined;
    if (!ecs || ecs in out) continue;
    if (NUMERIC_ECS.has(ecs)) {
      if (/^\d{1,15}$/.test(v)) out[ecs] = Number(v);
    } else {
      out[ecs] = v;
    }
  }
  return out;
}

/** First non-empty field among `names` (case-insensitive). */
export function pick(index: FieldIndex, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = index.get(n.toLowerCase());
    if (v !== undefined) return v;
  }
  return undefined;
}

export function ipOrUndefined(v: string | undefined): string | undefined {
  return v !== undefined && isIP(v) ? v : undefined;
}

/**
 * CEF severity (0-10, or Unknown/Low/Medium/High/Very-High) and LEEF `sev`
 * (1-10) → Vigie: 0 info, 1-3 low, 4-6 medium, 7-8 high, 9-10 critical.
 */
export function scaleSeverity(raw: string | undefined): Severity {
  const v = (raw ?? '').trim().toLowerCase();
  if (/^\d{1,2}(?:\.\d+)?$/.test(v)) {
    const n = Number(v);
    if (n <= 0) return 'info';
    if (n <= 3) return 'low';
    if (n <= 6) return 'medium';
    if (n <= 8) return 'high';
    return 'critical';
  }
  switch (v.replace(/[\s_]+/g, '-')) {
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
      return 'high';
    case 'very-high':
    case 'veryhigh':
    case 'critical':
      return 'critical';
    default:
      return 'info';
  }
}

/** `outcome` values → ECS outcome (`/Success`, `Failure`, `allowed`, `blocked`…). */
export function mapOutcome(raw: string | undefined): Outcome {
  const v = (raw ?? '').trim().replace(/^\//, '').toLowerCase();
  if (/^(?:success|succeeded|successful|ok|allow|allowed|accept|accepted|pass|passed|permit|permitted)$/.test(v)) return 'success';
  if (/^(?:failure|failed|fail|error|deny|denied|block|blocked|reject|rejected|drop|dropped)$/.test(v)) return 'failure';
  return 'unknown';
}

/**
 * ECS category from what the event says about itself (a small documented
 * heuristic, camelCase split into words): authentication words, malware words, intrusion words, a URL →
 * web, addresses → network, else host.
 */
export function guessCategory(text: string, hasUrl: boolean, hasAddresses: boolean): string {
  const t = text
    .slice(0, 1024)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  if (/\b(?:log ?on|log ?in|logoff|log ?out|sign[- ]?in|auth\w*|password|credential|kerberos|ntlm|sso)\b/.test(t)) return 'authentication';
  if (/\b(?:virus|malware|trojan|ransom\w*|eicar\w*|worm|spyware)\b/.test(t)) return 'malware';
  if (/\b(?:intrusion|attack|exploit|injection|xss|brute[- ]?force|ids|ips)\b/.test(t)) return 'intrusion_detection';
  if (hasUrl) return 'web';
  if (hasAddresses) return 'network';
  return 'host';
}
