import type { Severity } from '../api/contract';

/** ECS `event.outcome` values. */
export const OUTCOMES = ['success', 'failure', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The ingest-side record: what parsers and the demo generator produce and
 * `writeEvents` stores. Field names follow ECS (Elastic Common Schema); the
 * `health.*` fields are Vigie's extensions for e-health audit trails. See
 * README.md in this folder for the full reference, and columns.ts for the one
 * mapping to the `events` table.
 *
 * Patient identifiers (INS/NIR, IPP…) never appear here: only the pseudonym
 * produced by `Pseudonymiser`, in `health.patient.pseudonym` and in
 * `event.original` (which the parser rewrites before handing the event over).
 */
export interface NormalizedEvent {
  /** When the event happened (Date or ISO 8601 string with offset). */
  '@timestamp': Date | string;
  /** When Vigie received it; defaults to the time of the write. */
  'event.ingested'?: Date | string;
  /** Source-specific dataset, `<service>.<log>` e.g. `sri.auth`, `portail.audit`. */
  'event.dataset': string;
  /** Hub service that emitted the event: SRI, ROR, MSSante, PACS, Telemedecine, Portail-Coordination… */
  'service.name': string;
  'host.name'?: string | null;
  /** Emitting program (syslog APP-NAME). */
  'process.name'?: string | null;
  'event.severity': Severity;
  /** ECS category: authentication, database, email, file, session, iam, network, configuration… */
  'event.category': string;
  /** What happened, kebab-case: user-login, patient-record-read, email-send… */
  'event.action': string;
  'event.outcome': Outcome;
  'user.id'?: string | null;
  'user.name'?: string | null;
  /** Roles of the user (stored comma-separated). */
  'user.roles'?: readonly string[] | string | null;
  'source.ip'?: string | null;
  'destination.ip'?: string | null;
  /** Keyed-HMAC pseudonym of the patient concerned (`P-XXXXXXXXXXXXXXXX`), never the identifier. */
  'health.patient.pseudonym'?: string | null;
  /** The record, document, study or resource accessed (e.g. `DocumentReference/8841`, a study UID). */
  'health.object'?: string | null;
  /** HL7 v3 PurposeOfUse: TREAT, ETREAT (emergency = break-glass), HPAYMT, HOPERAT… */
  'health.purpose_of_use'?: string | null;
  /** True for a break-glass access; defaults to `purpose_of_use === 'ETREAT'`. */
  'health.break_glass'?: boolean;
  /** Human-readable one-line summary. */
  message: string;
  /** The raw line or document as received (after pseudonymisation of patient identifiers). */
  'event.original': string;
  /** Anything else worth keeping, ECS-named where a name exists (organization.id, http.request.method…). */
  attributes?: Record<string, unknown>;
}
