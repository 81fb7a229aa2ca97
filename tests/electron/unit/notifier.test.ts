import { afterEach, describe, expect, it } from 'vitest';
import type { DeadlineNotification } from '../../../main/api/ops/legal';
import { createNotifier, type NotificationApi, type NotificationOptions } from '../../../electron/notifier';
import { isAppRoute } from '../../../electron/url-policy';
import { STRONG_PASSPHRASE, tempEngine } from '../../unit/helpers';

/** Stand-in for Electron's Notification class (not loadable under Node): records what would be shown. */
function recordingApi(supported = true): NotificationApi & { shown: NotificationOptions[]; click: () => void } {
  const listeners: (() => void)[] = [];
  const api = {
    shown: [] as NotificationOptions[],
    click: () => listeners.forEach((l) => l()),
    isSupported: () => supported,
    create: (options: NotificationOptions) => ({
      on: (event: 'click' | 'close', listener: () => void) => void (event === 'click' && listeners.push(listener)),
      show: () => void api.shown.push(options),
    }),
  };
  return api;
}

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

describe('desktop notifications of legal deadlines (Electron shell)', () => {
  it('the deadline job raises a desktop notification for every threshold, medium severity included', async () => {
    const api = recordingApi();
    const opened: (string | undefined)[] = [];
    const t = await tempEngine({ notifier: createNotifier((link) => opened.push(link), api) });
    dispose = t.dispose;
    const events: DeadlineNotification[] = [];
    t.engine.subscribe('legal.deadline', (n) => events.push(n));
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Claire Dupont', role: 'admin' } });
    const incident = await t.ok<{ id: number }>('incidents.create', { title: 'Fuite de comptes rendus', severity: 'high', category: 'patient-data-leak' });
    // Aware 50 h ago: 22 h left before the 72 h → the 24 h threshold (severity medium).
    await t.ok('legal.gdpr.update', { incidentId: incident.id, awareAt: new Date(Date.now() - 50 * 3_600_000).toISOString(), risk: 'high' });

    await t.ok('jobs.runNow', { name: 'legal-deadlines' });
    expect(events.map((e) => [e.kind, e.threshold, e.severity])).toEqual([['cnil', '24h', 'medium']]);
    expect(api.shown).toEqual([
      { title: 'Vigie : notification CNIL dans moins de 24 h', body: expect.stringContaining(`Incident n°${incident.id} — Fuite de comptes rendus`), urgency: 'normal', silent: false },
    ]);
    api.click();
    // A click opens the incident's legal tab (a route the shell accepts).
    expect(opened).toEqual([`#/incidents/${incident.id}/legal`]);
    expect(isAppRoute(opened[0]!)).toBe(true);

    // Each threshold once: running the job again shows nothing new.
    await t.ok('jobs.runNow', { name: 'legal-deadlines' });
    expect(api.shown).toHaveLength(1);

    // Moved earlier (aware 73 h ago): overdue, critical.
    await t.ok('legal.gdpr.update', { incidentId: incident.id, awareAt: new Date(Date.now() - 73 * 3_600_000).toISOString() });
    await t.ok('jobs.runNow', { name: 'legal-deadlines' });
    expect(api.shown.map((s) => [s.title, s.urgency])).toEqual([
      ['Vigie : notification CNIL dans moins de 24 h', 'normal'],
      ['Vigie : délai de notification CNIL dépassé', 'critical'],
    ]);
  });

  it('the shell opens in-app routes only: plain hash segments, nothing that could be script or another page', () => {
    for (const ok of ['#/incidents/12/legal', '#/alerts', '#/traces/patient-report']) expect(isAppRoute(ok), ok).toBe(true);
    for (const bad of ['', '#', '#/', 'javascript:alert(1)', '#/a";alert(1);"', 'https://example.org/#/x', '#/a/../b', '#/a?b=1', '#/a/b/c/d/e']) {
      expect(isAppRoute(bad), bad).toBe(false);
    }
  });

  it('shows nothing where the system has no notifications', () => {
    const api = recordingApi(false);
    createNotifier(() => undefined, api).notify({ title: 't', body: 'b', severity: 'critical' });
    expect(api.shown).toEqual([]);
  });
});
