/**
 * The two legal clocks, computed on instants (pure):
 *
 * - CNIL (GDPR Art. 33(1)): notification "not later than 72 hours after
 *   having become aware" of a personal-data breach. Due = awareness + 72 h of
 *   real time (in UTC; a DST change in between does not move it). Not
 *   required when the breach is "unlikely to result in a risk" (risk = none).
 *   due_soon in the last 24 h, overdue after.
 * - ARS / CERT Santé (CSP art. L. 1111-8-2): "sans délai", counted from the
 *   discovery. The law gives no number, so there is no due date: Vigie shows
 *   the time elapsed and, by convention, calls the declaration overdue once
 *   24 h have elapsed without it (ARS_WARNING_MS). Not required when the
 *   qualification is "aucun".
 */
import type { BreachRisk, ClockStatus, LegalClock } from '../../api/ops/legal';
import { formatDuration, formatParisWithOffset, HOUR_MS, iso } from './time';

export const CNIL_DELAY_MS = 72 * HOUR_MS;
export const DUE_SOON_MS = 24 * HOUR_MS;
export const ARS_WARNING_MS = 24 * HOUR_MS;

export function cnilDueAt(awareAt: number): number {
  return awareAt + CNIL_DELAY_MS;
}

/** True when a notification at `notifiedAt` is later than the 72 h (reasons for the delay required). */
export function isLateNotification(awareAt: number, notifiedAt: number): boolean {
  return notifiedAt > cnilDueAt(awareAt);
}

function clock(
  kind: LegalClock['kind'],
  start: number,
  due: number | null,
  done: number | null,
  status: ClockStatus,
  now: number,
  summary: string,
): LegalClock {
  return {
    kind,
    startAt: new Date(start).toISOString(),
    dueAt: iso(due),
    doneAt: iso(done),
    status,
    elapsedMs: (done ?? now) - start,
    remainingMs: due != null && done == null && status !== 'not_required' ? due - now : null,
    startAtParis: formatParisWithOffset(start),
    dueAtParis: due == null ? null : formatParisWithOffset(due),
    doneAtParis: done == null ? null : formatParisWithOffset(done),
    summary,
  };
}

export function cnilClock(b: { awareAt: number; notifiedAt: number | null; risk: BreachRisk }, now: number): LegalClock {
  const due = cnilDueAt(b.awareAt);
  const dueText = formatParisWithOffset(due);
  if (b.risk === 'none') {
    return clock('cnil', b.awareAt, due, b.notifiedAt, b.notifiedAt != null ? 'done' : 'not_required', now,
      'Violation jugée peu susceptible d’engendrer un risque : pas de notification à la CNIL (RGPD, art. 33(1)), inscrite au registre.');
  }
  if (b.notifiedAt != null) {
    const late = b.notifiedAt > due;
    return clock('cnil', b.awareAt, due, b.notifiedAt, late ? 'done_late' : 'done', now,
      late
        ? `Notifiée à la CNIL le ${formatParisWithOffset(b.notifiedAt)}, ${formatDuration(b.notifiedAt - due)} après l’échéance (motifs du retard joints).`
        : `Notifiée à la CNIL le ${formatParisWithOffset(b.notifiedAt)}, dans le délai de 72 h.`);
  }
  const remaining = due - now;
  if (remaining <= 0) {
    return clock('cnil', b.awareAt, due, null, 'overdue', now,
      `Délai de 72 h dépassé de ${formatDuration(remaining)}, échéance le ${dueText} : notifier la CNIL en joignant les motifs du retard.`);
  }
  return clock('cnil', b.awareAt, due, null, remaining <= DUE_SOON_MS ? 'due_soon' : 'pending', now,
    `Notification à la CNIL : reste ${formatDuration(remaining)}, échéance le ${dueText}.`);
}

export function arsClock(d: { discoveredAt: number; declaredAt: number | null; notRequired: boolean }, now: number): LegalClock {
  if (d.declaredAt != null) {
    const late = d.declaredAt - d.discoveredAt > ARS_WARNING_MS;
    return clock('ars', d.discoveredAt, null, d.declaredAt, late ? 'done_late' : 'done', now,
      `Signalé le ${formatParisWithOffset(d.declaredAt)}, ${formatDuration(d.declaredAt - d.discoveredAt)} après la découverte.`);
  }
  if (d.notRequired) {
    return clock('ars', d.discoveredAt, null, null, 'not_required', now,
      'Qualification « aucun » : pas de signalement obligatoire (CSP, art. L. 1111-8-2).');
  }
  const elapsed = now - d.discoveredAt;
  return clock('ars', d.discoveredAt, null, null, elapsed >= ARS_WARNING_MS ? 'overdue' : 'pending', now,
    elapsed >= ARS_WARNING_MS
      ? `Signalement « sans délai » non fait ${formatDuration(elapsed)} après la découverte : à faire immédiatement.`
      : `Signalement « sans délai » : ${formatDuration(elapsed)} depuis la découverte, non signalé.`);
}
