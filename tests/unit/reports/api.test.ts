import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PatientAccessPdf, PatientAccessReport } from '../../../main/api/ops/dashboard';
import { logDirFor } from '../../../main/engine/paths';
import { writeEvents } from '../../../main/events/writer';
import { Pseudonymiser } from '../../../main/privacy/pseudonym';
import { openVault } from '../../../main/store/vault';
import { makeEvent } from '../events/factory';
import { STRONG_PASSPHRASE, tempEngine } from '../helpers';

const IDENTIFIER = '2 91 03 69 123 456 78';
const COMPACT = IDENTIFIER.replace(/\s/g, '');
let t: Awaited<ReturnType<typeof tempEngine>> | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

/** Writes `n` accesses to the patient through a second connection to the (open) vault; returns its pseudonym. */
async function seedPatient(dataDir: string, n: number): Promise<string> {
  const { db, key } = await openVault(dataDir, STRONG_PASSPHRASE);
  key.fill(0);
  try {
    const pseudonym = (await Pseudonymiser.fromDb(db)).pseudonymise(IDENTIFIER, 'INS-NIR');
    const now = Date.now();
    await writeEvents(db, Array.from({ length: n }, (_, i) =>
      makeEvent(i, { '@timestamp': new Date(now - (i + 1) * 86_400_000), 'health.patient.pseudonym': pseudonym, 'health.purpose_of_use': i === 0 ? 'ETREAT' : 'TREAT' })));
    return pseudonym;
  } finally {
    await db.close();
  }
}

describe('reports.* operations', () => {
  it('serve a DPO, record every generation in the audit log, never the identifier', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Camille Martin', role: 'dpo' } });
    const pseudonym = await seedPatient(t.dataDir, 4);

    const report = await t.ok<PatientAccessReport>('reports.patientAccess', { patient: { identifier: IDENTIFIER, system: 'INS-NIR' } });
    expect(report).toMatchObject({ pseudonym, months: 6, operator: 'Camille Martin' });
    expect(report.rows).toHaveLength(4);
    const pdf = await t.ok<PatientAccessPdf>('reports.patientAccessPdf', { patient: pseudonym.toLowerCase(), months: 3 });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rows).toBe(4);

    // Wrong input shapes are refused without echoing the identifier.
    const bad = await t.call('reports.patientAccess', { patient: { identifier: IDENTIFIER, nir: COMPACT } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(bad)).not.toContain(COMPACT.slice(0, 8));

    const { db, key } = await openVault(t.dataDir, STRONG_PASSPHRASE);
    key.fill(0);
    try {
      const audit = await db.all<{ actor: string; action: string; target: string; details: string; ts: number }>(
        "SELECT actor, action, target, details, ts FROM audit_log WHERE action LIKE 'reports.%' ORDER BY id",
      );
      expect(audit.map((a) => [a.actor, a.action, a.target])).toEqual([
        ['Camille Martin', 'reports.patientAccess', pseudonym],
        ['Camille Martin', 'reports.patientAccessPdf', pseudonym],
      ]);
      expect(JSON.parse(audit[0].details)).toMatchObject({ designation: 'identifier', rows: 4, format: 'json' });
      expect(JSON.parse(audit[1].details)).toMatchObject({ designation: 'pseudonym', rows: 4, format: 'pdf', sha256: pdf.sha256 });
      expect(audit.every((a) => Math.abs(a.ts - Date.now()) < 120_000)).toBe(true);
      const everything = JSON.stringify(await db.all('SELECT * FROM audit_log')) + JSON.stringify(await db.all('SELECT * FROM settings'));
      for (const needle of [IDENTIFIER, COMPACT, COMPACT.slice(0, 13)]) expect(everything).not.toContain(needle);
    } finally {
      await db.close();
    }
    // Stop the engine (logs flushed and closed), read every log file, then remove the folder.
    const dir = logDirFor(t.dataDir);
    await t.engine.stop();
    const files = await readdir(dir);
    const logs = (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
    await rm(t.dataDir, { recursive: true, force: true });
    t = undefined;
    expect(files.length).toBeGreaterThan(0);
    expect(logs).toContain('patient access report generated');
    for (const needle of [IDENTIFIER, COMPACT, COMPACT.slice(0, 13)]) expect(logs).not.toContain(needle);
  }, 60_000);

  it('is refused to the task force role', async () => {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Alex', role: 'taskforce' } });
    expect(await t.call('reports.patientAccess', { patient: 'P-AAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call('reports.patientAccessPdf', { patient: 'P-AAAAAAAAAAAAAAAA' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
