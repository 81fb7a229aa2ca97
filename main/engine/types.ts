/**
 * What the engine needs from its host (Electron shell, HTTP bridge or CLI)
 * and what it offers them. Hosts depend on these interfaces only.
 */
import type { Envelope, EventName, EventPayloads, Severity } from '../api/contract';

/** OS keystore for "remember on this device" (Electron safeStorage). Absent in browser mode and CLI. */
export interface KeyStore {
  available(): boolean;
  save(vaultId: string, key: Buffer): void;
  load(vaultId: string): Buffer | null;
  forget(vaultId: string): void;
  has(vaultId: string): boolean;
}

/** Desktop notifications (Electron Notification); browser mode forwards them as events only. */
export interface Notifier {
  /** `kind: 'alert'`: one new alert (body = its title); the shell groups bursts into one notification. */
  /** `link`: the in-app route (`#/…`) a click on the notification opens (a legal deadline: its incident's legal tab). */
  notify(n: { title: string; body: string; severity: Severity; kind?: 'alert' | 'deadline'; link?: string }): void;
}

export interface CallContext {
  transport: 'ipc' | 'http' | 'cli';
}

export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

export interface EngineHost {
  /** Folder holding the vault, its metadata and the logs. */
  dataDir: string;
  mode: 'electron' | 'browser' | 'cli';
  keyStore?: KeyStore;
  notifier?: Notifier;
  /** Log to the console as well as to the rotating files (CLI, dev). */
  logToConsole?: boolean;
}

export interface EngineApi {
  dispatch(op: string, input: unknown, ctx: CallContext): Promise<Envelope<unknown>>;
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
  power(event: PowerEvent): void;
  stop(): Promise<void>;
}
