/**
 * `sources.test`: checks a source's config without storing anything.
 * Listeners: binds the port and releases it (or, when the source is running,
 * says where it listens). Connectors: ONE request with the credential; the
 * error says the status and the URL, never the credential. Folders: exists,
 * is a folder, readable and writable.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { redactString } from '../logging/redact';
import type { AnySourceConfig, FhirConfig, FolderConfig, RestConfig, SourceKind, StreamListenerConfig } from './config';
import { isLoopbackAddress } from './config';
import { asBundle, fhirSearchUrl } from './connectors/fhir-pull';
import { authHeaders, displayUrl, getJson } from './connectors/http';
import { restItems, restUrl } from './connectors/rest-pull';
import { bindErrorMessage } from './listeners/bind-errors';
import { bindUdp } from './listeners/syslog-udp';
import { probeTcpBind } from './listeners/syslog-tcp';
import { parseTlsBundle } from './secrets';

export interface SourceTestResult {
  ok: boolean;
  /** One sentence for the operator (French). */
  message: string;
  /** Warnings that do not make the test fail (exposed port, certificate expiring…). */
  warnings: string[];
}

export interface ProbeOptions {
  /** Where the source already listens, when it is running (the port is then ours). */
  listening?: { address: string; port: number };
  /** Cursor of the stored source (REST test request). */
  cursor?: string | null;
}

const DAY = 86_400_000;

export async function probeSource(
  kind: SourceKind,
  config: AnySourceConfig,
  secret: string | null,
  opts: ProbeOptions = {},
): Promise<SourceTestResult> {
  try {
    switch (kind) {
      case 'syslog-udp':
      case 'syslog-tcp':
      case 'syslog-tls':
        return await probeListener(kind, config as StreamListenerConfig, secret, opts);
      case 'fhir':
        return await probeFhir(config as FhirConfig, secret);
      case 'rest':
        return await probeRest(config as RestConfig, secret, opts.cursor ?? null);
      case 'folder':
        return await probeFolder(config as FolderConfig);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, message: redactString(message), warnings: [] };
  }
}

async function probeListener(
  kind: SourceKind,
  config: StreamListenerConfig,
  secret: string | null,
  opts: ProbeOptions,
): Promise<SourceTestResult> {
  const warnings: string[] = [];
  if (!isLoopbackAddress(config.bindAddress)) {
    warnings.push(`Port exposé au réseau : écoute sur ${config.bindAddress}, pas seulement sur cette machine.`);
  }
  const proto = kind === 'syslog-udp' ? 'UDP' : kind === 'syslog-tls' ? 'TLS' : 'TCP';
  if (kind === 'syslog-tls') {
    const tls = parseTlsBundle(secret ?? '');
    const left = Date.parse(tls.notAfter) - Date.now();
    if (left <= 0) return { ok: false, message: `Certificat TLS expiré depuis le ${tls.notAfter}`, warnings };
    if (left < 30 * DAY) warnings.push(`Le certificat TLS expire le ${tls.notAfter}.`);
  }
  if (opts.listening) {
    return { ok: true, message: `En écoute (${proto}) sur ${opts.listening.address}:${opts.listening.port}`, warnings };
  }
  try {
    if (kind === 'syslog-udp') {
      const socket = await bindUdp(config.bindAddress, config.port);
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    } else {
      await probeTcpBind(config.bindAddress, config.port);
    }
  } catch (e) {
    return { ok: false, message: bindErrorMessage(e, proto, config.bindAddress, config.port), warnings };
  }
  return { ok: true, message: `Port ${proto} ${config.bindAddress}:${config.port} disponible`, warnings };
}

async function probeFhir(config: FhirConfig, secret: string | null): Promise<SourceTestResult> {
  const url = fhirSearchUrl({ ...config, pageSize: 1 }, null);
  const res = await getJson(url, authHeaders(config.auth, secret), {
    timeoutMs: config.timeoutSeconds * 1000,
    maxBytes: config.maxResponseBytes,
    accept: 'application/fhir+json, application/json;q=0.9',
  });
  const bundle = asBundle(res.body, displayUrl(res.url));
  const total = typeof bundle.total === 'number' ? `, ${bundle.total} AuditEvent au total` : '';
  return { ok: true, message: `Serveur FHIR joignable (HTTP ${res.status} de ${displayUrl(res.url)})${total}`, warnings: insecure(config.baseUrl) };
}

async function probeRest(config: RestConfig, secret: string | null, cursor: string | null): Promise<SourceTestResult> {
  const res = await getJson(restUrl(config, cursor ?? config.initialCursor ?? null), authHeaders(config.auth, secret), {
    timeoutMs: config.timeoutSeconds * 1000,
    maxBytes: config.maxResponseBytes,
  });
  const items = restItems(res.body, config, displayUrl(res.url));
  return {
    ok: true,
    message: `API joignable (HTTP ${res.status} de ${displayUrl(res.url)}), ${items.length} élément(s) dans la réponse`,
    warnings: insecure(config.url),
  };
}

function insecure(url: string): string[] {
  return url.startsWith('http:') ? ['Connexion en HTTP clair : les identifiants et les journaux circulent sans chiffrement.'] : [];
}

async function probeFolder(config: FolderConfig): Promise<SourceTestResult> {
  let s;
  try {
    s = await stat(config.path);
  } catch {
    return { ok: false, message: `Dossier introuvable : ${config.path}`, warnings: [] };
  }
  if (!s.isDirectory()) return { ok: false, message: `Ce n’est pas un dossier : ${config.path}`, warnings: [] };
  try {
    await access(config.path, constants.R_OK | constants.W_OK);
  } catch {
    return { ok: false, message: `Droits insuffisants (lecture et écriture requises) sur ${config.path}`, warnings: [] };
  }
  if (config.moveProcessed && config.processedPath) {
    const p = config.processedPath;
    const ps = await stat(p).catch(() => null);
    if (ps && !ps.isDirectory()) return { ok: false, message: `Le dossier des fichiers traités n’est pas un dossier : ${p}`, warnings: [] };
    if (ps) {
      try {
        await access(p, constants.W_OK);
      } catch {
        return { ok: false, message: `Droits insuffisants (écriture requise) sur le dossier des fichiers traités ${p}`, warnings: [] };
      }
    }
    const warnings = ps ? [] : [`Le dossier des fichiers traités ${p} n’existe pas encore : il sera créé au premier fichier importé.`];
    return { ok: true, message: `Dossier accessible : ${config.path} ; fichiers traités déplacés vers ${p}`, warnings };
  }
  return { ok: true, message: `Dossier accessible : ${config.path}`, warnings: [] };
}

