import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAccessTraces } from '../../../main/events/traces';
import { writeEvents } from '../../../main/events/writer';
import { Pseudonymiser } from '../../../main/privacy/pseudonym';
import type { Db } from '../../../main/store/db';
import { makeEvent } from './factory';
import { openTempVault } from './vault-fixture';

describe('access-trace view', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ db, dispose } = await openTempVault()));
  afterEach(async () => dispose());

  it('lists only patient-record accesses, newest first, filtered by user, patient, service and break-glass', async () => {
    const p = await Pseudonymiser.fromDb(db);
    const dupont = p.pseudonymise('1840975108123', 'INS-NIR');
    const martin = p.pseudonymise('2910513055042', 'INS-NIR');
    await writeEvents(db, [
      makeEvent(1, { 'user.name': 'alice', 'health.patient.pseudonym': dupont, 'event.action': 'patient-record-read', 'service.name': 'Portail-Coordination' }),
      makeEvent(2, { 'user.name': 'bob', 'health.patient.pseudonym': dupont, 'event.action': 'study-retrieve', 'service.name': 'PACS' }),
      makeEvent(3, {
        'user.name': 'alice',
        'health.patient.pseudonym': martin,
        'health.purpose_of_use': 'ETREAT',
        'health.break_glass': true,
        'event.action': 'patient-record-read',
      }),
      makeEvent(4, { 'user.name': 'alice' }), // a login: no patient, not an access trace
    ]);
    const all = await listAccessTraces(db, { limit: 50, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((t) => t['health.patient.pseudonym'])).toEqual([martin, dupont, dupont]);
    expect(all.items[0]).toMatchObject({ 'user.name': 'alice', 'health.break_glass': true, 'health.purpose_of_use': 'ETREAT' });

    expect((await listAccessTraces(db, { patient: dupont, limit: 50, offset: 0 })).items.map((t) => t['user.name'])).toEqual(['bob', 'alice']);
    expect((await listAccessTraces(db, { user: 'alice', limit: 50, offset: 0 })).total).toBe(2);
    expect((await listAccessTraces(db, { service: 'PACS', limit: 50, offset: 0 })).items[0]['event.action']).toBe('study-retrieve');
    const bg = await listAccessTraces(db, { breakGlassOnly: true, limit: 50, offset: 0 });
    expect(bg.items.map((t) => t['health.patient.pseudonym'])).toEqual([martin]);
    const page2 = await listAccessTraces(db, { limit: 1, offset: 1 });
    expect(page2).toMatchObject({ total: 3, items: [{ 'health.patient.pseudonym': dupont, 'user.name': 'bob' }] });
  });
});
