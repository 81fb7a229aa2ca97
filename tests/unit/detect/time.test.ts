import { describe, expect, it } from 'vitest';
import { compileOne, ev } from './helpers';

const at = (iso: string) => ev({}, { '@timestamp': iso });

describe('time modifiers (Europe/Paris by default)', () => {
  it('hour across the spring DST change (UTC+1 → UTC+2 on 2026-03-29)', () => {
    const hour = (h: number) => compileOne({ sel: { '@timestamp|hour': h }, condition: 'sel' });
    expect(hour(1)(at('2026-03-29T00:30:00Z'))).toBe(true); // 01:30 CET
    expect(hour(3)(at('2026-03-29T01:30:00Z'))).toBe(true); // 03:30 CEST (02:xx does not exist)
    expect(hour(2)(at('2026-03-29T01:30:00Z'))).toBe(false);
    expect(hour(9)(at('2026-07-01T07:15:00Z'))).toBe(true); // summer: UTC+2
  });

  it('hour across the autumn DST change (02:xx happens twice on 2026-10-25)', () => {
    const m = compileOne({ sel: { '@timestamp|hour': 2 }, condition: 'sel' });
    expect(m(at('2026-10-25T00:30:00Z'))).toBe(true); // 02:30 CEST
    expect(m(at('2026-10-25T01:30:00Z'))).toBe(true); // 02:30 CET
    expect(m(at('2026-10-25T02:30:00Z'))).toBe(false); // 03:30 CET
  });

  it('night hours with lt / gte (outside working hours)', () => {
    const night = compileOne({ early: { '@timestamp|hour|lt': 7 }, late: { '@timestamp|hour|gte': 20 }, condition: 'early or late' });
    expect(night(at('2026-01-15T05:59:00Z'))).toBe(true); // 06:59 Paris
    expect(night(at('2026-01-15T06:00:00Z'))).toBe(false); // 07:00
    expect(night(at('2026-06-15T18:00:00Z'))).toBe(true); // 20:00 CEST
    expect(night(at('2026-06-15T17:59:00Z'))).toBe(false);
  });

  it('minute, day, week, month, year', () => {
    const ts = at('2026-12-31T23:30:00Z'); // 2027-01-01 00:30 in Paris
    expect(compileOne({ s: { '@timestamp|minute': 30 }, condition: 's' })(ts)).toBe(true);
    expect(compileOne({ s: { '@timestamp|day': 1 }, condition: 's' })(ts)).toBe(true);
    expect(compileOne({ s: { '@timestamp|month': 1 }, condition: 's' })(ts)).toBe(true);
    expect(compileOne({ s: { '@timestamp|year': 2027 }, condition: 's' })(ts)).toBe(true);
    expect(compileOne({ s: { '@timestamp|week': 53 }, condition: 's' })(ts)).toBe(true); // ISO week 53 of 2026
    expect(compileOne({ s: { '@timestamp|year': 2026 }, condition: 's' })(ts)).toBe(false);
  });

  it('uses the configured time zone', () => {
    const ts = at('2026-01-15T23:30:00Z');
    expect(compileOne({ s: { '@timestamp|hour': 0 }, condition: 's' })(ts)).toBe(true);
    expect(compileOne({ s: { '@timestamp|hour': 23 }, condition: 's' }, { timezone: 'UTC' })(ts)).toBe(true);
    expect(compileOne({ s: { '@timestamp|hour': 18 }, condition: 's' }, { timezone: 'America/New_York' })(ts)).toBe(true);
  });

  it('reads other date fields (ISO text, epoch ms) and rejects an unknown zone', () => {
    const m = compileOne({ s: { 'LogonTime|hour': 12 }, condition: 's' });
    expect(m(ev({ LogonTime: '2026-05-05T10:00:00Z' }))).toBe(true);
    expect(m(ev({ LogonTime: Date.parse('2026-05-05T10:00:00Z') }))).toBe(true);
    expect(m(ev({ LogonTime: 'yesterday' }))).toBe(false);
    expect(() => compileOne({ s: { 'A|hour': 1 }, condition: 's' }, { timezone: 'Mars/Olympus' })).toThrow(/time zone/);
  });
});
