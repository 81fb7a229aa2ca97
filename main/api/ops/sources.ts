/**
 * Contract operations of sources (listeners, connectors, watched folders). See main/sources.
 * zod and main/sources/config.ts only (the contract stays free of Node).
 *
 * Credentials travel only INTO the engine (`secret` on create/update/test);
 * no output ever carries one: rows say `hasSecret`.
 */
import { z } from 'zod';
import type { SourceHealth } from '../contract';
import {
  folderConfig,
  fhirConfig,
  restConfig,
  syslogTcpConfig,
  syslogTlsConfig,
  syslogUdpConfig,
  type AnySourceConfig,
  type SourceKind,
} from '../../sources/config';
import { op, WRITERS } from './define';

export { SOURCE_KINDS, type SourceKind } from '../../sources/config';

/** A source as the Sources page shows it. */
export interface SourceRow {
  id: number;
  name: string;
  kind: SourceKind;
  enabled: boolean;
  /** The stored configuration (defaults filled in); `secretRef` names the vault secret, never its value. */
  config: AnySourceConfig;
  /** Set when the stored config no longer validates. */
  configError: string | null;
  /** True when a credential (token, password, TLS key) is stored for this source. */
  hasSecret: boolean;
  /** True for a listener bound to a non-loopback address (reachable from the network). */
  exposed: boolean;
  /** Where a running listener actually listens. */
  listening: { address: string; port: number } | null;
  /** Connector cursor (highest timestamp stored) and last run. */
  cursor: string | null;
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
  health: SourceHealth;
}

export interface SourceTestResult {
  ok: boolean;
  /** One sentence for the operator, e.g. 'HTTP 401 Unauthorized from https://fhir.example/fhir/AuditEvent'. */
  message: string;
  /** Non-blocking remarks: exposed port, plain HTTP, certificate expiring. */
  warnings: string[];
}

const id = z.number().int().positive();
const name = z.string().trim().min(1).max(100);
/** Token, password, or TLS certificate chain + private key (PEM). */
const secret = z.string().min(1).max(65_536);

function variant<K extends SourceKind, C extends z.ZodType>(kind: K, config: C) {
  return z.object({ kind: z.literal(kind), config, secret: secret.optional() });
}
const kindVariants = [
  variant('folder', folderConfig),
  variant('syslog-udp', syslogUdpConfig),
  variant('syslog-tcp', syslogTcpConfig),
  variant('syslog-tls', syslogTlsConfig),
  variant('fhir', fhirConfig),
  variant('rest', restConfig),
] as const;

function withName<V extends (typeof kindVariants)[number]>(v: V) {
  return v.extend({ name, enabled: z.boolean().default(true) }).strict();
}
const createInput = z.discriminatedUnion('kind', [
  withName(kindVariants[0]),
  withName(kindVariants[1]),
  withName(kindVariants[2]),
  withName(kindVariants[3]),
  withName(kindVariants[4]),
  withName(kindVariants[5]),
]);

const testInput = z.union([
  z.object({ id }).strict(),
  z.discriminatedUnion('kind', [
    kindVariants[0].strict(),
    kindVariants[1].strict(),
    kindVariants[2].strict(),
    kindVariants[3].strict(),
    kindVariants[4].strict(),
    kindVariants[5].strict(),
  ]),
]);

export const sourceOps = {
  'sources.list': op<SourceRow[]>()(z.object({}).strict(), 'any', false),
  'sources.create': op<SourceRow>()(createInput, WRITERS),
  /** `config` replaces the whole config (validated against the source's kind); `secret: null` removes the secret. */
  'sources.update': op<SourceRow>()(
    z
      .object({
        id,
        name: name.optional(),
        config: z.record(z.string(), z.unknown()).optional(),
        secret: secret.nullable().optional(),
      })
      .strict(),
    WRITERS,
  ),
  'sources.delete': op<{ ok: true }>()(z.object({ id }).strict(), WRITERS),
  'sources.setEnabled': op<SourceRow>()(z.object({ id, enabled: z.boolean() }).strict(), WRITERS),
  /** By id (stored config and secret) or for a config being edited (`secret` optional, unsaved). */
  'sources.test': op<SourceTestResult>()(testInput, WRITERS),
} as const;
