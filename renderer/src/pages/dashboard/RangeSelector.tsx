import { useTranslation } from 'react-i18next';
import { RANGE_KEYS, type RangeKey } from './range';

export function RangeSelector({ value, onChange }: { value: RangeKey; onChange: (key: RangeKey) => void }) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('dashboard.range.label')}>
      {RANGE_KEYS.map((key) => (
        <button key={key} type="button" data-testid={`range-${key}`} aria-pressed={key === value} onClick={() => onChange(key)}>
          {t(`dashboard.range.${key}`)}
        </button>
      ))}
    </div>
  );
}
