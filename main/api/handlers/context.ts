import type { AppInfo } from '../contract';
import type { EventBus } from '../../engine/bus';
import type { VaultSession } from '../../engine/session';
import type { CallContext, EngineHost } from '../../engine/types';
import type { JobRegistry } from '../../jobs/registry';
import type { Logger } from '../../logging/logger';

/** What every handler receives besides its validated input. */
export interface HandlerCtx {
  call: CallContext;
  host: EngineHost;
  session: VaultSession;
  bus: EventBus;
  jobs: JobRegistry;
  logger: Logger;
  info: AppInfo;
}
