import { useTranslation } from 'react-i18next';
import { liveStatus, useClockText } from '../DeadlineChip';
import { useNow } from '../hooks';
import type { LegalClock } from '../types';

/**
 * A legal clock, live: the countdown (or time elapsed for the ARS declaration,
 * which has no numeric deadline), start and deadline in Paris time, status in words.
 */
export function ClockPanel({ clock, testId }: { clock: LegalClock; testId: string }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const clockText = useClockText();
  const status = liveStatus(clock, now);
  return (
    <div className={`clock-panel deadline-${status}`} data-testid={testId} data-status={status}>
      <p className="clock-countdown" aria-live="off" data-testid={`${testId}-countdown`}>
        {clockText(clock, now)}
      </p>
      <p className="clock-status" data-testid={`${testId}-status`}>
        {t(`incidents.clock.status.${status}`)}
      </p>
      <dl className="clock-times">
        <dt>{t(`incidents.clock.start.${clock.kind}`)}</dt>
        <dd data-testid={`${testId}-start`}>{clock.startAtParis}</dd>
        {clock.dueAtParis && (
          <>
            <dt>{t('incidents.clock.due')}</dt>
            <dd data-testid={`${testId}-due`}>{clock.dueAtParis}</dd>
          </>
        )}
        {clock.doneAtParis && (
          <>
            <dt>{t(`incidents.clock.doneAt.${clock.kind}`)}</dt>
            <dd>{clock.doneAtParis}</dd>
          </>
        )}
      </dl>
      <p className="help">{t('incidents.clock.zone')}</p>
    </div>
  );
}
