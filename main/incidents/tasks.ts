/**
 * Tasks of an incident. Every addition and change is written to the
 * incident's history: field `task` (to = "#id title") on creation, then
 * `task#<id>.<title|description|owner|due|status|phase>` with old → new.
 */
import type { IncidentTask } from '../api/ops/incidents';
import { VigieError } from '../api/errors';
import type { Db } from '../store/db';
import { cleanLabel, PHASES, TASK_STATUSES, type Phase, type TaskStatus } from './model';
import { assertEnum, writableIncident } from './queries';
import { recordEvent } from './update';

export interface TaskDbRow {
  id: number;
  incident_id: number;
  title: string;
  description: string;
  owner: string | null;
  due_at: number | null;
  status: string;
  phase: string | null;
  playbook_id: string | null;
  playbook_key: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

export function rowToTask(r: TaskDbRow): IncidentTask {
  return {
    id: r.id,
    incidentId: r.incident_id,
    title: r.title,
    description: r.description,
    owner: r.owner,
    dueAt: iso(r.due_at),
    status: r.status as TaskStatus,
    phase: r.phase as Phase | null,
    playbookId: r.playbook_id,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export interface NewTask {
  title: string;
  description?: string;
  owner?: string | null;
  dueAt?: string | Date | null;
  phase?: Phase | null;
  playbookId?: string | null;
  playbookKey?: string | null;
}

function dueMs(v: string | Date | null | undefined): number | null {
  if (v == null) return null;
  const ms = v instanceof Date ? v.getTime() : Date.parse(v);
  if (!Number.isFinite(ms)) throw new VigieError('VALIDATION', `Échéance invalide : ${String(v)}`);
  return ms;
}

function cleanTitle(t: string): string {
  const title = cleanLabel(t);
  if (!title) throw new VigieError('VALIDATION', 'Le titre de la tâche est obligatoire.');
  return title;
}

export async function taskRow(db: Db, taskId: number): Promise<TaskDbRow> {
  const row = await db.get<TaskDbRow>('SELECT * FROM incident_tasks WHERE id = ?', [taskId]);
  if (!row) throw new VigieError('NOT_FOUND', `Tâche n°${taskId} introuvable.`);
  return row;
}

export async function listTasks(db: Db, incidentId: number): Promise<IncidentTask[]> {
  const rows = await db.all<TaskDbRow>(
    'SELECT * FROM incident_tasks WHERE incident_id = ? ORDER BY due_at IS NULL, due_at, id',
    [incidentId],
  );
  return rows.map(rowToTask);
}

/** Adds a task; with a playbook id and key, an existing task of the same key is returned instead (`created: false`). */
export async function addTask(
  db: Db,
  incidentId: number,
  task: NewTask,
  actor: string,
): Promise<{ task: IncidentTask; created: boolean }> {
  const title = cleanTitle(task.title);
  const owner = task.owner ? cleanLabel(task.owner) || null : null;
  const phase = task.phase == null ? null : assertEnum(task.phase, PHASES, 'Phase');
  const due = dueMs(task.dueAt);
  return db.transaction(async (tx) => {
    await writableIncident(tx, incidentId);
    const now = Date.now();
    const { changes, lastID } = await tx.run(
      `INSERT OR IGNORE INTO incident_tasks (incident_id, title, description, owner, due_at, status, phase, playbook_id, playbook_key,
                                   created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'todo', ?, ?, ?, ?, ?, ?)`,
      [incidentId, title, task.description ?? '', owner, due, phase, task.playbookId ?? null, task.playbookKey ?? null, actor, now, now],
    );
    if (changes === 0) {
      const existing = await tx.get<TaskDbRow>(
        'SELECT * FROM incident_tasks WHERE incident_id = ? AND playbook_id = ? AND playbook_key = ?',
        [incidentId, task.playbookId ?? null, task.playbookKey ?? null],
      );
      if (!existing) throw new VigieError('INTERNAL', 'Tâche ni créée ni trouvée.');
      return { task: rowToTask(existing), created: false };
    }
    await recordEvent(tx, incidentId, { actor, field: 'task', to: `#${lastID} ${title}` });
    return { task: rowToTask(await taskRow(tx, lastID)), created: true };
  });
}

export interface TaskPatch {
  title?: string;
  description?: string;
  owner?: string | null;
  dueAt?: string | Date | null;
  status?: TaskStatus;
  phase?: Phase | null;
}

/** Changes a task; one history row per field changed (nothing when nothing changed). */
export async function updateTask(db: Db, taskId: number, patch: TaskPatch, actor: string): Promise<IncidentTask> {
  return db.transaction(async (tx) => {
    const row = await taskRow(tx, taskId);
    await writableIncident(tx, row.incident_id);
    const changes: { column: string; field: string; from: string | null; to: string | null; value: unknown }[] = [];
    const push = (column: keyof TaskDbRow, field: string, value: string | number | null, shown: (v: unknown) => string | null) => {
      if (value !== row[column]) changes.push({ column, field, from: shown(row[column]), to: shown(value), value });
    };
    const text = (v: unknown) => (v == null ? null : String(v));
    if (patch.title !== undefined) push('title', 'title', cleanTitle(patch.title), text);
    if (patch.description !== undefined) push('description', 'description', patch.description, text);
    if (patch.owner !== undefined) push('owner', 'owner', patch.owner ? cleanLabel(patch.owner) || null : null, text);
    if (patch.dueAt !== undefined) push('due_at', 'due', dueMs(patch.dueAt), (v) => iso(v as number | null));
    if (patch.status !== undefined) push('status', 'status', assertEnum(patch.status, TASK_STATUSES, 'Statut'), text);
    if (patch.phase !== undefined) push('phase', 'phase', patch.phase == null ? null : assertEnum(patch.phase, PHASES, 'Phase'), text);
    if (changes.length === 0) return rowToTask(row);
    let at = Date.now();
    for (const c of changes) {
      at = await recordEvent(tx, row.incident_id, { actor, field: `task#${taskId}.${c.field}`, from: c.from, to: c.to });
    }
    await tx.run(
      `UPDATE incident_tasks SET ${changes.map((c) => `${c.column} = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
      [...changes.map((c) => c.value), at, taskId],
    );
    return rowToTask(await taskRow(tx, taskId));
  });
}
