import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromParisInput, toParisMinuteInput } from '../../parisTime';
import { RELATIVE_RANGES, type SearchRange } from './range';

interface Props {
  value: SearchRange;
  onChange: (range: SearchRange) => void;
}

/** Relative windows (15 min … 90 j) or absolute dates typed in Europe/Paris time. */
export function TimeRangePicker({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [absoluteOpen, setAbsoluteOpen] = useState(value.kind === 'absolute');
  const [from, setFrom] = useState(() => (value.kind === 'absolute' ? toParisMinuteInput(value.from) : ''));
  const [to, setTo] = useState(() => (value.kind === 'absolute' ? toParisMinuteInput(value.to) : ''));
  const fromIso = fromParisInput(from);
  const toIso = to ? fromParisInput(to) : new Date().toISOString();
  const invalid = !fromIso || !toIso || Date.parse(fromIso) >= Date.parse(toIso);

  const openAbsolute = () => {
    if (!from) {
      // Start from the window on screen, so the dates only need adjusting.
      const now = Date.now();
      setFrom(toParisMinuteInput(new Date(now - 24 * 3_600_000).toISOString()));
      setTo(toParisMinuteInput(new Date(now).toISOString()));
    }
    setAbsoluteOpen(!absoluteOpen);
  };

  return (
    <div className="time-range" data-testid="time-range">
      <div className="segmented" role="group" aria-label={t('search.range.label')}>
        {RELATIVE_RANGES.map((key) => (
          <button
            key={key}
            type="button"
            data-testid={`search-range-${key}`}
            aria-pressed={value.kind === 'relative' && value.key === key}
            onClick={() => {
              setAbsoluteOpen(false);
              onChange({ kind: 'relative', key });
            }}
          >
            {t(`search.range.${key}`)}
          </button>
        ))}
        <button type="button" data-testid="search-range-absolute" aria-pressed={value.kind === 'absolute'} aria-expanded={absoluteOpen} onClick={openAbsolute}>
          {t('search.range.absolute')}
        </button>
      </div>
      {absoluteOpen && (
        <form
          className="absolute-range"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid && fromIso && toIso) onChange({ kind: 'absolute', from: fromIso, to: toIso });
          }}
        >
          <label>
            {t('search.range.from')}
            <input type="datetime-local" data-testid="search-range-from" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('search.range.to')}
            <input type="datetime-local" data-testid="search-range-to" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" data-testid="search-range-apply" disabled={invalid}>
            {t('search.range.apply')}
          </button>
          <span className="help">{invalid ? t('search.range.invalid') : t('search.range.zone')}</span>
        </form>
      )}
    </div>
  );
}
