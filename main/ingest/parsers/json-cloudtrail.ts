/**
 * AWS CloudTrail records (one JSON object per line, as in the OTRF AWS
 * datasets) → NormalizedEvent: dataset `aws.cloudtrail`, action from
 * `eventName` (`DescribeInstances` → `describe-instances`), outcome failure
 * when `errorCode` is set (ConsoleLogin: `responseElements.ConsoleLogin`),
 * user from `userIdentity`, source IP from `sourceIPAddress`. All fields stay
 * in `attributes` under their dotted names.
 */
import { isIP } from 'node:net';
import type { NormalizedEvent } from '../../events/types';
import type { ParseContext, ParseResult } from '../types';
import { kebab, setOwn, str, type JsonObject, type JsonValue } from './json-safe';
import { parseTimestamp } from './json-time';

export function isCloudTrail(obj: JsonObject): boolean {
  return str(obj.eventSource) !== undefined && str(obj.eventName) !== undefined && (obj.awsRegion !== undefined || obj.eventVersion !== undefined);
}

function categoryOf(source: string, name: string): string {
  if (name === 'ConsoleLogin' || source.startsWith('signin.')) return 'authentication';
  if (source.startsWith('iam.') || source.startsWith('sts.')) return 'iam';
  if (source.startsWith('s3.')) return 'file';
  if (source.startsWith('cloudtrail.') || source.startsWith('config.')) return 'configuration';
  return 'api';
}

export function mapCloudTrail(obj: JsonObject, flat: Map<string, JsonValue>, original: string, ctx: ParseContext): ParseResult {
  const time = parseTimestamp(obj.eventTime ?? obj['@timestamp'], 'UTC');
  if (time !== undefined && !time.ok) return time;
  const source = str(obj.eventSource) as string;
  const name = str(obj.eventName) as string;
  const login = str(flat.get('responseElements.ConsoleLogin'));
  const outcome = str(obj.errorCode) !== undefined || login === 'Failure' ? 'failure' : 'success';
  const userName = str(flat.get('userIdentity.userName')) ?? str(flat.get('userIdentity.sessionContext.sessionIssuer.userName')) ?? str(flat.get('userIdentity.arn'));
  const ip = str(obj.sourceIPAddress);
  const attributes: Record<string, unknown> = {};
  for (const [k, v] of flat) setOwn(attributes, k, v);
  const event: NormalizedEvent = {
    '@timestamp': time?.iso ?? ctx.receivedAt.toISOString(),
    'event.dataset': ctx.dataset ?? 'aws.cloudtrail',
    'service.name': ctx.service ?? 'AWS',
    'host.name': null,
    'process.name': source,
    'event.severity': outcome === 'failure' ? 'low' : 'info',
    'event.category': categoryOf(source, name),
    'event.action': kebab(name) || 'api-call',
    'event.outcome': outcome,
    'user.id': str(flat.get('userIdentity.principalId')) ?? null,
    'user.name': userName ?? null,
    'source.ip': ip !== undefined && isIP(ip) !== 0 ? ip : null,
    message: `${source} ${name}${userName ? ` par ${userName}` : ''}${str(obj.errorCode) ? ` (${str(obj.errorCode)})` : ''}`,
    'event.original': original,
    attributes,
  };
  return { ok: true, events: [event] };
}
