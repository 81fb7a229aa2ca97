import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionError } from '../incidents/ActionError';
import { useAction, useCanWrite } from '../incidents/hooks';

const HOURS = Array.from({ length: 25 }, (_, h) => h);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Working hours, the one setting behind "outside working hours" (derived field vigie.off_hours). */
export function WorkingHoursForm() {
  const { t } = useTranslation();
  const startId = useId();
  const endId = useId();
  const canWrite = useCanWrite();
  const current = useApiQuery('detection.workingHours.get', {});
  const action = useAction();
  const [start, setStart] = useState(7);
  const [end, setEnd] = useState(20);
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!current.data) return;
    setStart(current.data.start);
    setEnd(current.data.end);
    setDays(current.data.days);
  }, [current.data]);

  const toggle = (d: number, on: boolean) => {
    setSaved(false);
    setDays((prev) => (on ? [...new Set([...prev, d])].sort((a, b) => a - b) : prev.filter((x) => x !== d)));
  };

  async function save() {
    setSaved(false);
    if (await action.run(() => api.call('detection.workingHours.set', { start, end, days }))) {
      setSaved(true);
      current.reload();
    }
  }

  const invalid = start >= end;
  return (
    <section className="card rules-section" data-testid="working-hours">
      <h2>{t('rules.hours.title')}</h2>
      <p className="help">{t('rules.hours.help')}</p>
      <ErrorMessage error={current.error} />
      <div className="rules-form">
        <span>
          <label htmlFor={startId}>{t('rules.hours.start')}</label>{' '}
          <select id={startId} value={start} disabled={!canWrite} onChange={(e) => (setSaved(false), setStart(Number(e.target.value)))} data-testid="hours-start">
            {HOURS.slice(0, 24).map((h) => (
              <option key={h} value={h}>
                {t('rules.hours.hour', { hour: h })}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label htmlFor={endId}>{t('rules.hours.end')}</label>{' '}
          <select id={endId} value={end} disabled={!canWrite} onChange={(e) => (setSaved(false), setEnd(Number(e.target.value)))} data-testid="hours-end">
            {HOURS.slice(1).map((h) => (
              <option key={h} value={h}>
                {t('rules.hours.hour', { hour: h })}
              </option>
            ))}
          </select>
        </span>
      </div>
      <fieldset className="rules-form">
        <legend>{t('rules.hours.days')}</legend>
        {WEEKDAYS.map((d) => (
          <label key={d} className="field-check">
            <input type="checkbox" checked={days.includes(d)} disabled={!canWrite} onChange={(e) => toggle(d, e.target.checked)} data-testid={`hours-day-${d}`} />
            {t(`rules.hours.weekday.${d}`)}
          </label>
        ))}
      </fieldset>
      {invalid && (
        <p className="rule-rejected" role="alert" data-testid="hours-invalid">
          {t('rules.hours.invalid')}
        </p>
      )}
      {canWrite && (
        <button type="button" disabled={action.busy || invalid} onClick={() => void save()} data-testid="hours-save">
          {t('rules.hours.save')}
        </button>
      )}
      {saved && (
        <p className="rule-ok" role="status" data-testid="hours-saved">
          {t('rules.hours.saved')}
        </p>
      )}
      <ActionError error={action.error} />
    </section>
  );
}
