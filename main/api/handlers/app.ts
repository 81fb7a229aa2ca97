import type { Handlers } from '../dispatcher';
import { logFromRenderer } from '../../logging/logger';
import { readSettings, updateSettings } from '../../engine/settings';
import type { HandlerCtx } from './context';

type AppOps = 'app.info' | 'settings.get' | 'settings.update' | 'log.write' | 'jobs.list' | 'jobs.runNow';

/** Application-level operations: info, settings, renderer logs, scheduled jobs. */
export const appHandlers: Pick<Handlers<HandlerCtx>, AppOps> = {
  'app.info': async (_input, { info }) => info,
  'settings.get': async (_input, { session }) => readSettings(session.db()),
  'settings.update': async (patch, { session }) => {
    const next = await updateSettings(session.db(), patch);
    session.settings = next;
    await session.audit('settings.update', null, patch);
    return next;
  },
  'log.write': async (entry) => {
    logFromRenderer(entry);
    return { ok: true as const };
  },
  'jobs.list': async (_input, { jobs }) => jobs.list(),
  'jobs.runNow': async ({ name }, { jobs, session }) => {
    const run = await jobs.trigger(name, 'manual');
    await session.audit('jobs.runNow', name);
    return run;
  },
};
