/** Working hours and off-hours periods, in Europe/Paris across the spring clock change. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS, loadWorkingHours, offHoursPeriod, saveWorkingHours } from '../../../../main/detect/service/working-hours';
import { openTempVault } from '../../events/vault-fixture';

const Z = 'Europe/Paris';
const at = (iso: string) => offHoursPeriod(Date.parse(iso), Z, DEFAULT_WORKING_HOURS);

describe('off-hours periods (default 7 h – 20 h, Monday to Friday)', () => {
  it('working hours give null; the evening and the next early morning are one period named by the evening', () => {
    expect(at('2026-03-27T18:59:00Z')).toBeNull(); // Friday 19:59 CET
    expect(at('2026-03-27T19:00:00Z')).toBe('2026-03-27'); // Friday 20:00 CET
    expect(at('2026-03-24T05:59:00Z')).toBe('2026-03-23'); // Tuesday 06:59 CET → Monday night
    expect(at('2026-03-24T06:00:00Z')).toBeNull(); // Tuesday 07:00 CET
  });

  it('a day off is its own period, with the early morning after it; the clock change does not move the boundaries', () => {
    expect(at('2026-03-28T10:00:00Z')).toBe('2026-03-28'); // Saturday 11:00 CET
    expect(at('2026-03-28T06:00:00Z')).toBe('2026-03-28'); // Saturday 07:00 CET
    expect(at('2026-03-28T05:59:00Z')).toBe('2026-03-27'); // Saturday 06:59 → Friday night
    expect(at('2026-03-29T00:30:00Z')).toBe('2026-03-28'); // Sunday 01:30 CET
    expect(at('2026-03-29T01:30:00Z')).toBe('2026-03-28'); // Sunday 03:30 CEST (02:00 → 03:00)
    expect(at('2026-03-30T04:59:00Z')).toBe('2026-03-29'); // Monday 06:59 CEST → Sunday
    expect(at('2026-03-30T05:00:00Z')).toBeNull(); // Monday 07:00 CEST
  });

  it('other settings: round the clock every day means never off hours', () => {
    const always = { start: 0, end: 24, days: [1, 2, 3, 4, 5, 6, 7] };
    expect(offHoursPeriod(Date.parse('2026-03-29T01:30:00Z'), Z, always)).toBeNull();
    expect(offHoursPeriod(Date.parse('2026-03-29T01:30:00Z'), Z, { ...always, days: [] })).toBe('2026-03-29');
  });
});

describe('stored in the vault', () => {
  it('defaults, saves normalised days, refuses start ≥ end', async () => {
    const v = await openTempVault();
    try {
      expect(await loadWorkingHours(v.db)).toEqual(DEFAULT_WORKING_HOURS);
      expect(await saveWorkingHours(v.db, { start: 8, end: 18, days: [6, 1, 2, 2, 3, 4, 5] })).toEqual({ start: 8, end: 18, days: [1, 2, 3, 4, 5, 6] });
      expect(await loadWorkingHours(v.db)).toEqual({ start: 8, end: 18, days: [1, 2, 3, 4, 5, 6] });
      await expect(saveWorkingHours(v.db, { start: 18, end: 8, days: [1] })).rejects.toThrow(/start must be before end/);
    } finally {
      await v.dispose();
    }
  });
});
