/**
 * Playbooks: shipped templates overridden by copies stored in the vault
 * (`incident_playbooks`), exported as YAML, applied to an incident.
 */
import type { FileExport, Playbook, PlaybookApplyResult, PlaybookInfo } from '../../api/ops/incidents';
import { VigieError } from '../../api/errors';
import type { Db } from '../../store/db';
import { writableIncident } from '../queries';
import { addTask } from '../tasks';
import { recordEvent } from '../update';
import { BUILTIN_PLAYBOOKS } from './builtin';
import { parsePlaybookYaml, playbookToYaml, validatePlaybook } from './schema';

interface StoredRow {
  id: string;
  yaml: string;
  updated_by: string;
  updated_at: number;
}

const HOUR = 3_600_000;

function info(p: Playbook, stored: StoredRow | undefined): PlaybookInfo {
  return {
    id: p.id,
    title: p.title,
    category: p.category,
    taskCount: p.tasks.length,
    source: stored ? (BUILTIN_PLAYBOOKS.has(p.id) ? 'modified' : 'custom') : 'builtin',
    updatedBy: stored?.updated_by ?? null,
    updatedAt: stored ? new Date(stored.updated_at).toISOString() : null,
  };
}

/** The stored copy parsed; a copy that no longer validates is skipped in favour of the template. */
function parseStored(row: StoredRow): Playbook | null {
  try {
    return parsePlaybookYaml(row.yaml, `playbook ${row.id}`);
  } catch {
    return null;
  }
}

export async function listPlaybooks(db: Db): Promise<PlaybookInfo[]> {
  const stored = await db.all<StoredRow>('SELECT * FROM incident_playbooks');
  const out = new Map<string, PlaybookInfo>();
  for (const [id, b] of BUILTIN_PLAYBOOKS) out.set(id, info(b.playbook, undefined));
  for (const row of stored) {
    const p = parseStored(row);
    if (p) out.set(row.id, info(p, row));
  }
  return [...out.values()].sort((a, b) => a.title.localeCompare(b.title, 'fr'));
}

/** The playbook and its YAML text (vault copy first, else the shipped template). */
export async function playbookWithYaml(db: Db, id: string): Promise<{ playbook: Playbook; yaml: string }> {
  const row = await db.get<StoredRow>('SELECT * FROM incident_playbooks WHERE id = ?', [id]);
  const stored = row ? parseStored(row) : null;
  if (row && stored) return { playbook: stored, yaml: row.yaml };
  const builtin = BUILTIN_PLAYBOOKS.get(id);
  if (!builtin) throw new VigieError('NOT_FOUND', `Playbook « ${id} » introuvable.`);
  return builtin;
}

export async function getPlaybook(db: Db, id: string): Promise<Playbook> {
  return (await playbookWithYaml(db, id)).playbook;
}

/** Stores a playbook (YAML text kept as written, or canonical YAML of an object): it overrides a template of the same id. */
export async function savePlaybook(db: Db, input: { yaml?: string; playbook?: unknown }, actor: string): Promise<PlaybookInfo> {
  let playbook: Playbook;
  let yaml: string;
  if (input.yaml !== undefined) {
    playbook = parsePlaybookYaml(input.yaml);
    yaml = input.yaml;
  } else {
    playbook = validatePlaybook(input.playbook);
    yaml = playbookToYaml(playbook);
  }
  const row: StoredRow = { id: playbook.id, yaml, updated_by: actor, updated_at: Date.now() };
  await db.run(
    `INSERT INTO incident_playbooks (id, yaml, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET yaml = excluded.yaml, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [row.id, row.yaml, row.updated_by, row.updated_at],
  );
  return info(playbook, row);
}

/** Removes the vault copy (the shipped template, if any, applies again). */
export async function resetPlaybook(db: Db, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM incident_playbooks WHERE id = ?', [id])).changes > 0;
}

export async function exportPlaybook(db: Db, id: string): Promise<FileExport> {
  const { playbook, yaml } = await playbookWithYaml(db, id);
  return { filename: `playbook-${playbook.id}.yml`, mime: 'application/yaml', content: yaml };
}

/**
 * Creates the playbook's tasks on the incident (due dates counted from now).
 * Idempotent: a task already created from the same playbook and key is kept,
 * not duplicated (also after the playbook was edited, for unchanged keys).
 */
export async function applyPlaybook(
  db: Db,
  incidentId: number,
  playbookId: string,
  actor: string,
  opts: { now?: number } = {},
): Promise<PlaybookApplyResult> {
  const playbook = await getPlaybook(db, playbookId);
  return db.transaction(async (tx) => {
    await writableIncident(tx, incidentId);
    const now = opts.now ?? Date.now();
    const result: PlaybookApplyResult = { created: 0, existing: 0, tasks: [] };
    for (const t of playbook.tasks) {
      const { task, created } = await addTask(
        tx,
        incidentId,
        {
          title: t.title,
          description: t.description ?? '',
          owner: t.owner ?? null,
          dueAt: t.dueHours === undefined ? null : new Date(now + t.dueHours * HOUR),
          phase: t.phase ?? null,
          playbookId: playbook.id,
          playbookKey: t.key,
        },
        actor,
      );
      result.tasks.push(task);
      if (created) result.created++;
      else result.existing++;
    }
    if (result.created > 0) {
      await recordEvent(tx, incidentId, {
        actor,
        field: 'playbook',
        to: `${playbook.id} v${playbook.version} (${result.created} tâche${result.created > 1 ? 's' : ''} créée${result.created > 1 ? 's' : ''})`,
      });
    }
    return result;
  });
}
