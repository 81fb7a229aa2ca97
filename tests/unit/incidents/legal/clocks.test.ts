import { describe, expect, it } from 'vitest';
import { arsClock, cnilClock, cnilDueAt, isLateNotification } from '../../../../main/incidents/legal/clocks';
import { formatDuration, formatParis, formatParisWithOffset, parisLocalToUtc, parseInstant } from '../../../../main/incidents/legal/time';
import { HOUR, MINUTE } from './fixture';

describe('time in Europe/Paris', () => {
  it('reads wall-clock times, including around the DST changes', () => {
    expect(parisLocalToUtc('2026-03-28T10:00')).toBe(Date.UTC(2026, 2, 28, 9, 0)); // winter, UTC+1
    expect(parisLocalToUtc('2026-03-29T01:59')).toBe(Date.UTC(2026, 2, 29, 0, 59));
    expect(parisLocalToUtc('2026-03-29T03:00')).toBe(Date.UTC(2026, 2, 29, 1, 0)); // summer, UTC+2
    expect(parisLocalToUtc('2026-07-14 12:00')).toBe(Date.UTC(2026, 6, 14, 10, 0));
    // Skipped hour on the last Sunday of March: refused.
    expect(() => parisLocalToUtc('2026-03-29T02:30')).toThrow(/n’existe pas/);
    // Repeated hour on the last Sunday of October: the first occurrence (summer time).
    expect(parisLocalToUtc('2026-10-25T02:30')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(parisLocalToUtc('2026-10-25T03:00')).toBe(Date.UTC(2026, 9, 25, 2, 0));
    expect(() => parisLocalToUtc('28/03/2026 10:00')).toThrow(/AAAA-MM-JJ/);
  });

  it('formats instants in Paris time with the offset in force', () => {
    expect(formatParis(Date.UTC(2026, 2, 28, 9, 0))).toBe('28/03/2026 10:00');
    expect(formatParisWithOffset(Date.UTC(2026, 2, 31, 9, 0))).toBe('31/03/2026 11:00 (UTC+2)');
    expect(formatParisWithOffset(Date.UTC(2026, 9, 25, 0, 30))).toBe('25/10/2026 02:30 (UTC+2)');
    expect(formatParisWithOffset(Date.UTC(2026, 9, 25, 1, 30))).toBe('25/10/2026 02:30 (UTC+1)');
  });

  it('requires an offset on ISO inputs', () => {
    expect(parseInstant('2026-03-28T10:00:00+01:00', 'x')).toBe(Date.UTC(2026, 2, 28, 9, 0));
    expect(parseInstant('2026-03-28T09:00:00.000Z', 'x')).toBe(Date.UTC(2026, 2, 28, 9, 0));
    expect(() => parseInstant('2026-03-28T10:00:00', 'Découverte')).toThrow(/fuseau/);
    expect(() => parseInstant('2026-02-30T10:00:00Z', 'x')).toThrow();
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(59 * 1000)).toBe('0 min');
    expect(formatDuration(45 * MINUTE)).toBe('45 min');
    expect(formatDuration(5 * HOUR + 7 * MINUTE)).toBe('5 h 07 min');
    expect(formatDuration(-(2 * 24 * HOUR + 3 * HOUR + 5 * MINUTE))).toBe('2 j 3 h 05 min');
  });
});

describe('CNIL clock (GDPR Art. 33: 72 hours of real time)', () => {
  it('spring DST: awareness 28/03 10:00 (UTC+1) → deadline 31/03 11:00 (UTC+2), still exactly 72 h', () => {
    const aware = parisLocalToUtc('2026-03-28T10:00');
    const due = cnilDueAt(aware);
    expect(due - aware).toBe(72 * HOUR);
    expect(formatParisWithOffset(due)).toBe('31/03/2026 11:00 (UTC+2)');
    expect(new Date(due).toISOString()).toBe('2026-03-31T09:00:00.000Z');
  });

  it('autumn DST: awareness 24/10 10:00 (UTC+2) → deadline 27/10 09:00 (UTC+1)', () => {
    const aware = parisLocalToUtc('2026-10-24T10:00');
    const due = cnilDueAt(aware);
    expect(formatParisWithOffset(due)).toBe('27/10/2026 09:00 (UTC+1)');
    expect(new Date(due).toISOString()).toBe('2026-10-27T08:00:00.000Z');
  });

  it('awareness inside the repeated hour of October counts from its first occurrence', () => {
    const aware = parisLocalToUtc('2026-10-25T02:30');
    expect(formatParisWithOffset(cnilDueAt(aware))).toBe('28/10/2026 01:30 (UTC+1)');
  });

  it('day and year boundaries', () => {
    const aware = parisLocalToUtc('2026-12-31T23:30');
    expect(formatParisWithOffset(cnilDueAt(aware))).toBe('03/01/2027 23:30 (UTC+1)');
    // 23:30 in Paris is still the 31st even though it is 22:30 UTC.
    expect(new Date(aware).toISOString()).toBe('2026-12-31T22:30:00.000Z');
  });

  it('pending → due_soon (last 24 h) → overdue, with the remaining time', () => {
    const aware = parisLocalToUtc('2026-03-28T10:00');
    const b = { awareAt: aware, notifiedAt: null, risk: 'risk' as const };
    const early = cnilClock(b, aware + HOUR);
    expect(early).toMatchObject({ kind: 'cnil', status: 'pending', remainingMs: 71 * HOUR, elapsedMs: HOUR, doneAt: null });
    expect(early.dueAtParis).toBe('31/03/2026 11:00 (UTC+2)');
    expect(early.summary).toContain('reste 2 j 23 h 00 min');
    expect(cnilClock(b, aware + 48 * HOUR - 1).status).toBe('pending');
    expect(cnilClock(b, aware + 48 * HOUR).status).toBe('due_soon');
    expect(cnilClock(b, aware + 72 * HOUR - 1).status).toBe('due_soon');
    const late = cnilClock(b, aware + 72 * HOUR + 90 * MINUTE);
    expect(late.status).toBe('overdue');
    expect(late.remainingMs).toBe(-90 * MINUTE);
    expect(late.summary).toContain('dépassé de 1 h 30 min');
  });

  it('notified in time / late; not required when no risk', () => {
    const aware = Date.UTC(2026, 2, 28, 9, 0);
    expect(cnilClock({ awareAt: aware, notifiedAt: aware + 72 * HOUR, risk: 'high' }, aware + 100 * HOUR).status).toBe('done');
    expect(isLateNotification(aware, aware + 72 * HOUR)).toBe(false);
    expect(isLateNotification(aware, aware + 72 * HOUR + 1)).toBe(true);
    const late = cnilClock({ awareAt: aware, notifiedAt: aware + 80 * HOUR, risk: 'risk' }, aware + 100 * HOUR);
    expect(late).toMatchObject({ status: 'done_late', remainingMs: null, elapsedMs: 80 * HOUR });
    expect(cnilClock({ awareAt: aware, notifiedAt: null, risk: 'none' }, aware + 100 * HOUR)).toMatchObject({ status: 'not_required', remainingMs: null });
  });
});

describe('ARS clock ("sans délai": no numeric deadline)', () => {
  const found = Date.UTC(2026, 9, 24, 20, 0);
  it('tracks elapsed time, overdue after 24 h, across the October DST change', () => {
    const c = arsClock({ discoveredAt: found, declaredAt: null, notRequired: false }, found + 5 * HOUR);
    expect(c).toMatchObject({ kind: 'ars', status: 'pending', dueAt: null, remainingMs: null, elapsedMs: 5 * HOUR });
    expect(c.summary).toContain('5 h 00 min depuis la découverte');
    // 24 h of real time later, although the Paris wall clock shows only 23 h more (25 October has 25 hours).
    const after = arsClock({ discoveredAt: found, declaredAt: null, notRequired: false }, found + 24 * HOUR);
    expect(after.status).toBe('overdue');
    expect(formatParis(found)).toBe('24/10/2026 22:00');
    expect(formatParis(found + 24 * HOUR)).toBe('25/10/2026 21:00');
  });
  it('declared (on time or late) and not required', () => {
    expect(arsClock({ discoveredAt: found, declaredAt: found + 2 * HOUR, notRequired: false }, found + 30 * HOUR).status).toBe('done');
    expect(arsClock({ discoveredAt: found, declaredAt: found + 25 * HOUR, notRequired: false }, found + 30 * HOUR).status).toBe('done_late');
    expect(arsClock({ discoveredAt: found, declaredAt: null, notRequired: true }, found + 30 * HOUR).status).toBe('not_required');
  });
});
