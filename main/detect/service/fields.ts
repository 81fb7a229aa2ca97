/** Reading a named field of a stored event (top-level ECS key, else attributes: flat key, then dotted path). */
import type { NormalizedEvent } from '../../events/types';

function nested(obj: unknown, parts: readonly string[]): unknown {
  let cur = obj;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function fieldOf(ev: NormalizedEvent, name: string): unknown {
  const top = ev as unknown as Record<string, unknown>;
  if (name !== 'attributes' && Object.prototype.hasOwnProperty.call(top, name) && top[name] !== undefined && top[name] !== null) return top[name];
  const attrs = ev.attributes ?? {};
  if (Object.prototype.hasOwnProperty.call(attrs, name)) return attrs[name];
  return nested(attrs, name.split('.'));
}

/** Text of a value for group keys and suppressions (null when absent or not a scalar). */
export function textOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.length ? v.map((x) => textOf(x) ?? '').join(',') : null;
  if (typeof v === 'object') return null;
  return String(v);
}

export function fieldText(ev: NormalizedEvent, name: string): string | null {
  return textOf(fieldOf(ev, name));
}
