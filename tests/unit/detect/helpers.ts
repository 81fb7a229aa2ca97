/** Shared builders for the Sigma engine tests: one-rule loads, events. */
import { stringify } from 'yaml';
import { Detector } from '../../../main/detect/sigma/detector';
import { type LoadResult, loadRuleTexts } from '../../../main/detect/sigma/loader';
import { Matcher } from '../../../main/detect/sigma/match';
import type { DetectConfig } from '../../../main/detect/sigma/types';
import type { NormalizedEvent } from '../../../main/events/types';

let counter = 0;

/** A fresh UUID-shaped id (deterministic per test run). */
export function uuid(): string {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** YAML text of a rule with the given detection (logsource: a test product, mapped nowhere). */
export function ruleYaml(detection: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return stringify({ title: 'test rule', id: uuid(), status: 'test', level: 'medium', logsource: { product: 'test' }, detection, ...extra });
}

export function load(texts: string | string[], config: Partial<DetectConfig> = {}): LoadResult {
  const list = Array.isArray(texts) ? texts : [texts];
  return loadRuleTexts(
    list.map((text, i) => ({ name: `rule-${i}.yml`, text })),
    config,
  );
}

/** Loads one rule and returns a predicate "does it match this event". Throws with the rejection reason. */
export function compileOne(detection: Record<string, unknown>, config: Partial<DetectConfig> = {}): (ev: NormalizedEvent) => boolean {
  const l = load(ruleYaml(detection), config);
  if (l.rejected.length) throw new Error(`${l.rejected[0].code}: ${l.rejected[0].reason}`);
  const m = new Matcher(l);
  return (ev) => m.match(ev).length === 1;
}

/** The rejection of a one-rule load ({code, reason}), or undefined if it loaded. */
export function rejectionOf(detection: Record<string, unknown>, config: Partial<DetectConfig> = {}) {
  const l = load(ruleYaml(detection), config);
  return l.rejected[0];
}

/** An event carrying `attrs` as attributes (Windows-style original fields). */
export function ev(attrs: Record<string, unknown> = {}, fields: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return {
    '@timestamp': '2026-03-01T10:00:00Z',
    'event.dataset': 'test.log',
    'service.name': 'Test',
    'event.severity': 'info',
    'event.category': 'host',
    'event.action': 'test',
    'event.outcome': 'success',
    message: 'test event',
    'event.original': JSON.stringify(attrs),
    attributes: attrs,
    ...fields,
  };
}

export function detector(texts: string | string[], config: Partial<DetectConfig> = {}): Detector {
  const l = load(texts, config);
  if (l.rejected.length) throw new Error(l.rejected.map((r) => `${r.code}: ${r.reason}`).join('\n'));
  return new Detector(l);
}
