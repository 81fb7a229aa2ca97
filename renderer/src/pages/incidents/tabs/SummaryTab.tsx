import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpInput, Severity } from '@contract';
import { api } from '../../../api/client';
import { Choice, choicesOf } from '../../../components/Fields';
import { useToasts } from '../../../components/Toasts';
import { ActionError } from '../ActionError';
import { ChipsEditor } from '../ChipsEditor';
import type { TabProps } from '../DetailTabs';
import { useAction } from '../hooks';
import { PhaseStepper } from '../PhaseStepper';
import { StructuresEditor, structuresValid } from '../StructuresEditor';
import { CATEGORY_LIST, HUB_SERVICES, PAP_LIST, SEVERITIES, TLP_LIST, type Category, type IncidentDetail, type Pap, type Phase, type Tlp } from '../types';

type Draft = Pick<IncidentDetail, 'title' | 'description' | 'severity' | 'tlp' | 'pap' | 'category' | 'structures' | 'services' | 'assignees' | 'risks'>;
type Patch = Omit<OpInput<'incidents.update'>, 'id'>;

function draftOf(i: IncidentDetail): Draft {
  const { title, description, severity, tlp, pap, category, structures, services, assignees, risks } = i;
  return { title, description, severity, tlp, pap, category, structures, services, assignees, risks };
}

/** Only what changed (the engine writes one history row per change). */
function patchOf(before: Draft, after: Draft): Patch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Draft)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    patch[key] =
      key === 'structures'
        ? after.structures.map((s) => ({ name: s.name.trim(), finess: s.finess?.trim().toUpperCase() || null }))
        : key === 'title'
          ? after.title.trim()
          : after[key];
  }
  return patch as Patch;
}

/** Keeps the operator's pending edits, takes the stored value of every other field. */
function rebase(draft: Draft, before: Draft, fresh: Draft): Draft {
  const out = { ...fresh } as Record<keyof Draft, unknown>;
  for (const key of Object.keys(fresh) as (keyof Draft)[]) {
    if (JSON.stringify(draft[key]) !== JSON.stringify(before[key])) out[key] = draft[key];
  }
  return out as Draft;
}

/** Synthèse: the phase stepper and the incident's fields, saved together. */
export function SummaryTab({ incident, reload, canWrite }: TabProps) {
  const { t } = useTranslation();
  const id = useId();
  const toasts = useToasts();
  const action = useAction();
  const [draft, setDraft] = useState<Draft>(() => draftOf(incident));
  const [base, setBase] = useState<{ at: string; draft: Draft }>(() => ({ at: incident.updatedAt, draft: draftOf(incident) }));
  if (base.at !== incident.updatedAt) {
    // The incident changed (saved here or elsewhere): take the new values of the fields not being edited.
    const fresh = draftOf(incident);
    setBase({ at: incident.updatedAt, draft: fresh });
    setDraft(rebase(draft, base.draft, fresh));
  }
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const patch = patchOf(draftOf(incident), draft);
  const dirty = Object.keys(patch).length > 0;
  const valid = draft.title.trim() !== '' && structuresValid(draft.structures);

  const send = async (p: Patch, keepEdits: boolean) => {
    const saved = await action.run(() => api.call('incidents.update', { id: incident.id, ...p }));
    if (!saved) return;
    const fresh = draftOf(saved);
    setBase({ at: saved.updatedAt, draft: fresh });
    setDraft((d) => (keepEdits ? rebase(d, base.draft, fresh) : fresh));
    toasts.push({ kind: 'info', text: t('incidents.summary.saved') });
    reload();
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void send(patch, false);
  };
  const select = <K extends 'severity' | 'tlp' | 'pap' | 'category'>(key: K, options: readonly Draft[K][], label: (v: Draft[K]) => string) => (
    <Choice
      label={t(`incidents.fields.${key}`)}
      value={draft[key]}
      disabled={!canWrite}
      onChange={(v) => set(key, v)}
      testId={`field-${key}`}
      options={choicesOf(options, label)}
    />
  );

  return (
    <>
      <PhaseStepper incident={incident} disabled={!canWrite || action.busy} onMove={(phase: Phase) => void send({ phase }, true)} />
      <form className="card summary-form" onSubmit={save} data-testid="summary-form">
        <div className="form-grid">
          <div className="field span-2">
            <label htmlFor={`${id}-title`}>{t('incidents.fields.title')}</label>
            <input id={`${id}-title`} value={draft.title} maxLength={300} required disabled={!canWrite} onChange={(e) => set('title', e.target.value)} data-testid="field-title" />
          </div>
          {select('severity', SEVERITIES, (v) => t(`severity.${v as Severity}`))}
          {select('category', CATEGORY_LIST, (v) => t(`incidents.category.${v as Category}`))}
          {select('tlp', TLP_LIST, (v) => `TLP:${v as Tlp}`)}
          {select('pap', PAP_LIST, (v) => `PAP:${v as Pap}`)}
          <p className="help span-2">{t('incidents.summary.classification', { ...incident.classification })}</p>
          <div className="field span-2">
            <label htmlFor={`${id}-desc`}>{t('incidents.fields.description')}</label>
            <textarea id={`${id}-desc`} rows={5} maxLength={20000} value={draft.description} disabled={!canWrite} onChange={(e) => set('description', e.target.value)} data-testid="field-description" />
          </div>
        </div>
        <StructuresEditor structures={draft.structures} onChange={(s) => set('structures', s)} disabled={!canWrite} />
        <div className="chips-grid">
          <ChipsEditor label={t('incidents.fields.services')} values={draft.services} onChange={(v) => set('services', v)} suggestions={HUB_SERVICES} disabled={!canWrite} testId="services" />
          <ChipsEditor label={t('incidents.fields.assignees')} values={draft.assignees} onChange={(v) => set('assignees', v)} disabled={!canWrite} testId="assignees" />
          <ChipsEditor label={t('incidents.fields.risks')} values={draft.risks} onChange={(v) => set('risks', v)} disabled={!canWrite} testId="risks" />
        </div>
        <ActionError error={action.error} />
        {canWrite && (
          <div className="button-row">
            <button type="submit" className="primary" disabled={!dirty || !valid || action.busy} data-testid="summary-save">
              {t('common.save')}
            </button>
            <button type="button" disabled={!dirty || action.busy} onClick={() => setDraft(draftOf(incident))}>
              {t('incidents.summary.discard')}
            </button>
            {dirty && <span className="help">{t('incidents.summary.unsaved', { count: Object.keys(patch).length })}</span>}
          </div>
        )}
      </form>
    </>
  );
}
