import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsvPreview } from '../../../../main/api/ops/ingest';
import { PSEUDONYM_PATTERN } from '../../../../main/privacy/pseudonym';
import { STRONG_PASSPHRASE, tempEngine } from '../../helpers';
import { sharedFixtures } from '../../../support/shared-fixtures';
import { tempDir, write } from './helpers';

const AWS_CSV = sharedFixtures('otrf-security-datasets', 'data', 'aws', 'discovery', 'AWS_S3_HoneyBucketLogs.csv');

const AWS_MAPPING = {
  name: 'S3 honey bucket',
  delimiter: ',',
  header: true,
  columns: { '@timestamp': 'Event DateTime', 'source.ip': 'Source IP', 'event.action': 'Event Name', 'user_agent.original': 'Request User Agent' },
};

describe('csvMappings.preview: a draft mapping on the first records, nothing stored', () => {
  let t: Awaited<ReturnType<typeof tempEngine>>;
  afterEach(async () => t?.dispose());

  async function unlocked() {
    t = await tempEngine();
    await t.ok('vault.create', { passphrase: STRONG_PASSPHRASE, operator: { name: 'Camille Martin', role: 'rssi' } });
  }

  it('reads the first records of a real CSV file by path (and gzipped) and shows the fields', async () => {
    await unlocked();
    const p = await t.ok<CsvPreview>('csvMappings.preview', { mapping: AWS_MAPPING, path: AWS_CSV });
    expect(p.problem).toBeNull();
    expect(p.header).toContain('Event DateTime');
    expect(p.lines[0]).toMatch(/^Event Type,Event Name,/);
    expect(p.rows).toHaveLength(10);
    expect(p.rows[0]).toMatchObject({
      position: 'line 2',
      ok: true,
      fields: { '@timestamp': '2022-02-18T17:34:57.000Z', 'source.ip': '177.131.167.145', 'event.action': 'ListObjects' },
    });
    const gz = await write(await tempDir(), 'honey.csv.gz', gzipSync(readFileSync(AWS_CSV)));
    expect(await t.ok<CsvPreview>('csvMappings.preview', { mapping: AWS_MAPPING, path: gz })).toEqual(p);
    expect(await t.ok('events.list', { limit: 1 })).toMatchObject({ total: 0 });
  });

  it('says why a record or the mapping is wrong; pseudonymises patient identifiers', async () => {
    await unlocked();
    const sample = 'Date;Patient;Agent\n05/01/2026 10:00:00;IPP123456;dr.martin\npas une date;IPP9;x\n';
    const mapping = {
      name: 'DPI',
      delimiter: ';',
      header: true,
      columns: { '@timestamp': 'Date', 'health.patient.id': 'Patient', 'user.name': 'Agent' },
      timestampFormat: 'dd/MM/yyyy HH:mm:ss',
    };
    const p = await t.ok<CsvPreview>('csvMappings.preview', { mapping, sample });
    expect(p.rows[0]).toMatchObject({ ok: true, fields: { 'user.name': 'dr.martin' } });
    const fields = (p.rows[0] as { fields: Record<string, string> }).fields;
    expect(fields['health.patient.pseudonym']).toMatch(PSEUDONYM_PATTERN);
    expect(JSON.stringify(p.rows)).not.toContain('IPP123456');
    expect(p.rows[1]).toMatchObject({ position: 'line 3', ok: false, code: 'invalid-timestamp' });

    const missing = await t.ok<CsvPreview>('csvMappings.preview', { mapping: { ...mapping, columns: { '@timestamp': 'Horodatage' } }, sample });
    expect(missing.rows[0]).toMatchObject({ ok: false, code: 'missing-field' });
    expect((missing.rows[0] as { reason: string }).reason).toMatch(/Horodatage/);

    const noTs = await t.ok<CsvPreview>('csvMappings.preview', { mapping: { ...mapping, columns: { 'user.name': 'Agent' } }, sample });
    expect(noTs).toMatchObject({ problem: expect.stringMatching(/@timestamp/), rows: [] });
    expect(noTs.lines[1]).toBe('05/01/2026 10:00:00;IPP123456;dr.martin');

    expect(await t.call('csvMappings.preview', { mapping, sample, path: '/tmp/x.csv' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call('csvMappings.preview', { mapping, path: '/nonexistent/x.csv' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/Lecture de \/nonexistent\/x.csv impossible/) },
    });
  });
});
