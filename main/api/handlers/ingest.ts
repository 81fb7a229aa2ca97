import type { Handlers } from '../dispatcher';
import { deleteCsvMapping, listCsvMappings, saveCsvMapping } from '../../ingest/pipeline/csv-mappings';
import { previewCsvMapping } from '../../ingest/pipeline/csv-preview';
import { getImport, listImports } from '../../ingest/pipeline/imports';
import { listQuarantine } from '../../ingest/pipeline/quarantine';
import { reprocessQuarantine } from '../../ingest/pipeline/reprocess';
import { ingestRuntime } from '../../ingest/pipeline/runtime';
import type { HandlerCtx } from './context';

type IngestOps =
  | 'ingest.importPaths'
  | 'ingest.cancel'
  | 'ingest.resume'
  | 'ingest.imports'
  | 'ingest.get'
  | 'ingest.upload.begin'
  | 'ingest.upload.chunk'
  | 'ingest.upload.commit'
  | 'ingest.upload.abort'
  | 'quarantine.list'
  | 'quarantine.reprocess'
  | 'csvMappings.list'
  | 'csvMappings.save'
  | 'csvMappings.delete'
  | 'csvMappings.preview';

/** The import runtime of the open vault, publishing `import.progress` on the engine bus. */
function runtime({ session, bus, logger }: HandlerCtx) {
  return ingestRuntime(session.db(), { bus, log: (message, meta) => logger.info(message, meta) });
}

/** File and folder imports, browser uploads, quarantine and CSV mappings. */
export const ingestHandlers: Pick<Handlers<HandlerCtx>, IngestOps> = {
  'ingest.importPaths': async ({ paths, format, timezone, csvMapping }, ctx) => {
    const importIds = await runtime(ctx).importPaths(paths, { format, timezone, csvMapping });
    await ctx.session.audit('ingest.importPaths', null, { files: importIds.length, format });
    return { importIds };
  },
  'ingest.cancel': async ({ importId }, ctx) => {
    const row = await runtime(ctx).cancel(importId);
    await ctx.session.audit('ingest.cancel', String(importId));
    return row;
  },
  'ingest.resume': async ({ importId }, ctx) => {
    await runtime(ctx).resume(importId);
    await ctx.session.audit('ingest.resume', String(importId));
    return { importId };
  },
  'ingest.imports': async (page, { session }) => listImports(session.db(), page),
  'ingest.get': async ({ importId }, { session }) => getImport(session.db(), importId),
  'ingest.upload.begin': async ({ name, size, format, timezone, csvMapping }, ctx) => {
    const r = await runtime(ctx).uploads.begin(name, size, { format, timezone, csvMapping });
    await ctx.session.audit('ingest.upload', String(r.importId), { size, format });
    return r;
  },
  'ingest.upload.chunk': async ({ uploadId, seq, data }, ctx) => runtime(ctx).uploads.chunk(uploadId, seq, data),
  'ingest.upload.commit': async ({ uploadId }, ctx) => runtime(ctx).uploads.commit(uploadId),
  'ingest.upload.abort': async ({ uploadId }, ctx) => runtime(ctx).uploads.abort(uploadId),
  'quarantine.list': async (filter, { session }) => listQuarantine(session.db(), filter),
  'quarantine.reprocess': async (req, { session }) => {
    const result = await reprocessQuarantine(session.db(), req);
    await session.audit('quarantine.reprocess', null, { ...result });
    return result;
  },
  'csvMappings.list': async (_input, { session }) => listCsvMappings(session.db()),
  'csvMappings.save': async ({ mapping }, { session }) => {
    const saved = await saveCsvMapping(session.db(), mapping);
    await session.audit('csvMappings.save', mapping.name);
    return saved;
  },
  'csvMappings.delete': async ({ name }, { session }) => {
    const deleted = await deleteCsvMapping(session.db(), name);
    if (deleted) await session.audit('csvMappings.delete', name);
    return { deleted };
  },
  'csvMappings.preview': async (req, { session }) => previewCsvMapping(session.db(), req),
};
