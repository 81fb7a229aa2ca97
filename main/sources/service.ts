/**
 * What the `sources.*` operations do, independent of the transport: validate,
 * store (config in `sources`, credential in `secrets`, one transaction),
 * then tell the running SourceManager (if the vault has one) to start, stop
 * or reload the source. Outputs never carry a secret.
 */
import type { SourceRow, SourceTestResult } from '../api/ops/sources';
import type { Db } from '../store/db';
import { bindAddressOf, isLoopbackAddress, LISTENER_KINDS, type AnySourceConfig, type SourceKind } from './config';
import { healthFromRecord } from './health';
import type { SourceManager } from './manager';
import { probeSource } from './probe';
import {
  deleteSourceRow,
  getSource,
  insertSource,
  listSources,
  setEnabledRow,
  updateSourceRow,
  type SourceRecord,
} from './repository';
import { deleteSecret, existingSecretNames, getSecret, putSecret, secretNameFor } from './secrets';
import { checkSecret, validateConfig } from './validate';

export interface CreateSourceInput {
  name: string;
  kind: SourceKind;
  config: unknown;
  secret?: string;
  enabled?: boolean;
}

export interface UpdateSourceInput {
  id: number;
  name?: string;
  config?: unknown;
  /** undefined: unchanged; null: removed. */
  secret?: string | null;
}

export type TestSourceInput = { id: number } | { kind: SourceKind; config: unknown; secret?: string };

function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

export function toSourceRow(r: SourceRecord, hasSecret: boolean, manager?: SourceManager): SourceRow {
  const live = manager?.health(r.id);
  const status = !r.enabled ? 'paused' : r.lastError ? 'error' : 'starting';
  const bind = bindAddressOf(r.kind, r.config);
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled,
    config: r.config,
    configError: r.configError,
    hasSecret,
    exposed: bind !== null && !isLoopbackAddress(bind),
    listening: manager?.listening(r.id) ?? null,
    cursor: r.state.cursor ?? null,
    lastRunAt: iso(r.state.lastRunAt),
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    health: live ?? healthFromRecord(r, status),
  };
}

export async function listSourceRows(db: Db, manager?: SourceManager): Promise<SourceRow[]> {
  const secrets = await existingSecretNames(db);
  return (await listSources(db)).map((r) => toSourceRow(r, secrets.has(secretNameFor(r.id)), manager));
}

export async function sourceRow(db: Db, id: number, manager?: SourceManager): Promise<SourceRow> {
  const r = await getSource(db, id);
  return toSourceRow(r, (await getSecret(db, secretNameFor(id))) !== null, manager);
}

export async function createSource(db: Db, input: CreateSourceInput, manager?: SourceManager): Promise<SourceRow> {
  const config = validateConfig(input.kind, input.config);
  checkSecret(input.kind, config, input.secret, false);
  const withSecret = typeof input.secret === 'string' && input.secret !== '';
  const id = await db.transaction(async (tx) => {
    const newId = await insertSource(tx, { name: input.name, kind: input.kind, config, enabled: input.enabled }, withSecret);
    if (withSecret) await putSecret(tx, secretNameFor(newId), input.secret as string);
    return newId;
  });
  if (input.enabled !== false) await manager?.start(id);
  return sourceRow(db, id, manager);
}

export async function updateSource(db: Db, input: UpdateSourceInput, manager?: SourceManager): Promise<SourceRow> {
  const current = await getSource(db, input.id);
  const config: AnySourceConfig = input.config !== undefined ? validateConfig(current.kind, input.config) : current.config;
  const hadSecret = (await getSecret(db, secretNameFor(input.id))) !== null;
  checkSecret(current.kind, config, input.secret, hadSecret);
  const withSecret = input.secret === undefined ? hadSecret : input.secret !== null;
  await db.transaction(async (tx) => {
    await updateSourceRow(tx, input.id, { name: input.name, config, withSecret });
    if (typeof input.secret === 'string') await putSecret(tx, secretNameFor(input.id), input.secret);
    else if (input.secret === null) await deleteSecret(tx, secretNameFor(input.id));
  });
  await manager?.reload(input.id);
  return sourceRow(db, input.id, manager);
}

export async function deleteSource(db: Db, id: number, manager?: SourceManager): Promise<void> {
  await getSource(db, id);
  await manager?.stop(id);
  await deleteSourceRow(db, id);
}

export async function setSourceEnabled(db: Db, id: number, enabled: boolean, manager?: SourceManager): Promise<SourceRow> {
  await setEnabledRow(db, id, enabled);
  if (enabled) await manager?.start(id);
  else await manager?.stop(id);
  return sourceRow(db, id, manager);
}

export async function testSource(db: Db, input: TestSourceInput, manager?: SourceManager): Promise<SourceTestResult> {
  if ('id' in input) {
    const r = await getSource(db, input.id);
    if (r.configError) return { ok: false, message: `Configuration invalide : ${r.configError}`, warnings: [] };
    const secret = await getSecret(db, secretNameFor(r.id));
    return probeSource(r.kind, r.config, secret, { listening: manager?.listening(r.id), cursor: r.state.cursor ?? null });
  }
  const config = validateConfig(input.kind, input.config);
  checkSecret(input.kind, config, input.secret, false);
  const clash = await runningListenerOnPort(db, input.kind, config, manager);
  if (clash) return { ok: false, message: `Port déjà utilisé par la source « ${clash} »`, warnings: [] };
  return probeSource(input.kind, config, input.secret ?? null);
}

async function runningListenerOnPort(
  db: Db,
  kind: SourceKind,
  config: AnySourceConfig,
  manager?: SourceManager,
): Promise<string | null> {
  if (!manager || !(LISTENER_KINDS as readonly string[]).includes(kind)) return null;
  const udp = kind === 'syslog-udp';
  const port = (config as { port: number }).port;
  for (const r of await listSources(db)) {
    const at = manager.listening(r.id);
    if (at && at.port === port && (r.kind === 'syslog-udp') === udp) return r.name;
  }
  return null;
}
