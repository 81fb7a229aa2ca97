/**
 * Patient identifiers in audit messages (ATNA ParticipantObjectID, FHIR
 * entity/patient references, JSON `patient.id` fields): each one is turned
 * into a pseudonym with `ctx.pseudonymise`, and every occurrence of it in the
 * text we keep (event.original, object, attributes, message) is replaced by
 * that pseudonym before the event leaves the parser.
 *
 * Identity used for the pseudonym:
 * - HL7 v2 CX `ID^^^&1.2.250.1.213.1.4.8&ISO` (ATNA, IHE, also inside FHIR identifier values):
 *   the ID component, with the assigning authority's universal ID (else its namespace) as system;
 * - FHIR `Identifier {system, value}`: the value, with the system minus any `urn:oid:` prefix
 *   (so the same patient gets the same pseudonym from ATNA and from FHIR);
 * - FHIR reference `…/Patient/123/_history/2`: `Patient/123` without system.
 *
 * Occurrences replaced: the raw value, its XML-escaped and JSON-escaped forms, the bare ID of a CX
 * (4 characters or more), and — for values shorter than 4 characters — only where it is a whole quoted
 * value or element text (`"12"`, `'12'`, `>12<`), so short IDs never rewrite dates or counters.
 * Patient names and displays can be hidden the same way (`hide`).
 */
import type { ParseContext } from '../types';

const MIN_FREE_LENGTH = 4;

export interface CxParts {
  id: string;
  authority?: string;
}

/** Splits an HL7 v2 CX value; `authority` is the universal ID (else namespace) of component 4. */
export function parseCx(value: string): CxParts {
  const comps = value.split('^');
  const id = comps[0].trim();
  if (comps.length < 4) return { id };
  const [namespace = '', universal = ''] = comps[3].split('&');
  const authority = universal.trim() || namespace.trim() || undefined;
  return { id, authority };
}

export function normaliseSystem(system: string | undefined): string | undefined {
  const s = system?.trim();
  if (!s) return undefined;
  return s.replace(/^urn:oid:/i, '');
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function jsonEscape(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

function forms(raw: string): string[] {
  const esc = jsonEscape(raw);
  return [...new Set([raw, xmlEscape(raw), raw.replace(/&/g, '&amp;'), esc, esc.replace(/\//g, '\\/')])];
}

export class PatientScrubber {
  /** Text to find → replacement, applied longest first. */
  private readonly free = new Map<string, string>();
  private readonly whole = new Map<string, string>();
  private firstPseudonym: string | undefined;
  /** Set when `ctx.pseudonymise` failed: the caller must quarantine rather than keep the identifier. */
  error: string | undefined;

  constructor(private readonly ctx: ParseContext) {}

  /** The first patient's pseudonym, if any. */
  get pseudonym(): string | undefined {
    return this.firstPseudonym;
  }

  private pseudo(identifier: string, system: string | undefined): string | undefined {
    if (identifier.trim() === '') return undefined;
    try {
      const p = this.ctx.pseudonymise(identifier, system);
      if (typeof p !== 'string' || p === '') throw new Error('empty pseudonym');
      this.firstPseudonym ??= p;
      return p;
    } catch (e) {
      this.error ??= `a patient identifier could not be pseudonymised (${e instanceof Error ? e.message : String(e)})`.slice(0, 200);
      return undefined;
    }
  }

  private register(raw: string, pseudonym: string): void {
    const value = raw.trim();
    if (value === '' || value === pseudonym) return;
    for (const f of forms(value)) {
      if (f.length >= MIN_FREE_LENGTH) this.free.set(f, pseudonym);
      else {
        for (const [open, close] of [['"', '"'], ["'", "'"], ['>', '<']]) this.whole.set(open + f + close, open + pseudonym + close);
      }
    }
  }

  /**
   * An identifier (plain or CX) with an optional system. Returns the pseudonym,
   * or undefined when the value is empty or cannot be pseudonymised.
   */
  identifier(value: string, system?: string): string | undefined {
    const raw = value.trim();
    if (raw === '') return undefined;
    const cx = raw.includes('^') ? parseCx(raw) : { id: raw, authority: undefined };
    if (cx.id === '') return undefined;
    const p = this.pseudo(cx.id, cx.authority ?? normaliseSystem(system));
    if (p === undefined) return undefined;
    this.register(raw, p);
    if (cx.id !== raw) this.register(cx.id, p);
    return p;
  }

  /** A FHIR Patient reference (relative or absolute, with or without `_history`). */
  reference(ref: string): string | undefined {
    const m = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})/.exec(ref.trim());
    if (!m) return undefined;
    const local = `Patient/${m[1]}`;
    const p = this.pseudo(local, undefined);
    if (p === undefined) return undefined;
    this.register(local, p);
    return p;
  }

  /** Hides another identifying text (patient name, display) behind `pseudonym`. */
  hide(text: string | undefined, pseudonym: string | undefined): void {
    if (text !== undefined && pseudonym !== undefined) this.register(text, pseudonym);
  }

  get active(): boolean {
    return this.free.size > 0 || this.whole.size > 0;
  }

  scrub(text: string): string {
    if (!this.active) return text;
    let out = text;
    const pairs = [...this.free, ...this.whole].sort((a, b) => b[0].length - a[0].length);
    for (const [find, replace] of pairs) {
      if (out.includes(find)) out = out.split(find).join(replace);
    }
    return out;
  }

  /** Deep copy of a JSON-like value with every string (keys included) scrubbed. */
  scrubValue(v: unknown, depth = 0): unknown {
    if (!this.active) return v;
    if (typeof v === 'string') return this.scrub(v);
    if (depth > 128 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => this.scrubValue(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, this.scrub(k), {
        value: this.scrubValue(x, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
}
