import type { Handlers } from '../dispatcher';
import { activeSourceManager } from '../../sources/manager';
import {
  createSource,
  deleteSource,
  listSourceRows,
  setSourceEnabled,
  testSource,
  updateSource,
} from '../../sources/service';
import type { HandlerCtx } from './context';

type SourceOps = 'sources.list' | 'sources.create' | 'sources.update' | 'sources.delete' | 'sources.setEnabled' | 'sources.test';

/**
 * Sources page: add, edit, test, pause and delete listeners, connectors and
 * watched folders. The running SourceManager (started by the engine after
 * unlock) is found through the job registry of the context. Secrets go into
 * the vault and never into an output, an audit detail or a log line.
 */
export const sourceHandlers: Pick<Handlers<HandlerCtx>, SourceOps> = {
  'sources.list': async (_input, { session, jobs }) => listSourceRows(session.db(), activeSourceManager(jobs)),
  'sources.create': async (input, { session, jobs, logger }) => {
    const row = await createSource(session.db(), input, activeSourceManager(jobs));
    logger.info('source created', { sourceId: row.id, kind: row.kind, exposed: row.exposed });
    await session.audit('sources.create', row.name, { id: row.id, kind: row.kind, exposed: row.exposed, hasSecret: row.hasSecret });
    return row;
  },
  'sources.update': async (input, { session, jobs, logger }) => {
    const row = await updateSource(session.db(), input, activeSourceManager(jobs));
    // Says whether the credential changed, never what it is (a key named like "secret" would be redacted anyway).
    const change = input.secret === undefined ? 'config' : input.secret === null ? 'secret removed' : 'secret replaced';
    logger.info('source updated', { sourceId: row.id, kind: row.kind, exposed: row.exposed, change });
    await session.audit('sources.update', row.name, { id: row.id, exposed: row.exposed, change });
    return row;
  },
  'sources.delete': async ({ id }, { session, jobs, logger }) => {
    await deleteSource(session.db(), id, activeSourceManager(jobs));
    logger.info('source deleted', { sourceId: id });
    await session.audit('sources.delete', String(id));
    return { ok: true as const };
  },
  'sources.setEnabled': async ({ id, enabled }, { session, jobs }) => {
    const row = await setSourceEnabled(session.db(), id, enabled, activeSourceManager(jobs));
    await session.audit(enabled ? 'sources.resume' : 'sources.pause', row.name, { id });
    return row;
  },
  'sources.test': async (input, { session, jobs }) => testSource(session.db(), input, activeSourceManager(jobs)),
};
