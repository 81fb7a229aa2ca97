/**
 * The source form's fields (strings, as typed) and their translation to and
 * from a source kind's config (main/sources/config.ts): only the fields the
 * kind accepts are sent (the engine's schemas are strict), defaults are left
 * to the engine. Secrets never live in a config: they travel in `secret`.
 */
export const SOURCE_KIND_LIST = ['syslog-udp', 'syslog-tcp', 'syslog-tls', 'fhir', 'rest', 'folder'] as const;
export type SourceKindName = (typeof SOURCE_KIND_LIST)[number];
export const LISTENER_KIND_LIST: readonly SourceKindName[] = ['syslog-udp', 'syslog-tcp', 'syslog-tls'];
export const LISTENER_FORMAT_LIST = ['auto', 'syslog', 'cef', 'leef', 'json'] as const;
export const FOLDER_FORMAT_LIST = ['auto', 'syslog', 'cef', 'leef', 'json', 'fhir', 'atna', 'access', 'csv'] as const;
export const REST_FORMAT_LIST = ['json', 'ecs', 'windows'] as const;
export const AUTH_TYPE_LIST = ['none', 'bearer', 'basic'] as const;
export const DEFAULT_TIMEZONE = 'Europe/Paris';
export const DEFAULT_SCHEDULE = '*/5 * * * *';
export const LOOPBACK = '127.0.0.1';

export interface SourceDraft {
  name: string;
  kind: SourceKindName;
  // listeners
  bindAddress: string;
  port: string;
  allowExternal: boolean;
  format: string;
  tlsCert: string;
  tlsKey: string;
  // hints
  timezone: string;
  service: string;
  // connectors
  baseUrl: string;
  url: string;
  pageSize: string;
  schedule: string;
  authType: (typeof AUTH_TYPE_LIST)[number];
  username: string;
  token: string;
  allowInsecureHttp: boolean;
  cursorParam: string;
  itemsPath: string;
  timestampField: string;
  idField: string;
  restFormat: (typeof REST_FORMAT_LIST)[number];
  // folder
  path: string;
  csvMapping: string;
  moveProcessed: boolean;
  processedPath: string;
}

export function emptyDraft(kind: SourceKindName = 'syslog-udp'): SourceDraft {
  return {
    name: '',
    kind,
    bindAddress: LOOPBACK,
    port: '',
    allowExternal: false,
    format: 'auto',
    tlsCert: '',
    tlsKey: '',
    timezone: DEFAULT_TIMEZONE,
    service: '',
    baseUrl: '',
    url: '',
    pageSize: '',
    schedule: DEFAULT_SCHEDULE,
    authType: 'none',
    username: '',
    token: '',
    allowInsecureHttp: false,
    cursorParam: 'since',
    itemsPath: 'items',
    timestampField: '@timestamp',
    idField: '',
    restFormat: 'json',
    path: '',
    csvMapping: '',
    moveProcessed: false,
    processedPath: '',
  };
}

/** Mirrors the engine's loopback test: binding anything else exposes the port to the network. */
export function isLoopback(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (a === '::1' || a === 'localhost') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a.startsWith('::ffff:') ? a.slice(7) : a);
}

export const isListener = (kind: SourceKindName) => LISTENER_KIND_LIST.includes(kind);
export const isConnector = (kind: SourceKindName) => kind === 'fhir' || kind === 'rest';

const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));
const str = (s: string) => (s.trim() === '' ? undefined : s.trim());

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The config object the engine validates for this kind. */
export function toConfig(d: SourceDraft): Record<string, unknown> {
  const hints = { timezone: str(d.timezone), service: str(d.service) };
  if (isListener(d.kind)) {
    return compact({
      bindAddress: str(d.bindAddress) ?? LOOPBACK,
      port: num(d.port),
      allowExternal: !isLoopback(d.bindAddress) && d.allowExternal ? true : undefined,
      format: d.format,
      ...hints,
    });
  }
  const auth = compact({ type: d.authType, username: d.authType === 'basic' ? str(d.username) : undefined });
  if (d.kind === 'fhir') {
    return compact({
      baseUrl: d.baseUrl.trim(),
      pageSize: num(d.pageSize),
      schedule: str(d.schedule),
      auth,
      allowInsecureHttp: d.allowInsecureHttp || undefined,
      ...hints,
    });
  }
  if (d.kind === 'rest') {
    return compact({
      url: d.url.trim(),
      cursorParam: str(d.cursorParam),
      itemsPath: d.itemsPath.trim(),
      timestampField: str(d.timestampField),
      idField: str(d.idField),
      pageSize: num(d.pageSize),
      format: d.restFormat,
      schedule: str(d.schedule),
      auth,
      allowInsecureHttp: d.allowInsecureHttp || undefined,
      ...hints,
    });
  }
  return compact({
    path: d.path.trim(),
    format: d.format,
    csvMapping: str(d.csvMapping),
    moveProcessed: d.moveProcessed,
    processedPath: d.moveProcessed ? str(d.processedPath) : undefined,
    ...hints,
  });
}

/**
 * The secret to send: the TLS certificate chain and key as one PEM bundle, or
 * the token / password; undefined = keep the stored one (nothing typed).
 */
export function toSecret(d: SourceDraft): string | undefined {
  if (d.kind === 'syslog-tls') {
    const bundle = [d.tlsCert.trim(), d.tlsKey.trim()].filter(Boolean).join('\n');
    return bundle === '' ? undefined : `${bundle}\n`;
  }
  if (isConnector(d.kind) && d.authType !== 'none' && d.token !== '') return d.token;
  return undefined;
}

const text = (v: unknown, fallback = '') => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);

/** A stored source back into the form (the secret is write-only: never read back). */
export function fromSource(source: { name: string; kind: string; config: unknown }): SourceDraft {
  const kind = (SOURCE_KIND_LIST as readonly string[]).includes(source.kind) ? (source.kind as SourceKindName) : 'folder';
  const c = (source.config ?? {}) as Record<string, unknown>;
  const auth = (c.auth ?? {}) as Record<string, unknown>;
  const d = emptyDraft(kind);
  return {
    ...d,
    name: source.name,
    bindAddress: text(c.bindAddress, d.bindAddress),
    port: text(c.port),
    allowExternal: c.allowExternal === true,
    format: text(c.format, kind === 'rest' ? 'auto' : d.format),
    timezone: text(c.timezone, d.timezone),
    service: text(c.service),
    baseUrl: text(c.baseUrl),
    url: text(c.url),
    pageSize: text(c.pageSize),
    schedule: text(c.schedule, d.schedule),
    authType: (AUTH_TYPE_LIST as readonly string[]).includes(text(auth.type)) ? (auth.type as SourceDraft['authType']) : 'none',
    username: text(auth.username),
    allowInsecureHttp: c.allowInsecureHttp === true,
    cursorParam: text(c.cursorParam, d.cursorParam),
    itemsPath: text(c.itemsPath, d.itemsPath),
    timestampField: text(c.timestampField, d.timestampField),
    idField: text(c.idField),
    restFormat: (REST_FORMAT_LIST as readonly string[]).includes(text(c.format)) ? (c.format as SourceDraft['restFormat']) : 'json',
    path: text(c.path),
    csvMapping: text(c.csvMapping),
    moveProcessed: c.moveProcessed === true,
    processedPath: text(c.processedPath),
  };
}

/** Where a source listens or reads from, for the list. */
export function locationOf(kind: string, config: unknown): string {
  const c = (config ?? {}) as Record<string, unknown>;
  if (LISTENER_KIND_LIST.includes(kind as SourceKindName)) {
    const host = text(c.bindAddress, LOOPBACK);
    return `${host.includes(':') ? `[${host}]` : host}:${text(c.port)}`;
  }
  if (kind === 'fhir') return text(c.baseUrl);
  if (kind === 'rest') return text(c.url);
  return text(c.path);
}
