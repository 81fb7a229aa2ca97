import type { Handlers } from '../dispatcher';
import { GROUPABLE_FIELDS } from '../ops/search';
import { countEvents } from '../../search/count';
import { exportEvents, listExports } from '../../search/export';
import { fieldNames } from '../../search/fields';
import { searchEvents } from '../../search/search';
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../../search/saved';
import type { HandlerCtx } from './context';

type SearchOps =
  | 'search.query'
  | 'search.count'
  | 'search.fields'
  | 'search.saved.list'
  | 'search.saved.save'
  | 'search.saved.delete'
  | 'search.export'
  | 'search.exports.list';

/** A query naming a patient pseudonym reviews that patient's accesses: it is traced like traces.list. */
const PSEUDONYM = /P-[A-Z2-7]{16}/i;

function actorOf(session: HandlerCtx['session']): { name: string; admin: boolean } {
  const op = session.operator;
  return { name: op?.name ?? 'Opérateur', admin: op?.role === 'admin' };
}

/** Event search: queries, counts, saved searches and (recorded) exports. */
export const searchHandlers: Pick<Handlers<HandlerCtx>, SearchOps> = {
  'search.query': async (input, { session }) => {
    const result = await searchEvents(session.db(), input);
    if (PSEUDONYM.test(input.query)) await session.audit('search.query', null, { query: input.query, total: result.total });
    return result;
  },
  'search.count': async (input, { session }) => {
    const result = await countEvents(session.db(), input);
    if (PSEUDONYM.test(input.query)) await session.audit('search.count', null, { query: input.query, total: result.total });
    return result;
  },
  'search.fields': async () => ({ ...fieldNames(), groupable: [...GROUPABLE_FIELDS] }),
  'search.saved.list': async (_input, { session }) => listSavedSearches(session.db()),
  'search.saved.save': async (input, { session }) => {
    const saved = await saveSearch(session.db(), input, actorOf(session));
    await session.audit('search.saved.save', saved.name, { id: saved.id });
    return saved;
  },
  'search.saved.delete': async ({ id }, { session }) => {
    await deleteSavedSearch(session.db(), id, actorOf(session));
    await session.audit('search.saved.delete', String(id));
    return { ok: true as const };
  },
  'search.export': async (input, { session, logger }) => {
    const result = await exportEvents(session.db(), input, actorOf(session).name);
    await session.audit('search.export', result.filename, {
      exportId: result.exportId,
      query: input.query,
      from: input.from,
      to: input.to,
      format: input.format,
      rows: result.rows,
    });
    logger.info('search export', { exportId: result.exportId, format: input.format, rows: result.rows });
    return result;
  },
  'search.exports.list': async (page, { session }) => listExports(session.db(), page),
};
