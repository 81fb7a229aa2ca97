import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PSEUDONYM, type TraceFilters } from './filters';
import { TRACE_RANGES, type TraceRange } from './range';

interface Props {
  value: TraceFilters;
  services: string[];
  onApply: (next: TraceFilters) => void;
}

/**
 * Filters of the access traces. Text fields apply on submit; the period and
 * the break-glass switch apply at once. The form is re-mounted (keyed) when
 * the page changes the filters, e.g. after a click on a user or pseudonym.
 */
export function TraceFilterForm({ value, services, onApply }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const patientInvalid = draft.patient.trim() !== '' && !PSEUDONYM.test(draft.patient.trim().toUpperCase());

  const set = <K extends keyof TraceFilters>(key: K, v: TraceFilters[K]) => setDraft((d) => ({ ...d, [key]: v }));
  // Immediate changes carry the typed text along when it is valid.
  const applyNow = (patch: Partial<TraceFilters>) =>
    onApply(patientInvalid ? { ...value, ...patch } : { ...draft, patient: draft.patient.trim().toUpperCase(), ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!patientInvalid) onApply({ ...draft, patient: draft.patient.trim().toUpperCase() });
  };

  return (
    <form className="card filters" onSubmit={submit} aria-label={t('traces.filters.label')} data-testid="trace-filters">
      <div className="field">
        <label htmlFor={`${id}-range`}>{t('traces.filters.range')}</label>
        <select
          id={`${id}-range`}
          data-testid="trace-range"
          value={draft.range}
          onChange={(e) => {
            const range = e.target.value as TraceRange;
            setDraft((d) => ({ ...d, range }));
            if (range !== 'custom') applyNow({ range });
          }}
        >
          {TRACE_RANGES.map((r) => (
            <option key={r} value={r}>
              {t(`traces.ranges.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {draft.range === 'custom' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('traces.filters.from')}</label>
            <input id={`${id}-from`} type="datetime-local" value={draft.from} onChange={(e) => set('from', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('traces.filters.to')}</label>
            <input id={`${id}-to`} type="datetime-local" value={draft.to} onChange={(e) => set('to', e.target.value)} />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={`${id}-user`}>{t('traces.filters.user')}</label>
        <input id={`${id}-user`} data-testid="trace-user" value={draft.user} maxLength={200} onChange={(e) => set('user', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-patient`}>{t('traces.filters.patient')}</label>
        <input
          id={`${id}-patient`}
          data-testid="trace-patient"
          value={draft.patient}
          placeholder="P-XXXXXXXXXXXXXXXX"
          spellCheck={false}
          aria-invalid={patientInvalid}
          aria-describedby={patientInvalid ? `${id}-patient-error` : undefined}
          onChange={(e) => set('patient', e.target.value)}
        />
        {patientInvalid && (
          <span className="field-error" id={`${id}-patient-error`} role="alert">
            {t('traces.filters.patientInvalid')}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-service`}>{t('traces.filters.service')}</label>
        <input
          id={`${id}-service`}
          data-testid="trace-service"
          list={`${id}-services`}
          value={draft.service}
          maxLength={100}
          onChange={(e) => set('service', e.target.value)}
        />
        <datalist id={`${id}-services`}>
          {services.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
      <div className="field field-check">
        <input
          id={`${id}-bg`}
          type="checkbox"
          data-testid="trace-break-glass-only"
          checked={draft.breakGlassOnly}
          onChange={(e) => {
            set('breakGlassOnly', e.target.checked);
            applyNow({ breakGlassOnly: e.target.checked });
          }}
        />
        <label htmlFor={`${id}-bg`}>{t('traces.filters.breakGlassOnly')}</label>
      </div>
      <div className="button-row">
        <button type="submit" className="primary" data-testid="trace-apply" disabled={patientInvalid}>
          {t('traces.filters.apply')}
        </button>
      </div>
    </form>
  );
}
