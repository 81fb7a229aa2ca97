/**
 * DICOM PS3.15 / IHE ATNA audit vocabulary, shared by the ATNA (XML) and the
 * FHIR AuditEvent mappings (FHIR reuses the same DCM codes).
 *
 * Event ID (DICOM CID 400) → event.category / event.action:
 *
 * | EventID | Meaning | category | action |
 * | --- | --- | --- | --- |
 * | 110100 | Application Activity | process | application-activity |
 * | 110101 | Audit Log Used | file | audit-log-access |
 * | 110102 | Begin Transferring DICOM Instances | network | study-transfer-begin |
 * | 110103 | DICOM Instances Accessed | database | study-create/-read/-update/-delete (E: study-access) |
 * | 110104 | DICOM Instances Transferred | network | C: study-store, R: study-retrieve, U: study-update, else study-transfer |
 * | 110105 | DICOM Study Deleted | database | study-delete |
 * | 110106 | Export | file | patient-record-export (a patient object is present) or data-export |
 * | 110107 | Import | file | patient-record-import or data-import |
 * | 110108 | Network Entry | network | network-entry |
 * | 110109 | Order Record | database | order-record-<verb> |
 * | 110110 | Patient Record | database | patient-record-<verb> |
 * | 110111 | Procedure Record | database | procedure-record-<verb> |
 * | 110112 | Query | database | query |
 * | 110113 | Security Alert | configuration | security-alert |
 * | 110114 | User Authentication | authentication | user-authentication |
 *
 * `<verb>` comes from EventActionCode: C create, R read, U update, D delete, E execute (E on a record → `access`).
 * An Event Type Code of CID 401 (110120–110147, table `TYPE_CODES`) refines both: Login →
 * authentication/user-login, Logout → session/user-logout, Emergency Override Started → iam/emergency-override-start…
 * FHIR `rest` events map to database/`fhir-<interaction>` (read, vread, search, create…).
 *
 * Outcome (EventOutcomeIndicator / FHIR outcome): 0 success; 4 minor, 8 serious, 12 major failure → failure.
 * Severity: from the outcome (0 info, 4 low, 8 medium, 12 high), at least `medium` for a Security Alert or a
 * break-glass access. Break-glass: PurposeOfUse ETREAT (or BTG), or event/type code 110127.
 */
import type { Severity } from '../../api/contract';
import { lookup } from './json-safe';

export type Verb = 'create' | 'read' | 'update' | 'delete' | 'execute';

export const ACTION_CODES: Readonly<Record<string, Verb>> = {
  C: 'create',
  R: 'read',
  U: 'update',
  D: 'delete',
  E: 'execute',
};

export function verbOf(code: string | undefined): Verb | undefined {
  return code === undefined ? undefined : lookup(ACTION_CODES, code.trim().toUpperCase());
}

interface Rule {
  label: string;
  category: string;
  action: (verb: Verb | undefined, hasPatient: boolean) => string;
}

const fixed = (action: string) => () => action;
const record = (prefix: string) => (verb: Verb | undefined) =>
  `${prefix}-${verb === undefined || verb === 'execute' ? 'access' : verb}`;

export const EVENT_IDS: Readonly<Record<string, Rule>> = {
  '110100': { label: 'Application Activity', category: 'process', action: fixed('application-activity') },
  '110101': { label: 'Audit Log Used', category: 'file', action: fixed('audit-log-access') },
  '110102': { label: 'Begin Transferring DICOM Instances', category: 'network', action: fixed('study-transfer-begin') },
  '110103': { label: 'DICOM Instances Accessed', category: 'database', action: record('study') },
  '110104': {
    label: 'DICOM Instances Transferred',
    category: 'network',
    action: (v) => (v === 'create' ? 'study-store' : v === 'read' ? 'study-retrieve' : v === 'update' ? 'study-update' : 'study-transfer'),
  },
  '110105': { label: 'DICOM Study Deleted', category: 'database', action: fixed('study-delete') },
  '110106': { label: 'Export', category: 'file', action: (_v, p) => (p ? 'patient-record-export' : 'data-export') },
  '110107': { label: 'Import', category: 'file', action: (_v, p) => (p ? 'patient-record-import' : 'data-import') },
  '110108': { label: 'Network Entry', category: 'network', action: fixed('network-entry') },
  '110109': { label: 'Order Record', category: 'database', action: record('order-record') },
  '110110': { label: 'Patient Record', category: 'database', action: record('patient-record') },
  '110111': { label: 'Procedure Record', category: 'database', action: record('procedure-record') },
  '110112': { label: 'Query', category: 'database', action: fixed('query') },
  '110113': { label: 'Security Alert', category: 'configuration', action: fixed('security-alert') },
  '110114': { label: 'User Authentication', category: 'authentication', action: fixed('user-authentication') },
};

/** DICOM CID 401 Audit Event Type Codes that refine the category and action. */
export const TYPE_CODES: Readonly<Record<string, { label: string; category: string; action: string }>> = {
  '110120': { label: 'Application Start', category: 'process', action: 'application-start' },
  '110121': { label: 'Application Stop', category: 'process', action: 'application-stop' },
  '110122': { label: 'Login', category: 'authentication', action: 'user-login' },
  '110123': { label: 'Logout', category: 'session', action: 'user-logout' },
  '110124': { label: 'Attach', category: 'network', action: 'network-attach' },
  '110125': { label: 'Detach', category: 'network', action: 'network-detach' },
  '110126': { label: 'Node Authentication', category: 'authentication', action: 'node-authentication' },
  '110127': { label: 'Emergency Override Started', category: 'iam', action: 'emergency-override-start' },
  '110128': { label: 'Network Configuration', category: 'configuration', action: 'network-configuration-change' },
  '110129': { label: 'Security Configuration', category: 'configuration', action: 'security-configuration-change' },
  '110130': { label: 'Hardware Configuration', category: 'configuration', action: 'hardware-configuration-change' },
  '110131': { label: 'Software Configuration', category: 'configuration', action: 'software-configuration-change' },
  '110132': { label: 'Use of Restricted Function', category: 'iam', action: 'restricted-function-use' },
  '110133': { label: 'Audit Recording Stopped', category: 'configuration', action: 'audit-recording-stop' },
  '110134': { label: 'Audit Recording Started', category: 'configuration', action: 'audit-recording-start' },
  '110135': { label: 'Object Security Attributes Changed', category: 'iam', action: 'object-security-attributes-change' },
  '110136': { label: 'Security Roles Changed', category: 'iam', action: 'security-roles-change' },
  '110137': { label: 'User Security Attributes Changed', category: 'iam', action: 'user-security-attributes-change' },
  '110138': { label: 'Emergency Override Stopped', category: 'iam', action: 'emergency-override-stop' },
  '110139': { label: 'Remote Service Operation Started', category: 'configuration', action: 'remote-service-start' },
  '110140': { label: 'Remote Service Operation Stopped', category: 'configuration', action: 'remote-service-stop' },
  '110141': { label: 'Local Service Operation Started', category: 'configuration', action: 'local-service-start' },
  '110142': { label: 'Local Service Operation Stopped', category: 'configuration', action: 'local-service-stop' },
  '110143': { label: 'Authentication Decision', category: 'authentication', action: 'authentication-decision' },
  '110144': { label: 'Authorization Decision', category: 'iam', action: 'authorization-decision' },
  '110145': { label: 'Session start', category: 'session', action: 'session-start' },
  '110146': { label: 'Session stop', category: 'session', action: 'session-stop' },
  '110147': { label: 'Access Control Decision', category: 'iam', action: 'access-control-decision' },
};

export const EMERGENCY_OVERRIDE_STARTED = '110127';

/** A code as found in a message: code, its system and a display text. */
export interface CodeRef {
  code?: string;
  system?: string;
  display?: string;
}

function kebabText(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * Category and action from an event ID, optional type codes and the action code.
 * `restInteraction` is the FHIR restful-interaction code of a `rest` event.
 */
export function classify(input: {
  eventId?: CodeRef;
  typeCodes: readonly CodeRef[];
  verb?: Verb;
  hasPatient: boolean;
  restInteraction?: string;
}): { category: string; action: string } {
  for (const t of input.typeCodes) {
    const rule = lookup(TYPE_CODES, t.code);
    if (rule) return { category: rule.category, action: rule.action };
  }
  const id = input.eventId?.code;
  const asType = lookup(TYPE_CODES, id);
  if (asType) return { category: asType.category, action: asType.action };
  const rule = lookup(EVENT_IDS, id);
  if (rule) return { category: rule.category, action: rule.action(input.verb, input.hasPatient) };
  if (input.restInteraction !== undefined) {
    const interaction = kebabText(input.restInteraction);
    return { category: 'database', action: `fhir-${interaction || 'operation'}` };
  }
  const label = input.eventId?.display ?? input.eventId?.code ?? input.typeCodes[0]?.display;
  const base = label !== undefined ? kebabText(label) : '';
  const verb = input.verb;
  const category = verb === undefined || verb === 'execute' ? 'process' : 'database';
  if (base === '') return { category, action: verb ? `audit-${verb}` : 'audit-event' };
  return { category, action: verb && verb !== 'execute' ? `${base}-${verb}` : base };
}

/** DICOM/RFC 3881/FHIR outcome code → ECS outcome (FHIR R5 may also use issue-severity codes). */
export function outcomeOf(code: string | undefined): 'success' | 'failure' | 'unknown' {
  if (code === undefined) return 'unknown';
  const c = code.trim().toLowerCase();
  if (c === '0' || c === 'information' || c === 'success') return 'success';
  if (c === '4' || c === '8' || c === '12' || c === 'error' || c === 'fatal' || c === 'failure') return 'failure';
  if (c === 'warning') return 'success';
  return 'unknown';
}

const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b;
}

/** Outcome code → severity (0 info, 4 low, 8 medium, 12 high; issue-severity error/fatal too). */
export function severityOfOutcome(code: string | undefined): Severity {
  switch (code?.trim().toLowerCase()) {
    case '4':
    case 'warning':
      return 'low';
    case '8':
    case 'error':
      return 'medium';
    case '12':
    case 'fatal':
      return 'high';
    default:
      return 'info';
  }
}

/** HL7 v3 PurposeOfUse codes that mean an emergency (break-glass) access. */
export function isBreakGlassPurpose(code: string | undefined): boolean {
  const c = code?.trim().toUpperCase();
  return c === 'ETREAT' || c === 'BTG';
}

/** True for the DICOM code 110127 or a display text "Emergency Override Started". */
export function isEmergencyOverride(ref: CodeRef): boolean {
  if (ref.code === EMERGENCY_OVERRIDE_STARTED) return true;
  return /emergency\s+override\s+start/i.test(ref.display ?? '');
}

/** French word for a verb, for messages. */
export const VERB_FR: Readonly<Record<Verb, string>> = {
  create: 'création',
  read: 'lecture',
  update: 'modification',
  delete: 'suppression',
  execute: 'exécution',
};

export const OUTCOME_FR = { success: 'succès', failure: 'échec', unknown: 'résultat inconnu' } as const;
