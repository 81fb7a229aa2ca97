import { useTranslation } from 'react-i18next';
import { BREACH_TYPE_LIST } from '../types';
import { Area, Field } from '../../../components/Fields';
import { countValid, type GdprDraft } from './gdprDraft';

interface Props {
  draft: GdprDraft;
  set: <K extends keyof GdprDraft>(key: K, value: GdprDraft[K]) => void;
  disabled: boolean;
}

/** What Art. 33(3) requires in the notification: (a) nature and scope, (b) contact, (c) consequences, (d) measures. */
export function GdprArt33({ draft, set, disabled }: Props) {
  const { t } = useTranslation();
  const f = (key: string) => t(`incidents.gdpr.fields.${key}`);
  const toggleType = (type: GdprDraft['breachTypes'][number], on: boolean) =>
    set('breachTypes', on ? [...draft.breachTypes, type] : draft.breachTypes.filter((x) => x !== type));
  return (
    <fieldset className="legal-fieldset" data-testid="gdpr-art33">
      <legend>{t('incidents.gdpr.art33')}</legend>
      <div className="form-grid">
        <Field type="datetime-local" label={f('awareAt')} value={draft.awareAt} onChange={(v) => set('awareAt', v)} disabled={disabled} required testId="gdpr-field-awareAt" help={t('incidents.gdpr.awareHelp')} />
        <Field type="datetime-local" label={f('occurredAt')} value={draft.occurredAt} onChange={(v) => set('occurredAt', v)} disabled={disabled} testId="gdpr-field-occurredAt" />
        <h4 className="span-2">{t('incidents.gdpr.sections.a')}</h4>
        <Area className="span-2" label={f('nature')} value={draft.nature} onChange={(v) => set('nature', v)} disabled={disabled} testId="gdpr-field-nature" />
        <fieldset className="span-2 checks">
          <legend>{f('breachTypes')}</legend>
          {BREACH_TYPE_LIST.map((type) => (
            <label key={type} className="field-check">
              <input type="checkbox" checked={draft.breachTypes.includes(type)} disabled={disabled} onChange={(e) => toggleType(type, e.target.checked)} />
              {t(`incidents.gdpr.breachTypes.${type}`)}
            </label>
          ))}
        </fieldset>
        <Area label={f('subjectCategories')} rows={2} maxLength={5000} value={draft.subjectCategories} onChange={(v) => set('subjectCategories', v)} disabled={disabled} help={t('incidents.gdpr.oneLine')} testId="gdpr-field-subjectCategories" />
        <Field label={f('subjectsApprox')} value={draft.subjectsApprox} onChange={(v) => set('subjectsApprox', v)} disabled={disabled} invalid={countValid(draft.subjectsApprox) ? null : t('incidents.gdpr.countInvalid')} testId="gdpr-field-subjectsApprox" />
        <Area label={f('recordCategories')} rows={2} maxLength={5000} value={draft.recordCategories} onChange={(v) => set('recordCategories', v)} disabled={disabled} help={t('incidents.gdpr.oneLine')} testId="gdpr-field-recordCategories" />
        <Field label={f('recordsApprox')} value={draft.recordsApprox} onChange={(v) => set('recordsApprox', v)} disabled={disabled} invalid={countValid(draft.recordsApprox) ? null : t('incidents.gdpr.countInvalid')} testId="gdpr-field-recordsApprox" />
        <h4 className="span-2">{t('incidents.gdpr.sections.b')}</h4>
        <Field className="span-2" label={f('dpoContact')} maxLength={1000} value={draft.dpoContact} onChange={(v) => set('dpoContact', v)} disabled={disabled} testId="gdpr-field-dpoContact" />
        <h4 className="span-2">{t('incidents.gdpr.sections.c')}</h4>
        <Area className="span-2" label={f('consequences')} value={draft.consequences} onChange={(v) => set('consequences', v)} disabled={disabled} testId="gdpr-field-consequences" />
        <h4 className="span-2">{t('incidents.gdpr.sections.d')}</h4>
        <Area className="span-2" label={f('measures')} value={draft.measures} onChange={(v) => set('measures', v)} disabled={disabled} testId="gdpr-field-measures" />
      </div>
    </fieldset>
  );
}
