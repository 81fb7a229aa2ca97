import type { Operator, Settings, VaultStatus } from '../api/contract';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { createVault, openVault, openVaultWithKey, readVaultMeta, vaultState } from '../store/vault';
import type { EventBus } from './bus';
import { DEFAULT_SETTINGS, readOperator, readSettings, writeOperator } from './settings';
import type { KeyStore } from './types';

interface Open {
  db: Db;
  vaultId: string;
  operator: Operator;
  settings: Settings;
}

/** Cheap Argon2id parameters, only when VIGIE_KDF_FAST=1 (automated tests); never the default. */
const FAST_KDF = { memoryKiB: 1024, iterations: 1, parallelism: 1 };

export interface SessionOptions {
  dataDir: string;
  bus: EventBus;
  keyStore?: KeyStore;
  fastKdf?: boolean;
  now?: () => number;
  /** Called after the vault opens (jobs, pseudonymiser…) and before it closes. */
  onOpen?: (db: Db) => Promise<void>;
  onClose?: () => Promise<void>;
}

/**
 * The vault's lifecycle for one engine: absent → (create) → unlocked ⇄ locked.
 * Owns the only open connection; locking closes it and drops the key.
 */
export class VaultSession {
  private open: Open | null = null;
  private lastActivity: number;
  private idleTimer: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SessionOptions) {
    this.lastActivity = this.now();
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  get unlocked(): boolean {
    return this.open !== null;
  }

  get operator(): Operator | undefined {
    return this.open?.operator;
  }

  get settings(): Settings {
    return this.open?.settings ?? { ...DEFAULT_SETTINGS };
  }

  set settings(s: Settings) {
    if (this.open) this.open.settings = s;
  }

  db(): Db {
    if (!this.open) throw new VigieError('LOCKED', 'Le coffre est verrouillé.');
    return this.open.db;
  }

  async status(): Promise<VaultStatus> {
    let problem: VaultStatus['problem'];
    let state: VaultStatus['state'] = 'unlocked';
    if (!this.open) {
      try {
        state = (await vaultState(this.opts.dataDir)) === 'absent' ? 'absent' : 'locked';
      } catch (e) {
        // A half-present or damaged vault is shown as locked with its problem; it is never recreated over.
        if (!(e instanceof VigieError)) throw e;
        state = 'locked';
        problem = e.toApiError();
      }
    }
    const rememberAvailable = this.opts.keyStore?.available() ?? false;
    const vaultId = this.open?.vaultId ?? (state === 'locked' ? await this.peekVaultId() : undefined);
    return {
      state,
      dataDir: this.opts.dataDir,
      operator: this.open?.operator,
      rememberAvailable,
      remembered: rememberAvailable && vaultId !== undefined && (this.opts.keyStore?.has(vaultId) ?? false),
      schemaVersion: this.open ? LATEST_SCHEMA_VERSION : undefined,
      ...(problem ? { problem } : {}),
    };
  }

  /** Serialises create/unlock/lock so two racing calls cannot open two connections. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => undefined);
    return next;
  }

  create(passphrase: string, operator: Operator, remember: boolean): Promise<VaultStatus> {
    return this.exclusive(async () => {
      if (this.open) throw new VigieError('VAULT_EXISTS', 'Un coffre est déjà ouvert.');
      const kdf = this.opts.fastKdf ? { kdf: FAST_KDF } : {};
      const { db, key, meta } = await createVault(this.opts.dataDir, passphrase, { ...kdf, userInputs: [operator.name] });
      await writeOperator(db, operator);
      await this.attach(db, meta.vaultId, key, remember);
      return this.changed();
    });
  }

  unlock(passphrase: string, remember: boolean): Promise<VaultStatus> {
    return this.exclusive(async () => {
      if (this.open) return this.status();
      const { db, key, meta } = await openVault(this.opts.dataDir, passphrase);
      await this.attach(db, meta.vaultId, key, remember);
      return this.changed();
    });
  }

  unlockRemembered(): Promise<VaultStatus> {
    return this.exclusive(async () => {
      if (this.open) return this.status();
      const store = this.opts.keyStore;
      const vaultId = await this.peekVaultId();
      const key = store?.available() && vaultId ? store.load(vaultId) : null;
      if (!key || !vaultId) {
        throw new VigieError('UNAVAILABLE', "Aucune clé mémorisée sur cet appareil pour ce coffre.");
      }
      try {
        const { db } = await openVaultWithKey(this.opts.dataDir, key);
        await this.attach(db, vaultId, null, true);
      } catch (e) {
        // A remembered key that no longer opens the vault is useless: forget it.
        if (e instanceof VigieError && e.code === 'WRONG_PASSPHRASE') store?.forget(vaultId);
        throw e;
      } finally {
        key.fill(0);
      }
      return this.changed();
    });
  }

  async forget(): Promise<VaultStatus> {
    const vaultId = this.open?.vaultId ?? (await this.peekVaultId());
    if (vaultId) this.opts.keyStore?.forget(vaultId);
    return this.changed();
  }

  lock(reason: 'user' | 'idle' | 'power' | 'shutdown' = 'user'): Promise<VaultStatus> {
    return this.exclusive(async () => {
      const open = this.open;
      if (!open) return this.status();
      this.open = null;
      this.stopIdleTimer();
      await this.opts.onClose?.().catch(() => undefined);
      await open.db.close();
      void reason;
      return this.changed();
    });
  }

  /** Appends to the vault's own audit trail (who did what, when). */
  async audit(action: string, target: string | null, details?: Record<string, unknown>): Promise<void> {
    if (!this.open) return;
    await this.open.db.run('INSERT INTO audit_log (ts, actor, action, target, details) VALUES (?, ?, ?, ?, ?)', [
      this.now(),
      this.open.operator.name,
      action,
      target,
      details ? JSON.stringify(details) : null,
    ]);
  }

  /**
   * Audits a consultation without noise: no row is written when the same
   * operator already has one for `action` less than `windowMs` ago (filter
   * changes, paging and refreshes of one consultation make one row). Returns
   * whether a row was written.
   */
  async auditRead(action: string, target: string | null, details: Record<string, unknown>, windowMs: number): Promise<boolean> {
    if (!this.open) return false;
    const recent = await this.open.db.get<{ id: number }>(
      'SELECT id FROM audit_log WHERE actor = ? AND action = ? AND ts > ? ORDER BY id DESC LIMIT 1',
      [this.open.operator.name, action, this.now() - windowMs],
    );
    if (recent) return false;
    await this.audit(action, target, details);
    return true;
  }

  touch(): void {
    this.lastActivity = this.now();
  }

  /** Checks the idle delay; exposed for tests (the timer calls it every 15 s). */
  async checkIdle(): Promise<boolean> {
    const minutes = this.open?.settings.idleLockMinutes ?? 0;
    if (!this.open || minutes <= 0) return false;
    if (this.now() - this.lastActivity < minutes * 60_000) return false;
    await this.lock('idle');
    return true;
  }

  private async attach(db: Db, vaultId: string, key: Buffer | null, remember: boolean): Promise<void> {
    try {
      const operator = (await readOperator(db)) ?? { name: 'Opérateur', role: 'admin' as const };
      const settings = await readSettings(db);
      const store = this.opts.keyStore;
      if (remember && key && store?.available()) store.save(vaultId, key);
      this.open = { db, vaultId, operator, settings };
      this.touch();
      this.startIdleTimer();
      await this.opts.onOpen?.(db);
    } catch (e) {
      this.open = null;
      await db.close().catch(() => undefined);
      throw e;
    } finally {
      key?.fill(0);
    }
  }

  private async changed(): Promise<VaultStatus> {
    const status = await this.status();
    this.opts.bus.emit('vault.changed', status);
    return status;
  }

  private async peekVaultId(): Promise<string | undefined> {
    try {
      return (await readVaultMeta(this.opts.dataDir))?.vaultId;
    } catch {
      return undefined;
    }
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    this.idleTimer = setInterval(() => void this.checkIdle(), 15_000);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }
}
