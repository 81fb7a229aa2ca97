import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from './hooks';
import { durationParts } from './duration';
import type { Deadline, LegalClock } from './types';

/** "2 j 5 h", "3 h 12 min", "8 min 05 s" in the interface language. */
export function useDurationText(): (ms: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (ms: number) => {
      const p = durationParts(ms);
      if (p.days > 0) return t('incidents.duration.days', { d: p.days, h: p.hours });
      if (p.hours > 0) return t('incidents.duration.hours', { h: p.hours, m: p.minutes });
      return t('incidents.duration.minutes', { m: p.minutes, s: String(p.seconds).padStart(2, '0') });
    },
    [t],
  );
}

/** What a clock says at `now`: time left before the deadline, overdue by, or time elapsed (ARS: no number in the law). */
export function useClockText(): (clock: Pick<LegalClock, 'kind' | 'startAt' | 'dueAt' | 'doneAt' | 'status'>, now: number) => string {
  const { t } = useTranslation();
  const duration = useDurationText();
  return useCallback(
    (clock, now) => {
      if (clock.status === 'not_required') return t('incidents.clock.notRequired');
      if (clock.doneAt) return t(clock.status === 'done_late' ? 'incidents.clock.doneLate' : 'incidents.clock.done');
      if (!clock.dueAt) return t('incidents.clock.elapsed', { duration: duration(now - Date.parse(clock.startAt)) });
      const left = Date.parse(clock.dueAt) - now;
      return left >= 0 ? t('incidents.clock.left', { duration: duration(left) }) : t('incidents.clock.overdue', { duration: duration(left) });
    },
    [t, duration],
  );
}

/** Live status of a clock from `now` (the engine's status is as of the last load). */
export function liveStatus(clock: Pick<LegalClock, 'dueAt' | 'doneAt' | 'status' | 'kind' | 'startAt'>, now: number): LegalClock['status'] {
  if (clock.doneAt || clock.status === 'not_required') return clock.status;
  if (clock.dueAt) {
    const left = Date.parse(clock.dueAt) - now;
    return left < 0 ? 'overdue' : left < 24 * 3600_000 ? 'due_soon' : 'pending';
  }
  return now - Date.parse(clock.startAt) > 24 * 3600_000 ? 'overdue' : 'pending';
}

/** One legal deadline: kind, live countdown (ticks every second), status in words (never colour alone). */
export function DeadlineChip({ deadline, withTitle = false }: { deadline: Deadline; withTitle?: boolean }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const clockText = useClockText();
  const status = liveStatus(deadline, now);
  return (
    <span className={`deadline deadline-${status}`} data-testid="deadline-chip" data-kind={deadline.kind} data-status={status}>
      <strong>{t(`incidents.clock.kind.${deadline.kind}`)}</strong>
      {withTitle && <span className="deadline-title">{t('incidents.ref', { id: deadline.incidentId }) + ' ' + deadline.incidentTitle}</span>}
      <span className="deadline-countdown" data-testid="deadline-countdown">
        {clockText(deadline, now)}
      </span>
      <span className="deadline-status">{t(`incidents.clock.status.${status}`)}</span>
    </span>
  );
}
