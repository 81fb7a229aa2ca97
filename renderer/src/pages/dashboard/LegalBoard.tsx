import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { drillHref } from './drill';
import { Panel } from './Panel';
import type { LegalDeadlineItem } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The current time, ticking every `everyMs` (countdowns). */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Open legal clocks (ARS declaration "sans délai", CNIL 72 h), most urgent first, with live countdowns. */
export function LegalBoard({ deadlines, range }: { deadlines: LegalDeadlineItem[]; range: { from: string; to: string } }) {
  const { t } = useTranslation();
  const now = useNow(30_000);

  const duration = (ms: number) => {
    const abs = Math.abs(ms);
    const d = Math.floor(abs / DAY);
    const h = Math.floor((abs % DAY) / HOUR);
    const m = Math.floor((abs % HOUR) / MINUTE);
    if (d > 0) return t('dashboard.legal.durationDays', { d, h });
    if (h > 0) return t('dashboard.legal.durationHours', { h, m });
    return t('dashboard.legal.durationMinutes', { m });
  };
  const countdown = (item: LegalDeadlineItem) => {
    if (!item.dueAt) return t('dashboard.legal.noDeadline', { duration: duration(now - Date.parse(item.startAt)) });
    const left = Date.parse(item.dueAt) - now;
    return left >= 0 ? t('dashboard.legal.dueIn', { duration: duration(left) }) : t('dashboard.legal.overdueBy', { duration: duration(left) });
  };

  return (
    <Panel title={t('dashboard.legal.title')} testId="legal-board">
      {deadlines.length === 0 ? (
        <p className="muted" data-testid="legal-empty">
          {t('dashboard.legal.empty')}
        </p>
      ) : (
        <ul className="legal-list">
          {deadlines.map((d) => (
            <li key={`${d.incidentId}-${d.kind}`} className={`legal-item legal-${d.status}`} data-testid="legal-item" data-status={d.status}>
              <a href={drillHref(d, range)}>
                <span className="legal-kind">{t(`dashboard.legal.kind.${d.kind}`)}</span>
                <span className="legal-title">{t('dashboard.legal.incident', { id: d.incidentId, title: d.incidentTitle })}</span>
                <span className="legal-countdown" data-testid="legal-countdown">
                  {countdown(d)}
                </span>
                <span className="legal-status">{t(`dashboard.legal.status.${d.status}`)}</span>
              </a>
              <p className="help" lang="fr">
                {d.summary}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
