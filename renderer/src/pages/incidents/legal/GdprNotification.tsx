import { useTranslation } from 'react-i18next';
import { BREACH_RISK_LIST } from '../types';
import { Area, Choice, Field } from '../../../components/Fields';
import type { GdprDraft } from './gdprDraft';

interface Props {
  draft: GdprDraft;
  set: <K extends keyof GdprDraft>(key: K, value: GdprDraft[K]) => void;
  disabled: boolean;
  /** Notified (or to be notified now) after the 72 hours: reasons are required (Art. 33(1)). */
  late: boolean;
}

/** Risk assessment and the notification to the CNIL (time, reference, reasons for a late notification). */
export function GdprNotification({ draft, set, disabled, late }: Props) {
  const { t } = useTranslation();
  const f = (key: string) => t(`incidents.gdpr.fields.${key}`);
  const reasonsMissing = late && draft.notifiedAt !== '' && !draft.delayReasons.trim();
  return (
    <fieldset className="legal-fieldset" data-testid="gdpr-notification">
      <legend>{t('incidents.gdpr.notification')}</legend>
      <div className="form-grid">
        <Choice
          label={f('risk')}
          value={draft.risk}
          onChange={(v) => set('risk', v)}
          options={BREACH_RISK_LIST.map((r) => ({ value: r, label: t(`incidents.gdpr.risks.${r}`) }))}
          disabled={disabled}
          testId="gdpr-field-risk"
        />
        <Area
          label={f('riskJustification')}
          rows={2}
          maxLength={10000}
          value={draft.riskJustification}
          onChange={(v) => set('riskJustification', v)}
          disabled={disabled}
          required={draft.risk === 'none'}
          help={draft.risk === 'none' ? t('incidents.gdpr.noneHelp') : undefined}
          testId="gdpr-field-riskJustification"
        />
        <Field type="datetime-local" label={f('notifiedAt')} value={draft.notifiedAt} onChange={(v) => set('notifiedAt', v)} disabled={disabled} testId="gdpr-field-notifiedAt" help={t('incidents.gdpr.notifiedHelp')} />
        <Field label={f('cnilReference')} maxLength={200} value={draft.cnilReference} onChange={(v) => set('cnilReference', v)} disabled={disabled} testId="gdpr-field-cnilReference" />
        {late && (
          <Area
            className="span-2"
            label={f('delayReasons')}
            maxLength={10000}
            value={draft.delayReasons}
            onChange={(v) => set('delayReasons', v)}
            disabled={disabled}
            required
            invalid={reasonsMissing ? t('incidents.gdpr.reasonsRequired') : null}
            help={t('incidents.gdpr.lateHelp')}
            testId="gdpr-field-delayReasons"
          />
        )}
      </div>
    </fieldset>
  );
}
