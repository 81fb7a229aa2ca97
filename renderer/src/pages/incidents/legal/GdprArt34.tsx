import { useTranslation } from 'react-i18next';
import { SUBJECT_DECISION_LIST, SUBJECT_EXEMPTION_LIST, type SubjectExemption } from '../types';
import { Area, Choice, Field } from '../../../components/Fields';
import type { GdprDraft } from './gdprDraft';

interface Props {
  draft: GdprDraft;
  set: <K extends keyof GdprDraft>(key: K, value: GdprDraft[K]) => void;
  disabled: boolean;
}

/** Art. 34: communication of a high-risk breach to the people concerned, or the Art. 34(3) exemption relied on. */
export function GdprArt34({ draft, set, disabled }: Props) {
  const { t } = useTranslation();
  const f = (key: string) => t(`incidents.gdpr.fields.${key}`);
  const communicated = draft.subjectsNotifiedAt !== '';
  return (
    <fieldset className="legal-fieldset" data-testid="gdpr-art34">
      <legend>{t('incidents.gdpr.art34')}</legend>
      <p className="help">{t('incidents.gdpr.art34Help')}</p>
      <div className="form-grid">
        <Choice
          label={f('subjectsDecision')}
          value={draft.subjectsDecision}
          onChange={(v) => set('subjectsDecision', v)}
          options={SUBJECT_DECISION_LIST.map((d) => ({ value: d, label: t(`incidents.gdpr.decisions.${d}`) }))}
          disabled={disabled}
          testId="gdpr-field-subjectsDecision"
        />
        {draft.subjectsDecision === 'not_required' && (
          <Choice<SubjectExemption | ''>
            label={f('subjectsExemption')}
            value={draft.subjectsExemption}
            onChange={(v) => set('subjectsExemption', v)}
            options={[{ value: '', label: '—' }, ...SUBJECT_EXEMPTION_LIST.map((x) => ({ value: x, label: t(`incidents.gdpr.exemptions.${x}`) }))]}
            disabled={disabled}
            help={draft.risk === 'high' ? t('incidents.gdpr.exemptionRequired') : undefined}
            testId="gdpr-field-subjectsExemption"
          />
        )}
        {draft.subjectsDecision === 'required' && (
          <>
            <Field type="datetime-local" label={f('subjectsNotifiedAt')} value={draft.subjectsNotifiedAt} onChange={(v) => set('subjectsNotifiedAt', v)} disabled={disabled} testId="gdpr-field-subjectsNotifiedAt" />
            <Field label={f('subjectsMeans')} maxLength={2000} value={draft.subjectsMeans} onChange={(v) => set('subjectsMeans', v)} disabled={disabled} required={communicated} testId="gdpr-field-subjectsMeans" />
            <Area className="span-2" label={f('subjectsContent')} value={draft.subjectsContent} onChange={(v) => set('subjectsContent', v)} disabled={disabled} required={communicated} help={t('incidents.gdpr.contentHelp')} testId="gdpr-field-subjectsContent" />
          </>
        )}
      </div>
    </fieldset>
  );
}
