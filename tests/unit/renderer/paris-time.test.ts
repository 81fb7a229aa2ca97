import { describe, expect, it } from 'vitest';
import { fromParisInput, toParisInput, toParisMinuteInput } from '../../../renderer/src/parisTime';
import { rangeBounds } from '../../../renderer/src/pages/traces/range';

describe('Paris wall-clock inputs (one module for search, traces, dashboard and incidents)', () => {
  it('reads winter and summer times with their own offset', () => {
    expect(fromParisInput('2026-01-15T10:00')).toBe('2026-01-15T09:00:00.000Z');
    expect(fromParisInput('2026-07-15T10:00:30')).toBe('2026-07-15T08:00:30.000Z');
  });

  it('reads the repeated autumn hour as its first occurrence and moves the skipped spring hour forward', () => {
    expect(fromParisInput('2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(fromParisInput('2026-03-29T02:30')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses what is not a datetime-local value', () => {
    expect(fromParisInput('')).toBeNull();
    expect(fromParisInput('15/01/2026 10:00')).toBeNull();
  });

  it('writes instants back in Paris time, to the second or to the minute', () => {
    expect(toParisInput('2026-07-15T08:00:30Z')).toBe('2026-07-15T10:00:30');
    expect(toParisMinuteInput('2026-01-15T09:00:30Z')).toBe('2026-01-15T10:00');
    expect(toParisMinuteInput('not a date')).toBe('');
    expect(fromParisInput(toParisInput('2026-10-25T01:30:00.000Z'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('a custom trace range sends the typed Paris times as instants', () => {
    expect(rangeBounds('custom', 0, '2026-01-15T10:00', '')).toEqual({ from: '2026-01-15T09:00:00.000Z' });
    expect(rangeBounds('all', 0, '2026-01-15T10:00', '')).toEqual({});
  });
});
