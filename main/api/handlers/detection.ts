import type { Handlers } from '../dispatcher';
import type { detectionOps } from '../ops/detection';
import { getAlertDetail, attachAlertToIncident, commentAlert, promoteAlert, updateAlert, type RuleInfo } from '../../alerts/workflow';
import { createSuppression, deleteSuppression, listSuppressions } from '../../alerts/suppressions';
import { setRuleEnabled } from '../../detect/rules-store';
import { detectionFor, runningDetection } from '../../detect/service';
import { addToWatchlist, importCareRelationships, listWatchlist, removeFromWatchlist } from '../../detect/service/lists';
import { loadWorkingHours, saveWorkingHours } from '../../detect/service/working-hours';
import { importRules, listRules, loadReport, ruleDetail, saveRule, testRecent, validateText } from '../../detect/service/rules-api';
import type { Db } from '../../store/db';
import type { HandlerCtx } from './context';

type DetectionOps = keyof typeof detectionOps;

function actor(session: HandlerCtx['session']): string {
  return session.operator?.name ?? 'Opérateur';
}

/** Rule text shown beside an alert (from the running service, when there is one). */
function ruleInfo(db: Db): (ruleId: string) => RuleInfo | null {
  const service = runningDetection(db);
  return (ruleId) => {
    const r = service?.set.byId.get(ruleId);
    return r ? { id: r.id, title: r.title, description: r.description ?? '', falsepositives: r.falsepositives } : null;
  };
}

/** A change of lists the rules read: the running service recompiles. */
async function reloadIfRunning(db: Db): Promise<void> {
  await runningDetection(db)?.reload();
}

/** Detection (rules, retro-hunts) and the alert workflow. Reads for every role; changes for WRITERS. */
export const detectionHandlers: Pick<Handlers<HandlerCtx>, DetectionOps> = {
  'detection.status': async (_input, { session }) => detectionFor(session.db()).status(),
  'detection.rules.list': async (_input, { session }) => listRules(detectionFor(session.db())),
  'detection.rules.get': async ({ id }, { session }) => ruleDetail(detectionFor(session.db()), id),
  'detection.rules.setEnabled': async ({ id, enabled }, { session }) => {
    const service = detectionFor(session.db());
    await setRuleEnabled(service.db, id, enabled, actor(session));
    await service.reload();
    await session.audit('detection.rules.setEnabled', id, { enabled });
    const { text: _text, ...row } = ruleDetail(service, id);
    return row;
  },
  'detection.rules.import': async ({ files }, { session }) => {
    const report = await importRules(detectionFor(session.db()), files, actor(session));
    await session.audit('detection.rules.import', null, { files: files.length, loaded: report.loaded.length, rejected: report.rejected.length });
    return report;
  },
  'detection.rules.validate': async ({ text }, { session }) => {
    const { set: _set, ...v } = await validateText(detectionFor(session.db()), text);
    return v;
  },
  'detection.rules.save': async (input, { session }) => {
    const v = await saveRule(detectionFor(session.db()), input, actor(session));
    if (v.ok) await session.audit('detection.rules.save', v.documents[0]?.id ?? null);
    return v;
  },
  'detection.rules.testRecent': async (input, { session }) => testRecent(detectionFor(session.db()), input),
  'detection.retroHunt': async (input, { session }) => {
    const taskId = detectionFor(session.db()).retro.start(input);
    await session.audit('detection.retroHunt', taskId, { from: input.from, to: input.to, rules: input.ruleIds?.length ?? null });
    return { taskId };
  },
  'detection.cancel': async ({ taskId }, { session }) => ({ cancelled: detectionFor(session.db()).retro.cancel(taskId) }),
  'detection.report': async (_input, { session }) => loadReport(detectionFor(session.db())),
  'alerts.get': async ({ id }, { session }) => getAlertDetail(session.db(), id, ruleInfo(session.db())),
  'alerts.update': async ({ id, ...patch }, { session }) => {
    const db = session.db();
    await updateAlert(db, id, patch, actor(session));
    return getAlertDetail(db, id, ruleInfo(db));
  },
  'alerts.comment': async ({ id, text }, { session }) => commentAlert(session.db(), id, text, actor(session)),
  'alerts.promote': async ({ id }, { session }) => {
    const incidentId = await promoteAlert(session.db(), id, actor(session));
    await session.audit('alerts.promote', String(id), { incidentId });
    return { incidentId };
  },
  'alerts.attach': async ({ id, incidentId }, { session }) => {
    await attachAlertToIncident(session.db(), id, incidentId, actor(session));
    return { incidentId };
  },
  'alerts.suppressions.list': async ({ includeExpired }, { session }) => listSuppressions(session.db(), { includeExpired }),
  'alerts.suppressions.create': async (input, { session }) => {
    const row = await createSuppression(session.db(), input, actor(session));
    await session.audit('alerts.suppressions.create', String(row.id), { ruleId: row.ruleId, expiresAt: row.expiresAt });
    return row;
  },
  'alerts.suppressions.delete': async ({ id }, { session }) => {
    const deleted = await deleteSuppression(session.db(), id);
    if (deleted) await session.audit('alerts.suppressions.delete', String(id));
    return { deleted };
  },
  'detection.workingHours.get': async (_input, { session }) => loadWorkingHours(session.db()),
  'detection.workingHours.set': async (input, { session }) => {
    const db = session.db();
    const saved = await saveWorkingHours(db, input);
    await session.audit('detection.workingHours.set', null, { ...saved });
    await reloadIfRunning(db);
    return saved;
  },
  'watchlist.list': async (_input, { session }) => listWatchlist(session.db()),
  'watchlist.add': async (input, { session }) => {
    const db = session.db();
    const entry = await addToWatchlist(db, input, actor(session));
    await session.audit('watchlist.add', entry.pseudonym, { category: entry.category });
    await reloadIfRunning(db);
    return entry;
  },
  'watchlist.remove': async ({ id }, { session }) => {
    const db = session.db();
    const removed = await removeFromWatchlist(db, id);
    if (removed) {
      await session.audit('watchlist.remove', String(id));
      await reloadIfRunning(db);
    }
    return { removed };
  },
  'careRelationships.import': async ({ csv, replace }, { session }) => {
    const db = session.db();
    const result = await importCareRelationships(db, csv, { replace });
    await session.audit('careRelationships.import', null, { imported: result.imported, users: result.users });
    await reloadIfRunning(db);
    return result;
  },
};
