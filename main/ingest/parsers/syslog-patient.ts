/**
 * Patient identifiers carried in syslog STRUCTURED-DATA parameters and in
 * CEF/LEEF extension keys (`patientID`, `patient_id`, `Patient ID` label,
 * `ipp`, `ins`, `nir`…): each value becomes `ctx.pseudonymise(value)` where it
 * is stored, and every occurrence of it in the texts kept (original, message)
 * is replaced through dicom-patient.ts's `PatientScrubber` (raw, XML- and
 * JSON-escaped forms; whole-token only under 4 characters). A value that is
 * already a `P-…` pseudonym (collector-side pseudonymisation) is kept as is.
 */
import type { ParseContext } from '../types';
import { PatientScrubber } from './dicom-patient';
import { PSEUDONYM } from './syslog-common';

export const PATIENT_PARAM = /^(?:patient[-_. ]?(?:id|identifier|ipp|ins|nir)?|ipp|ins|ins[-_ ]?nir|nir)$/i;

export interface PatientScrub {
  /** True when some identifier was replaced (otherwise `scrub` is the identity). */
  active: boolean;
  /** Replaces identifiers found so far by their pseudonyms. */
  scrub: (text: string) => string;
  /** First patient pseudonym, if any. */
  pseudonym?: string;
}

/**
 * Pseudonymises, in place, the values of `fields` whose key names a patient
 * identifier. `escaped` gives the other textual forms a raw value may take in
 * the original (e.g. SD-escaped `\]`), replaced as well.
 */
export function scrubPatientFields(
  fields: Record<string, string | string[]>[],
  ctx: ParseContext,
  escaped: (raw: string) => string = (s) => s,
): PatientScrub {
  let scrubber: PatientScrubber | null = null;
  const extra: [string, string][] = [];
  let already: string | undefined;
  for (const params of fields) {
    for (const [name, value] of Object.entries(params)) {
      if (!PATIENT_PARAM.test(name)) continue;
      scrubber ??= new PatientScrubber(ctx);
      const s = scrubber;
      const out = (Array.isArray(value) ? value : [value]).map((raw) => {
        if (PSEUDONYM.test(raw.trim())) {
          already ??= raw.trim();
          return raw;
        }
        const pseudo = s.identifier(raw);
        if (pseudo === undefined) return raw;
        const alt = escaped(raw);
        if (alt !== raw && alt.length >= 4) extra.push([alt, pseudo]);
        return pseudo;
      });
      params[name] = Array.isArray(value) ? out : out[0];
    }
  }
  if (!scrubber || !scrubber.active) return { active: false, scrub: (t) => t, ...(already ? { pseudonym: already } : {}) };
  const s = scrubber;
  return {
    active: true,
    scrub: (text) => {
      let out = s.scrub(text);
      for (const [find, by] of extra) out = out.split(find).join(by);
      return out;
    },
    pseudonym: s.pseudonym ?? already,
  };
}

/** Applies `scrub` to every value of `fields`, in place (other fields may quote the identifier). */
export function scrubAllValues(fields: Record<string, string | string[]>[], scrub: (text: string) => string): void {
  for (const params of fields) {
    for (const [name, value] of Object.entries(params)) {
      params[name] = Array.isArray(value) ? value.map(scrub) : scrub(value);
    }
  }
}
