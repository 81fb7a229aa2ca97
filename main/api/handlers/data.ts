import type { Handlers } from '../dispatcher';
import { loadDemo } from '../../demo/generate';
import { dashboardSummary, getEvent, listEvents } from '../../events/queries';
import { listAccessTraces } from '../../events/traces';
import { listAlerts } from '../../alerts/queries';
import type { HandlerCtx } from './context';

type DataOps =
  | 'demo.load'
  | 'dashboard.summary'
  | 'events.list'
  | 'events.get'
  | 'traces.list'
  | 'alerts.list';

/** Read models for the console and the demo dataset loader. */
export const dataHandlers: Pick<Handlers<HandlerCtx>, DataOps> = {
  'demo.load': async ({ seed, days }, { session, bus, logger }) => {
    const result = await loadDemo(session.db(), {
      seed: seed ?? 2026,
      days,
      now: new Date(),
      onProgress: (p) => bus.emit('progress', { task: 'demo.load', ...p }),
    });
    logger.info('demo dataset loaded', { ...result });
    await session.audit('demo.load', null, { events: result.events });
    return result;
  },
  'dashboard.summary': async (range, { session }) => dashboardSummary(session.db(), range),
  'events.list': async (input, { session }) => listEvents(session.db(), input),
  'events.get': async ({ id }, { session }) => getEvent(session.db(), id),
  'traces.list': async (filter, { session }) => {
    const page = await listAccessTraces(session.db(), filter);
    // Reading access traces is itself traced (a DPO's review must be accountable).
    await session.audit('traces.list', filter.patient ?? filter.user ?? null, { count: page.items.length });
    return page;
  },
  'alerts.list': async (page, { session }) => listAlerts(session.db(), page),
};
