/**
 * Configuration of each source kind, validated by zod. zod only (the API
 * contract imports these schemas), no Node: deeper checks that need Node
 * (cron expressions, TLS material) live in `validate.ts`.
 *
 * No schema here has a field for a credential: tokens, passwords and TLS
 * keys go to the `secrets` table through the operations' `secret` field, and
 * the stored config only names them (`secretRef`, set by the engine).
 */
import { z } from 'zod';

export const SOURCE_KINDS = ['folder', 'syslog-udp', 'syslog-tcp', 'syslog-tls', 'fhir', 'rest'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const LISTENER_KINDS = ['syslog-udp', 'syslog-tcp', 'syslog-tls'] as const;
export const CONNECTOR_KINDS = ['fhir', 'rest'] as const;

export const DEFAULT_BIND_ADDRESS = '127.0.0.1';
export const DEFAULT_SCHEDULE = '*/5 * * * *';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback: the only addresses bound without an explicit choice. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (a === '::1' || a === '0:0:0:0:0:0:0:1' || a === 'localhost') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const text = (max: number) => z.string().trim().min(1).max(max);
const timezone = z
  .string()
  .max(64)
  .refine(isIanaZone, { message: 'Fuseau horaire IANA inconnu (ex. Europe/Paris)' })
  .default('Europe/Paris');
const hints = {
  timezone,
  /** Hub service the events come from when the record does not say (SRI, PACS…). */
  service: text(100).optional(),
  /** `event.dataset` hint (`<service>.<log>`). */
  dataset: text(100).optional(),
};
/** Set by the engine to the `secrets` row holding this source's credential; never user input. */
const secretRef = z.string().max(100).optional();

// ---------------------------------------------------------------- listeners

const port = z.number().int().min(1).max(65535);
const bindAddress = z.union([z.ipv4(), z.ipv6()]).default(DEFAULT_BIND_ADDRESS);
export const LISTENER_FORMATS = ['auto', 'syslog', 'cef', 'leef', 'json'] as const;

const listenerBase = {
  bindAddress,
  port,
  /** Must be true to bind a non-loopback address: exposing a port to the network is a deliberate choice. */
  allowExternal: z.boolean().default(false),
  format: z.enum(LISTENER_FORMATS).default('auto'),
  ...hints,
  secretRef,
};

function explicitExposure<T extends { bindAddress: string; allowExternal: boolean }>(c: T, ctx: z.RefinementCtx): void {
  if (!isLoopbackAddress(c.bindAddress) && !c.allowExternal) {
    ctx.addIssue({
      code: 'custom',
      path: ['bindAddress'],
      message: `Écouter sur ${c.bindAddress} expose le port au réseau : confirmez avec allowExternal: true`,
    });
  }
}

export const syslogUdpConfig = z
  .object({
    ...listenerBase,
    /** Longest datagram accepted; longer ones are quarantined (too-long). UDP over IPv4 carries at most 65,507 bytes. */
    maxMessageBytes: z.number().int().min(480).max(65_507).default(65_507),
  })
  .strict()
  .superRefine(explicitExposure);

const streamBase = {
  ...listenerBase,
  /** Longest frame (line or octet-counted message) accepted; longer ones are quarantined (too-long). */
  maxFrameBytes: z.number().int().min(480).max(16 * 1024 * 1024).default(64 * 1024),
  /** Simultaneous connections; more are refused. */
  maxConnections: z.number().int().min(1).max(1024).default(64),
  /** A connection silent this long is closed (0 = never). */
  idleTimeoutSeconds: z.number().int().min(0).max(86_400).default(300),
};
export const syslogTcpConfig = z.object(streamBase).strict().superRefine(explicitExposure);
/** TLS: the certificate chain and private key (PEM) are the source's secret. */
export const syslogTlsConfig = z.object(streamBase).strict().superRefine(explicitExposure);

// ---------------------------------------------------------------- connectors

const schedule = z
  .string()
  .trim()
  .regex(/^\S+( \S+){4}$/, { message: 'Expression cron à 5 champs attendue (minute heure jour mois jour-semaine)' })
  .default(DEFAULT_SCHEDULE);
export const AUTH_TYPES = ['none', 'bearer', 'basic'] as const;
const auth = z
  .object({
    type: z.enum(AUTH_TYPES).default('none'),
    /** Basic auth user name (not secret); the password is the source's secret. */
    username: text(200).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.type === 'basic' && !a.username) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'Nom d’utilisateur requis pour l’authentification basic' });
    }
  })
  .default({ type: 'none' });

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), { message: 'Pas d’identifiants dans l’URL : utilisez le secret' });

const connectorBase = {
  schedule,
  auth,
  /** Plain http is refused unless the server is on this machine or this is set. */
  allowInsecureHttp: z.boolean().default(false),
  timeoutSeconds: z.number().int().min(1).max(600).default(30),
  maxResponseBytes: z.number().int().min(1024).max(256 * 1024 * 1024).default(32 * 1024 * 1024),
  /** Pages (requests) fetched per run at most; the next run continues from the cursor. */
  maxPagesPerRun: z.number().int().min(1).max(10_000).default(200),
  ...hints,
  secretRef,
};

function secureUrl(field: string) {
  return <T extends { allowInsecureHttp: boolean }>(c: T, ctx: z.RefinementCtx): void => {
    const value = (c as Record<string, unknown>)[field];
    if (typeof value !== 'string') return;
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      return; // reported by the url schema
    }
    if (u.protocol === 'http:' && !c.allowInsecureHttp && !isLoopbackAddress(u.hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: 'HTTP en clair refusé hors de cette machine : utilisez https ou confirmez avec allowInsecureHttp: true',
      });
    }
  };
}

export const fhirConfig = z
  .object({
    /** FHIR base URL (R4 or R5), e.g. https://fhir.example/fhir. */
    baseUrl: httpUrl,
    pageSize: z.number().int().min(1).max(1000).default(100),
    /** First cursor (ISO 8601 instant) when nothing was fetched yet; absent = everything. */
    since: z.iso.datetime({ offset: true }).optional(),
    ...connectorBase,
  })
  .strict()
  .superRefine(secureUrl('baseUrl'));

export const REST_FORMATS = ['json', 'ecs', 'windows'] as const;
const dotted = z.string().trim().max(200).regex(/^$|^[^.\s]+(\.[^.\s]+)*$/, { message: 'Chemin pointé attendu (ex. data.items)' });
export const restConfig = z
  .object({
    url: httpUrl,
    /** Query parameter carrying the cursor (the highest timestamp already stored). */
    cursorParam: z.string().trim().min(1).max(100).default('since'),
    /** First cursor value when nothing was fetched yet; absent = no cursor parameter on the first request. */
    initialCursor: z.string().max(200).optional(),
    /** Dotted path to the array of items in the response ('' = the response is the array). */
    itemsPath: dotted.default('items'),
    /** Dotted path, inside an item, of its timestamp (ISO 8601 or epoch ms): the cursor. */
    timestampField: dotted.min(1).default('@timestamp'),
    /** Dotted path, inside an item, of its unique id (dedup); absent = the item's content. */
    idField: dotted.optional(),
    /** Optional page-size query parameter and value. */
    pageSizeParam: z.string().trim().min(1).max(100).optional(),
    pageSize: z.number().int().min(1).max(10_000).default(500),
    format: z.enum(REST_FORMATS).default('json'),
    ...connectorBase,
  })
  .strict()
  .superRefine(secureUrl('url'));

// ---------------------------------------------------------------- folder

export const FOLDER_FORMATS = ['auto', 'syslog', 'cef', 'leef', 'json', 'fhir', 'atna', 'access', 'csv'] as const;
export const folderConfig = z
  .object({
    /** Absolute path of the watched drop folder. */
    path: z.string().trim().min(1).max(1000),
    format: z.enum(FOLDER_FORMATS).default('auto'),
    /** Saved CSV mapping (csv_mappings.name) for CSV files. */
    csvMapping: z.string().trim().min(1).max(100).optional(),
    /**
     * Move each fully imported file out of the folder, to `processedPath` or else `<path>/.imported/`
     * (files are never imported twice either way; a file not fully stored/quarantined is never moved).
     */
    moveProcessed: z.boolean().default(false),
    /** Absolute path of the processed folder (created when needed; inside `path` it is not watched). */
    processedPath: z.string().trim().min(1).max(1000).optional(),
    /** How often the folder is looked at. */
    pollSeconds: z.number().int().min(1).max(3600).default(3),
    ...hints,
    secretRef,
  })
  .strict()
  .refine((c) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(c.path), { path: ['path'], message: 'Chemin absolu attendu' })
  .refine((c) => c.processedPath === undefined || /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(c.processedPath), {
    path: ['processedPath'],
    message: 'Chemin absolu attendu',
  })
  .refine((c) => c.processedPath === undefined || c.moveProcessed, {
    path: ['processedPath'],
    message: 'Un dossier des fichiers traités n’a de sens qu’avec le déplacement après import',
  })
  .refine((c) => c.processedPath === undefined || trimSlash(c.processedPath) !== trimSlash(c.path), {
    path: ['processedPath'],
    message: 'Le dossier des fichiers traités doit être différent du dossier surveillé',
  });

function trimSlash(p: string): string {
  return p.replace(/[\\/]+$/, '');
}

export const CONFIG_SCHEMAS = {
  folder: folderConfig,
  'syslog-udp': syslogUdpConfig,
  'syslog-tcp': syslogTcpConfig,
  'syslog-tls': syslogTlsConfig,
  fhir: fhirConfig,
  rest: restConfig,
} as const;

export type SyslogUdpConfig = z.output<typeof syslogUdpConfig>;
export type SyslogTcpConfig = z.output<typeof syslogTcpConfig>;
export type SyslogTlsConfig = z.output<typeof syslogTlsConfig>;
export type StreamListenerConfig = SyslogTcpConfig;
export type FhirConfig = z.output<typeof fhirConfig>;
export type RestConfig = z.output<typeof restConfig>;
export type FolderConfig = z.output<typeof folderConfig>;
export type SourceConfigOf<K extends SourceKind> = z.output<(typeof CONFIG_SCHEMAS)[K]>;
export type AnySourceConfig = SourceConfigOf<SourceKind>;

/** Whether the kind needs a secret with this config (TLS key, bearer token, basic password). */
export function secretRequired(kind: SourceKind, config: AnySourceConfig): boolean {
  if (kind === 'syslog-tls') return true;
  if (kind === 'fhir' || kind === 'rest') return (config as FhirConfig | RestConfig).auth.type !== 'none';
  return false;
}

/** The listening address of a listener config, or null. */
export function bindAddressOf(kind: SourceKind, config: AnySourceConfig): string | null {
  return (LISTENER_KINDS as readonly string[]).includes(kind) ? (config as SyslogUdpConfig).bindAddress : null;
}
