import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../hooks/useFormat';

/** Fields whose values are codes shown in words. */
const VALUE_LISTS: Record<string, string> = {
  severity: 'severity',
  phase: 'phase',
  category: 'incidents.category',
  'ars.qualification': 'incidents.ars.level',
  qualification: 'incidents.ars.level',
  risk: 'incidents.gdpr.risks',
  subjectsDecision: 'incidents.gdpr.decisions',
  subjectsExemption: 'incidents.gdpr.exemptions',
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Labels of the ARS record's fields (`legal.history`); the breach's are those of its form. */
const ARS_FIELDS: Record<string, string> = {
  discoveredAt: 'incidents.ars.discoveredAt',
  declaredAt: 'incidents.ars.declaredAt',
  reference: 'incidents.ars.reference',
  qualification: 'incidents.ars.qualification',
  form: 'incidents.ars.form.title',
};

interface HistoryText {
  field: (f: string) => string;
  legalField: (kind: 'ars' | 'gdpr', f: string) => string;
  value: (f: string, v: string | null) => string;
}

/** Label of a history field (`title`, `task#4.status`, `gdpr.notified`…) and its values in the interface language. */
export function useHistoryText(): HistoryText {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const field = useCallback(
    (f: string) => {
      const task = /^task#(\d+)\.(\w+)$/.exec(f);
      if (task) return t('incidents.history.taskField', { id: task[1], field: t(`incidents.history.taskFields.${task[2]}`, { defaultValue: task[2] }) });
      const key = `incidents.history.fields.${f.replace(/\./g, '_')}`;
      return i18n.exists(key) ? t(key) : f;
    },
    [t, i18n],
  );
  const value = useCallback(
    (f: string, v: string | null) => {
      if (v == null || v === '') return '—';
      const task = /^task#\d+\.(status|phase)$/.exec(f);
      const list = task ? (task[1] === 'status' ? 'incidents.tasks.status' : 'phase') : VALUE_LISTS[f];
      if (list && i18n.exists(`${list}.${v}`)) return t(`${list}.${v}`);
      // Instants (legal records, declarations) are shown in Paris time.
      if (ISO_INSTANT.test(v)) return fmt.dateTime(v);
      return v;
    },
    [t, i18n, fmt],
  );
  const legalField = useCallback(
    (kind: 'ars' | 'gdpr', f: string) => {
      const key = kind === 'gdpr' ? `incidents.gdpr.fields.${f}` : ARS_FIELDS[f];
      if (key && i18n.exists(key)) return t(key);
      if (i18n.exists(`incidents.history.fields.${f}`)) return t(`incidents.history.fields.${f}`);
      const answer = /^answer\.(\w+)$/.exec(f);
      return answer ? t('incidents.history.answer', { id: answer[1] }) : f;
    },
    [t, i18n],
  );
  return { field, legalField, value };
}
