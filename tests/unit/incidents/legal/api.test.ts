import { afterEach, describe, expect, it } from 'vitest';
import type { ArsDraft, ArsRecord, BreachRecord, BundleImportResult, Deadline, IncidentExport, RegisterEntry } from '../../../../main/api/ops/legal';
import type { Page } from '../../../../main/api/contract';
import { STRONG_PASSPHRASE, tempEngine } from '../../helpers';

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

async function engineAs(role: 'admin' | 'rssi' | 'taskforce' | 'dpo', name = 'Claire Dupont') {
  const t = await tempEngine();
  dispose = t.dispose;
  await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name, role } });
  return t;
}

describe('legal and export operations', () => {
  it('runs the legal workflow and exports through the contract', async () => {
    const t = await engineAs('rssi');
    const incident = await t.ok<{ id: number }>('incidents.create', {
      title: 'Fuite de comptes rendus', severity: 'high', category: 'patient-data-leak', structures: [{ name: 'CH de Vienne', finess: '260018734' }],
    });
    const q = await t.ok<ArsRecord>('legal.qualify', { incidentId: incident.id, answers: { healthData: true, otherStructures: false, healthSystem: false } });
    expect(q.qualification?.level).toBe('grave');
    expect((await t.ok<{ record: ArsRecord | null }>('legal.ars.get', { incidentId: incident.id })).record?.qualification?.level).toBe('grave');
    const breach = await t.ok<BreachRecord>('legal.gdpr.update', { incidentId: incident.id, awareAt: new Date(Date.now() - 3_600_000).toISOString(), risk: 'high' });
    expect(breach.clock.status).toBe('pending');
    const late = await t.call('legal.gdpr.update', { incidentId: incident.id, notifiedAt: new Date().toISOString(), awareAt: new Date(Date.now() - 80 * 3_600_000).toISOString() });
    expect(late).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.call('legal.gdpr.update', { incidentId: incident.id, unknownField: 1 })).ok).toBe(false);

    const deadlines = await t.ok<Deadline[]>('legal.deadlines', {});
    expect(deadlines.map((d) => d.kind).sort()).toEqual(['ars', 'cnil']);
    const register = await t.ok<Page<RegisterEntry>>('legal.register.list', {});
    expect(register.items.map((e) => e.ref)).toEqual([breach.ref]);

    const draft = await t.ok<ArsDraft>('legal.arsDraft', { incidentId: incident.id });
    expect(Buffer.from(draft.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await t.ok<IncidentExport>('incidents.export', { incidentId: incident.id, format: 'pdf', tlp: 'AMBER' });
    expect(pdf).toMatchObject({ mime: 'application/pdf', tlp: 'AMBER', redactions: [] });
    expect(Buffer.from(pdf.contentBase64 ?? '', 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const json = await t.ok<IncidentExport>('incidents.export', { incidentId: incident.id, format: 'json', tlp: 'AMBER' });
    const back = await t.ok<BundleImportResult>('incidents.importBundle', { content: json.content });
    expect(back).toMatchObject({ noop: true, incidentId: incident.id });
    expect((await t.call('incidents.export', { incidentId: incident.id, format: 'docx', tlp: 'AMBER' })).ok).toBe(false);
  });

  it('the DPO reads the register and the deadlines but changes nothing', async () => {
    const t = await engineAs('dpo', 'Camille Martin');
    expect(await t.ok<Page<RegisterEntry>>('legal.register.list', {})).toEqual({ total: 0, items: [] });
    expect(await t.ok<Deadline[]>('legal.deadlines', { includeClosed: true })).toEqual([]);
    expect((await t.ok<{ filename: string }>('legal.register.export', {})).filename).toMatch(/^registre-violations-/);
    for (const [op, input] of [
      ['legal.gdpr.update', { incidentId: 1, awareAt: new Date().toISOString() }],
      ['legal.qualify', { incidentId: 1, answers: {} }],
      ['legal.ars.update', { incidentId: 1, reference: 'x' }],
      ['incidents.importBundle', { content: '{}' }],
      ['incidents.items.setTlp', { kind: 'timeline', id: 1, tlp: 'RED' }],
    ] as const) {
      expect(await t.call(op, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
