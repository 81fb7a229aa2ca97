import type { Handlers } from '../dispatcher';
import { VigieError } from '../errors';
import { getArs, qualifyIncident, updateArs } from '../../incidents/legal/ars';
import { buildArsDraft } from '../../incidents/legal/ars-draft';
import { ARS_CRITERIA } from '../../incidents/legal/criteria';
import { listDeadlines } from '../../incidents/legal/deadlines';
import { getBreach, updateBreach } from '../../incidents/legal/gdpr';
import { listLegalHistory } from '../../incidents/legal/history';
import { exportRegisterCsv, listRegister } from '../../incidents/legal/register';
import { exportIncident } from '../../incidents/export/export';
import { getSharingIdentity, setSharingName } from '../../incidents/export/identity';
import { importBundle } from '../../incidents/export/import';
import { setItemTlp } from '../../incidents/export/item-tlp';
import { loadSnapshot } from '../../incidents/export/snapshot';
import { appendHistory } from '../../incidents/queries';
import type { HandlerCtx } from './context';

type LegalOps =
  | 'legal.criteria'
  | 'legal.qualify'
  | 'legal.ars.get'
  | 'legal.ars.update'
  | 'legal.arsDraft'
  | 'legal.gdpr.get'
  | 'legal.gdpr.update'
  | 'legal.history'
  | 'legal.register.list'
  | 'legal.register.export'
  | 'legal.deadlines'
  | 'incidents.export'
  | 'incidents.importBundle'
  | 'incidents.items.setTlp'
  | 'sharing.identity.get'
  | 'sharing.identity.set';

const actor = (session: HandlerCtx['session']) => session.operator?.name ?? 'Opérateur';

/** Reads of the breach register by one operator within this window are audited once. */
export const REGISTER_READ_WINDOW_MS = 15 * 60_000;

/** Legal clocks (ARS, GDPR register, deadlines), incident exports and shared-bundle imports. */
export const legalHandlers: Pick<Handlers<HandlerCtx>, LegalOps> = {
  'legal.criteria': async () => [...ARS_CRITERIA],
  'legal.qualify': async ({ incidentId, answers }, { session }) => {
    const record = await qualifyIncident(session.db(), incidentId, answers, actor(session));
    await session.audit('legal.qualify', String(incidentId), { level: record.qualification?.level ?? null });
    return record;
  },
  'legal.ars.get': async ({ incidentId }, { session }) => ({ record: await getArs(session.db(), incidentId) }),
  'legal.ars.update': async (patch, { session }) => {
    const record = await updateArs(session.db(), patch, actor(session));
    await session.audit('legal.ars.update', String(patch.incidentId), { fields: Object.keys(patch).filter((k) => k !== 'incidentId') });
    return record;
  },
  'legal.arsDraft': async ({ incidentId }, { session }) => {
    const now = Date.now();
    const draft = await buildArsDraft(await loadSnapshot(session.db(), incidentId, now), now, actor(session));
    await appendHistory(session.db(), incidentId, {
      actor: actor(session),
      field: 'export',
      to: JSON.stringify({ format: 'ars-draft', tlp: null, filename: draft.filename }),
      at: new Date(now),
    });
    await session.audit('legal.arsDraft', String(incidentId), { filename: draft.filename });
    return draft;
  },
  'legal.gdpr.get': async ({ incidentId }, { session }) => ({ record: await getBreach(session.db(), incidentId) }),
  'legal.gdpr.update': async (patch, { session }) => {
    const record = await updateBreach(session.db(), patch, actor(session));
    await session.audit('legal.gdpr.update', record.ref, { incidentId: patch.incidentId, fields: Object.keys(patch).filter((k) => k !== 'incidentId') });
    return record;
  },
  'legal.history': async ({ incidentId, kind }, { session }) => listLegalHistory(session.db(), incidentId, kind),
  'legal.register.list': async ({ limit, offset, status }, { session }) => {
    const page = await listRegister(session.db(), { limit, offset, status });
    // Opening the register is audited; the filter changes, pages and refreshes that follow are one consultation.
    await session.auditRead('legal.register.list', null, { status, total: page.total }, REGISTER_READ_WINDOW_MS);
    return page;
  },
  'legal.register.export': async (_input, { session }) => {
    const file = await exportRegisterCsv(session.db());
    await session.audit('legal.register.export', file.filename);
    return file;
  },
  'legal.deadlines': async ({ now, incidentId, includeClosed }, { session }) =>
    listDeadlines(session.db(), { now: now ? Date.parse(now) : Date.now(), incidentId, includeClosed }),
  'incidents.export': async (input, { session, logger }) => {
    const result = await exportIncident(session.db(), input, actor(session));
    await session.audit('incidents.export', result.filename, {
      incidentId: input.incidentId,
      format: input.format,
      tlp: input.tlp,
      sha256: result.sha256,
      redactions: result.redactions.map((r) => `${r.section}:${r.removed}`),
    });
    logger.info('incident export', { incidentId: input.incidentId, format: input.format, tlp: input.tlp, size: result.size });
    return result;
  },
  'incidents.importBundle': async ({ content }, { session, logger }) => {
    const result = await importBundle(session.db(), content, actor(session));
    await session.audit('incidents.importBundle', result.incidentUuid, {
      incidentId: result.incidentId,
      sourceMember: result.sourceMember,
      noop: result.noop,
      added: result.added,
    });
    logger.info('incident bundle import', { incidentId: result.incidentId, noop: result.noop, created: result.createdIncident });
    return result;
  },
  'incidents.items.setTlp': async (input, { session }) => {
    await setItemTlp(session.db(), input, actor(session));
    await session.audit('incidents.items.setTlp', `${input.kind}#${input.id}`, { tlp: input.tlp });
    return { ok: true as const };
  },
  'sharing.identity.get': async (_input, { session }) => getSharingIdentity(session.db()),
  'sharing.identity.set': async ({ name }, { session }) => {
    if (!name.trim()) throw new VigieError('VALIDATION', 'Nom vide.');
    const identity = await setSharingName(session.db(), name);
    await session.audit('sharing.identity.set', identity.uuid, { name: identity.name });
    return identity;
  },
};
