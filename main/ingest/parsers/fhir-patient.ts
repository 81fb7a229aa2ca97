/**
 * Finding the patient(s) of a FHIR AuditEvent and registering every form of
 * their identity with the PatientScrubber, in this order (the first gives
 * `health.patient.pseudonym`):
 *
 * 1. R5 `patient` (identifier, else reference);
 * 2. entities whose role is Patient (object-role 1) or whose type is Patient: identifier, else reference;
 *    a `#id` reference to a contained Patient uses that resource's identifiers;
 * 3. entities whose `what` points to a Patient resource (`Patient/123`…): the reference
 *    (their identifier and display are hidden behind the same pseudonym);
 * 4. contained Patient resources: identifiers; names, telecom and address lines hidden;
 * 5. agents that are patients (`who` = Patient/…, patient portals).
 */
import { codings } from './fhir-fields';
import type { PatientScrubber } from './dicom-patient';
import { asArray, get, isObject, str, type JsonObject } from './json-safe';

/** Designated as the patient by its role (object-role 1) or its type (Patient). */
function isPatientByRole(e: JsonObject): boolean {
  const roles = codings(e.role);
  if (roles.some((r) => (r.code === '1' && (r.system === undefined || /object-role/.test(r.system))) || /^patient$/i.test(r.display ?? ''))) {
    return true;
  }
  return codings(e.type).some((t) => t.code === 'Patient');
}

/** What points to a Patient resource (`Patient/123`, absolute, with `_history`). */
function isPatientByReference(e: JsonObject): boolean {
  return /(^|\/)Patient\/[^/]/.test(str(get(e, 'what', 'reference')) ?? '');
}

/** Registers a contained Patient: its identifiers (first → pseudonym) and identifying texts. */
function containedPatient(p: JsonObject, scrubber: PatientScrubber): string | undefined {
  let pseudonym: string | undefined;
  for (const id of asArray(p.identifier).filter(isObject)) {
    const value = str(id.value);
    if (value === undefined) continue;
    if (pseudonym === undefined) pseudonym = scrubber.identifier(value, str(id.system));
    else scrubber.hide(value, pseudonym);
  }
  if (pseudonym === undefined && str(p.id) !== undefined) pseudonym = scrubber.reference(`Patient/${str(p.id)}`);
  const texts: unknown[] = [];
  for (const n of asArray(p.name).filter(isObject)) texts.push(n.text, n.family, ...asArray(n.given));
  for (const t of asArray(p.telecom).filter(isObject)) texts.push(t.value);
  for (const a of asArray(p.address).filter(isObject)) texts.push(a.text, ...asArray(a.line));
  for (const t of texts) scrubber.hide(str(t), pseudonym);
  return pseudonym;
}

/** Registers every patient of `res`; returns the entities that designate a patient. */
export function registerPatients(res: JsonObject, scrubber: PatientScrubber): Set<JsonObject> {
  const patientId = str(get(res, 'patient', 'identifier', 'value'));
  if (patientId !== undefined) scrubber.identifier(patientId, str(get(res, 'patient', 'identifier', 'system')));
  const patientRef = str(get(res, 'patient', 'reference'));
  if (patientRef !== undefined) scrubber.reference(patientRef);

  const contained = new Map<string, JsonObject>();
  for (const c of asArray(res.contained).filter(isObject)) {
    if (c.resourceType === 'Patient' && str(c.id) !== undefined) contained.set(`#${str(c.id)}`, c);
  }

  const entities = asArray(res.entity).filter(isObject);
  const byRole = entities.filter(isPatientByRole);
  const byRef = entities.filter((e) => !byRole.includes(e) && isPatientByReference(e));
  for (const e of byRole) {
    const id = str(get(e, 'what', 'identifier', 'value'));
    const ref = str(get(e, 'what', 'reference'));
    const inner = ref !== undefined ? contained.get(ref) : undefined;
    let p = id !== undefined ? scrubber.identifier(id, str(get(e, 'what', 'identifier', 'system'))) : undefined;
    if (inner !== undefined) p ??= containedPatient(inner, scrubber);
    const byReference = ref !== undefined ? scrubber.reference(ref) : undefined;
    p ??= byReference;
    scrubber.hide(str(get(e, 'what', 'display')), p);
    scrubber.hide(str(e.name), p);
  }
  for (const e of byRef) {
    const p = scrubber.reference(str(get(e, 'what', 'reference')) as string);
    scrubber.hide(str(get(e, 'what', 'identifier', 'value')), p);
    scrubber.hide(str(get(e, 'what', 'display')), p);
    scrubber.hide(str(e.name), p);
  }
  for (const c of contained.values()) containedPatient(c, scrubber);
  for (const a of asArray(res.agent).filter(isObject)) {
    const ref = str(get(a, 'who', 'reference'));
    const p = ref !== undefined ? scrubber.reference(ref) : undefined;
    if (p !== undefined) scrubber.hide(str(get(a, 'who', 'display')) ?? str(a.name), p);
  }
  return new Set([...byRole, ...byRef]);
}
