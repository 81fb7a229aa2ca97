/** Desktop notification decisions for alerts: high and critical only, one notification per burst. */
import { describe, expect, it } from 'vitest';
import { AlertBurst, type BurstClock, type Shown, summarize } from '../../../electron/alert-burst';

/** A clock the test moves by hand: timers fire only when `advance` passes them. */
function manualClock(): BurstClock & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    set(fn, ms) {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clear(h) {
      timers = timers.filter((t) => t.id !== h);
    },
    advance(ms) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers = timers.filter((x) => x.id !== t.id);
        t.fn();
      }
    },
    pending: () => timers.length,
  };
}

function setup() {
  const clock = manualClock();
  const shown: Shown[] = [];
  const burst = new AlertBurst((n) => shown.push(n), { quietMs: 2000, maxWaitMs: 10_000 }, clock);
  return { clock, shown, burst };
}

describe('alert notifications', () => {
  it('low, medium and info alerts never notify', () => {
    const { clock, shown, burst } = setup();
    for (const severity of ['info', 'low', 'medium'] as const) burst.push({ title: `Règle ${severity}`, severity });
    expect(clock.pending()).toBe(0);
    clock.advance(60_000);
    expect(shown).toEqual([]);
  });

  it('one high alert gives one notification with its title, once the burst is quiet', () => {
    const { clock, shown, burst } = setup();
    burst.push({ title: 'Accès massif à des dossiers patients : ide.durand', severity: 'high' });
    clock.advance(1999);
    expect(shown).toEqual([]);
    clock.advance(1);
    expect(shown).toEqual([{ title: 'Vigie : alerte élevée', body: 'Accès massif à des dossiers patients : ide.durand', urgency: 'normal' }]);
  });

  it('a burst of alerts gives a single notification, critical first, counted by severity', () => {
    const { clock, shown, burst } = setup();
    burst.push({ title: 'A', severity: 'high' });
    burst.push({ title: 'bruit', severity: 'low' });
    clock.advance(1500);
    burst.push({ title: 'B', severity: 'critical' });
    clock.advance(1500);
    burst.push({ title: 'C', severity: 'high' });
    burst.push({ title: 'D', severity: 'high' });
    clock.advance(2000);
    expect(shown).toEqual([
      { title: 'Vigie : 4 nouvelles alertes (1 critique et 3 élevées)', body: '• B\n• A\n• C\n… et 1 autre', urgency: 'critical' },
    ]);
    // The next alert starts a new burst.
    burst.push({ title: 'E', severity: 'critical' });
    clock.advance(2000);
    expect(shown.map((s) => s.title)).toEqual(['Vigie : 4 nouvelles alertes (1 critique et 3 élevées)', 'Vigie : alerte critique']);
  });

  it('a never-ending stream still notifies at the latest maxWait after its first alert', () => {
    const { clock, shown, burst } = setup();
    for (let i = 0; i < 12; i++) {
      burst.push({ title: `Alerte ${i}`, severity: 'high' });
      clock.advance(1000);
    }
    // Pushed at 0 … 11 s, one per second, never 2 s apart: shown at 10 s with the 10 alerts pushed before.
    expect(shown).toHaveLength(1);
    expect(shown[0].title).toBe('Vigie : 10 nouvelles alertes (10 élevées)');
    // The two pushed at 10 s and 11 s make the next burst.
    clock.advance(2000);
    expect(shown.map((s) => s.title)).toEqual(['Vigie : 10 nouvelles alertes (10 élevées)', 'Vigie : 2 nouvelles alertes (2 élevées)']);
  });

  it('flush shows what is pending at once (app quitting), nothing when empty', () => {
    const { clock, shown, burst } = setup();
    burst.flush();
    burst.push({ title: 'A', severity: 'critical' });
    burst.flush();
    expect(shown).toEqual([{ title: 'Vigie : alerte critique', body: 'A', urgency: 'critical' }]);
    expect(clock.pending()).toBe(0);
    expect(summarize([{ title: 'X', severity: 'high' }, { title: 'Y', severity: 'high' }]).body).toBe('• X\n• Y');
  });
});
