import type { Handlers } from '../dispatcher';
import { VigieError } from '../errors';
import type { incidentOps } from '../ops/incidents';
import { getIncidentDetail } from '../../incidents/detail';
import { getEvidence, listCustody, readEvidenceChunk } from '../../incidents/evidence/read';
import {
  abortEvidenceUpload,
  addEvidence,
  appendEvidenceChunk,
  beginEvidenceUpload,
  commitEvidenceUpload,
  listEvidence,
  readEvidenceConfig,
  setEvidenceMaxBytes,
} from '../../incidents/evidence/store';
import { exportIrisTimeline, importIrisTimeline } from '../../incidents/iris';
import { attachAlert, createIncidentFromAlert, linkEvents } from '../../incidents/links';
import { listIncidents } from '../../incidents/list';
import { mergeIncidents, setParent } from '../../incidents/merge';
import { incidentMetrics } from '../../incidents/metrics';
import { addObservable, listObservables } from '../../incidents/observables';
import { applyPlaybook, exportPlaybook, getPlaybook, listPlaybooks, resetPlaybook, savePlaybook } from '../../incidents/playbooks/store';
import { createIncident } from '../../incidents/queries';
import { runSightings } from '../../incidents/sightings';
import { addTask, updateTask } from '../../incidents/tasks';
import { addTimelineEntry } from '../../incidents/timeline';
import { updateIncident } from '../../incidents/update';
import type { HandlerCtx } from './context';

type IncidentOps = keyof typeof incidentOps;

/** The operator: the actor of every change (history, tasks, evidence custody). */
function actor(session: HandlerCtx['session']): string {
  return session.operator?.name ?? 'Opérateur';
}

function decode(base64: string): Buffer {
  const data = Buffer.from(base64, 'base64');
  if (data.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')) {
    throw new VigieError('VALIDATION', 'Contenu base64 invalide.');
  }
  return data;
}

/** Incident workflow (main/incidents). Reads for every role; changes for WRITERS (the contract says which). */
export const incidentHandlers: Pick<Handlers<HandlerCtx>, IncidentOps> = {
  'incidents.list': async (filter, { session }) => listIncidents(session.db(), filter),
  'incidents.get': async ({ id }, { session }) => getIncidentDetail(session.db(), id),
  'incidents.create': async (input, { session }) => {
    const db = session.db();
    const row = await createIncident(db, input, actor(session));
    await session.audit('incidents.create', String(row.id), { category: input.category, severity: input.severity });
    return getIncidentDetail(db, row.id);
  },
  'incidents.update': async ({ id, ...patch }, { session }) => {
    const db = session.db();
    await updateIncident(db, id, patch, actor(session));
    return getIncidentDetail(db, id);
  },
  'incidents.merge': async ({ sourceId, targetId }, { session }) => {
    const db = session.db();
    await mergeIncidents(db, sourceId, targetId, actor(session));
    await session.audit('incidents.merge', String(targetId), { sourceId });
    return getIncidentDetail(db, targetId);
  },
  'incidents.setParent': async ({ id, parentId }, { session }) => {
    const db = session.db();
    await setParent(db, id, parentId, actor(session));
    return getIncidentDetail(db, id);
  },
  'incidents.linkAlert': async ({ incidentId, alertId }, { session }) => {
    const db = session.db();
    await attachAlert(db, incidentId, alertId, actor(session));
    return getIncidentDetail(db, incidentId);
  },
  'incidents.createFromAlert': async ({ alertId, ...opts }, { session }) => {
    const db = session.db();
    const row = await createIncidentFromAlert(db, alertId, actor(session), opts);
    await session.audit('incidents.createFromAlert', String(row.id), { alertId });
    return getIncidentDetail(db, row.id);
  },
  'incidents.linkEvents': async ({ incidentId, eventIds }, { session }) => ({
    linked: await linkEvents(session.db(), incidentId, eventIds, actor(session)),
  }),
  'incidents.tasks.add': async ({ incidentId, ...task }, { session }) =>
    (await addTask(session.db(), incidentId, task, actor(session))).task,
  'incidents.tasks.update': async ({ taskId, ...patch }, { session }) => updateTask(session.db(), taskId, patch, actor(session)),
  'incidents.playbooks.list': async (_input, { session }) => listPlaybooks(session.db()),
  'incidents.playbooks.get': async ({ id }, { session }) => getPlaybook(session.db(), id),
  'incidents.playbooks.save': async (input, { session }) => {
    const saved = await savePlaybook(session.db(), input, actor(session));
    await session.audit('incidents.playbooks.save', saved.id, { tasks: saved.taskCount });
    return saved;
  },
  'incidents.playbooks.reset': async ({ id }, { session }) => {
    const removed = await resetPlaybook(session.db(), id);
    if (removed) await session.audit('incidents.playbooks.reset', id);
    return { removed };
  },
  'incidents.playbooks.export': async ({ id }, { session }) => exportPlaybook(session.db(), id),
  'incidents.playbooks.apply': async ({ incidentId, playbookId }, { session }) =>
    applyPlaybook(session.db(), incidentId, playbookId, actor(session)),
  'incidents.timeline.add': async ({ incidentId, ...entry }, { session }) => addTimelineEntry(session.db(), incidentId, entry, actor(session)),
  'incidents.timeline.importIris': async ({ incidentId, csv }, { session }) =>
    importIrisTimeline(session.db(), incidentId, csv, actor(session)),
  'incidents.timeline.exportIris': async ({ incidentId, automatic }, { session }) => {
    const file = await exportIrisTimeline(session.db(), incidentId, { automatic });
    await session.audit('incidents.timeline.exportIris', String(incidentId), { filename: file.filename });
    return file;
  },
  'incidents.evidence.add': async ({ incidentId, name, description, dataBase64 }, { session }) => {
    const row = await addEvidence(session.db(), incidentId, { name, description, data: decode(dataBase64) }, actor(session));
    await session.audit('incidents.evidence.add', String(row.id), { incidentId, size: row.size, sha256: row.sha256 });
    return row;
  },
  'incidents.evidence.begin': async ({ incidentId, ...file }, { session }) =>
    beginEvidenceUpload(session.db(), incidentId, file, actor(session)),
  'incidents.evidence.chunk': async ({ uploadId, seq, data }, { session }) => appendEvidenceChunk(session.db(), uploadId, seq, decode(data)),
  'incidents.evidence.commit': async ({ uploadId, sha256 }, { session }) => {
    const row = await commitEvidenceUpload(session.db(), uploadId, actor(session), sha256);
    await session.audit('incidents.evidence.add', String(row.id), { incidentId: row.incidentId, size: row.size, sha256: row.sha256 });
    return row;
  },
  'incidents.evidence.abort': async ({ uploadId }, { session }) => {
    await abortEvidenceUpload(session.db(), uploadId);
    return { ok: true as const };
  },
  'incidents.evidence.list': async ({ incidentId }, { session }) => listEvidence(session.db(), incidentId),
  'incidents.evidence.get': async ({ evidenceId, purpose }, { session }) => getEvidence(session.db(), evidenceId, actor(session), purpose),
  'incidents.evidence.read': async ({ evidenceId, seq, purpose }, { session }) =>
    readEvidenceChunk(session.db(), evidenceId, seq, actor(session), purpose),
  'incidents.evidence.custody': async ({ evidenceId }, { session }) => listCustody(session.db(), evidenceId),
  'incidents.evidence.config': async (_input, { session }) => readEvidenceConfig(session.db()),
  'incidents.evidence.setMaxBytes': async ({ maxBytes }, { session }) => {
    const config = await setEvidenceMaxBytes(session.db(), maxBytes);
    await session.audit('incidents.evidence.setMaxBytes', null, { maxBytes });
    return config;
  },
  'incidents.observables.add': async ({ incidentId, ...input }, { session }) => addObservable(session.db(), incidentId, input, actor(session)),
  'incidents.observables.list': async ({ incidentId }, { session }) => listObservables(session.db(), incidentId),
  'incidents.observables.sightings': async ({ observableId }, { session }) => runSightings(session.db(), observableId, actor(session)),
  'incidents.metrics': async (range, { session }) => incidentMetrics(session.db(), range),
};
