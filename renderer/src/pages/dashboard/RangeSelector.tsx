import { useTranslation } from 'react-i18next';
import { toParisMinuteInput } from '../../parisTime';
import { RANGE_KEYS, type DashboardRange } from './range';

/** 24 h / 7 j / 30 j, or custom dates (Europe/Paris). */
export function RangeSelector({ value, onChange }: { value: DashboardRange; onChange: (range: DashboardRange) => void }) {
  const { t } = useTranslation();
  const pick = (key: DashboardRange['key']) => {
    if (key !== 'custom') return onChange({ ...value, key });
    // Custom starts from the last 7 days, to be adjusted.
    const now = Date.now();
    const from = value.from || toParisMinuteInput(new Date(now - 7 * 86_400_000).toISOString());
    const to = value.to || toParisMinuteInput(new Date(now).toISOString());
    onChange({ key, from, to });
  };
  return (
    <div className="dash-range">
      <div className="segmented" role="group" aria-label={t('dashboard.range.label')}>
        {RANGE_KEYS.map((key) => (
          <button key={key} type="button" data-testid={`range-${key}`} aria-pressed={key === value.key} onClick={() => pick(key)}>
            {t(`dashboard.range.${key}`)}
          </button>
        ))}
      </div>
      {value.key === 'custom' && (
        <div className="dash-custom">
          <label>
            {t('dashboard.range.from')}
            <input
              type="datetime-local"
              data-testid="range-from"
              value={value.from}
              onChange={(e) => onChange({ ...value, from: e.target.value })}
            />
          </label>
          <label>
            {t('dashboard.range.to')}
            <input type="datetime-local" data-testid="range-to" value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} />
          </label>
        </div>
      )}
    </div>
  );
}
