import { describe, expect, it } from 'vitest';
import { slices } from '../../../main/search/plan';
import { planRollup } from '../../../main/search/rollup';

const H = 3_600_000;

describe('time slices', () => {
  it('cover [from, to) exactly, without overlap, growing ×4 from the end the sort starts at', () => {
    const from = 1_000;
    const to = from + 100 * H + 123;
    const desc = [...slices(from, to, 'desc')];
    expect(desc[0]).toEqual([to - H, to]);
    expect(desc[1]).toEqual([to - 5 * H, to - H]);
    expect(desc.at(-1)![0]).toBe(from);
    desc.forEach(([lo, hi], i) => {
      expect(lo).toBeLessThan(hi);
      if (i > 0) expect(hi).toBe(desc[i - 1][0]);
    });
    const asc = [...slices(from, to, 'asc')];
    expect(asc[0]).toEqual([from, from + H]);
    expect(asc.at(-1)![1]).toBe(to);
    expect([...slices(5, 5, 'desc')]).toEqual([]);
  });
});

describe('rollup hours and edges', () => {
  // Rows of the pieces around `from`/`to` with one event per minute.
  const M = 60_000;
  const perMinute = (from: number, to: number) => ({
    beforeFrom: (from % H) / M,
    afterFrom: (H - (from % H)) % H / M,
    beforeTo: (to % H) / M,
    afterTo: (H - (to % H)) % H / M,
  });

  it('whole hours from the rollup; each partial hour counted inside, or whole minus outside when that is smaller', () => {
    // 10:05 → 19:50: 5 minutes outside each edge is less than 55 inside: whole hours minus the outside.
    const a = [10 * H + 5 * M, 19 * H + 50 * M] as const;
    expect(planRollup(...a, perMinute(...a))).toEqual({
      hours: [10 * H, 20 * H],
      add: [],
      subtract: [[10 * H, 10 * H + 5 * M], [19 * H + 50 * M, 20 * H]],
    });
    // 10:50 → 19:10: short inside parts are counted directly.
    const b = [10 * H + 50 * M, 19 * H + 10 * M] as const;
    expect(planRollup(...b, perMinute(...b))).toEqual({
      hours: [11 * H, 19 * H],
      add: [[10 * H + 50 * M, 11 * H], [19 * H, 19 * H + 10 * M]],
      subtract: [],
    });
    expect(planRollup(10 * H, 20 * H, perMinute(10 * H, 20 * H))).toEqual({ hours: [10 * H, 20 * H], add: [], subtract: [] });
    expect(planRollup(10 * H + 5, 10 * H + 50, perMinute(0, 0))).toEqual({ hours: [10 * H, 10 * H], add: [[10 * H + 5, 10 * H + 50]], subtract: [] });
  });

  it('a range ending now: nothing after it, the current hour comes whole from the rollup', () => {
    const now = 15 * H + 50 * M;
    const rows = { ...perMinute(now - 24 * H, now), afterTo: 0 };
    expect(planRollup(now - 24 * H, now, rows).subtract).toContainEqual([now, 16 * H]);
  });
});
