import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runParse, type ParseOptions } from '../../../../main/cli/parse';
import { saveCsvMapping } from '../../../../main/ingest/pipeline/csv-mappings';
import type { CsvMapping } from '../../../../main/ingest/types';
import { sharedFixtures } from '../../../support/shared-fixtures';
import { expectBalanced, importFile, runtime, tempDir, tempVault, write } from './helpers';

/** `vigie parse` on a file: its summary and the positions it quarantined. */
async function parse(file: string, options: Partial<ParseOptions> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stdout.resume();
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  await runParse(file, { format: 'auto', timezone: 'Europe/Paris', ...options }, { stdout, stderr });
  const lines = err.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = lines.find((l) => 'summary' in l)?.summary as Record<string, number>;
  const quarantined = lines.filter((l) => 'quarantine' in l).map((l) => (l.quarantine as { position: string }).position);
  return { summary, quarantined };
}

const MAPPING: CsvMapping = {
  name: 'Export DPI',
  delimiter: ';',
  header: true,
  columns: { '@timestamp': 'Date', 'user.name': 'Utilisateur', 'event.action': 'Action' },
  timestampFormat: 'dd/MM/yyyy HH:mm:ss',
};

describe('blank lines: skipped and counted the same way by `vigie parse` and the vault import', () => {
  it('the jc access log (two empty lines): same records in, stored, quarantined and blank lines', async () => {
    const file = resolve(sharedFixtures(), 'jc-parsers/common-log-format.log');
    const cli = await parse(file);
    const { db } = await tempVault();
    const { row } = await importFile(runtime(db), file);
    expect(cli.summary).toMatchObject({ in: 19, stored: 17, quarantined: 2, blank: 2 });
    expect(row).toMatchObject({ recordsIn: 19, stored: 17, quarantined: 2, duplicates: 0, blankLines: 2 });
    expectBalanced(row);
    const q = await db.all<{ position: string }>('SELECT position FROM quarantine ORDER BY id');
    expect(q.map((r) => r.position)).toEqual(cli.quarantined);
    // Re-import: nothing added, the blank lines still counted apart.
    const again = await importFile(runtime(db), file);
    expect(again.row).toMatchObject({ recordsIn: 19, stored: 0, duplicates: 19, blankLines: 2 });
  });

  it('CRLF blank lines, a whitespace-only line (quarantined as empty) and a blank last line', async () => {
    const line = (i: number) => `10.0.0.${i} - - [01/Jan/2024:10:00:0${i} +0100] "GET / HTTP/1.1" 200 1`;
    const text = `${line(1)}\r\n\r\n${line(2)}\n   \n\n${line(3)}\n\n`;
    const file = await write(await tempDir(), 'crlf.log', text);
    const cli = await parse(file);
    const { db } = await tempVault();
    const { row, progress } = await importFile(runtime(db), file);
    expect(cli.summary).toMatchObject({ in: 4, stored: 3, quarantined: 1, blank: 3 });
    expect(row).toMatchObject({ recordsIn: 4, stored: 3, quarantined: 1, blankLines: 3 });
    expect(progress.at(-1)).toMatchObject({ status: 'done', recordsIn: 4, blankLines: 3 });
  });

  it('CSV: a blank line between records is counted, one inside a quoted field stays in the value', async () => {
    const csv = 'Date;Utilisateur;Action;Commentaire\n\n05/01/2026 10:00:00;dr.martin;lecture;"note\n\nsur trois lignes"\n\n06/01/2026 11:30:00;ide.durand;ecriture;ok\n';
    const dir = await tempDir();
    const file = await write(dir, 'export.csv', csv);
    const mappingFile = await write(dir, 'mapping.json', JSON.stringify(MAPPING));
    const cli = await parse(file, { format: 'csv', csvMapping: mappingFile });
    const { db } = await tempVault();
    await saveCsvMapping(db, MAPPING);
    const { row } = await importFile(runtime(db), file, { csvMapping: MAPPING.name });
    expect(cli.summary).toMatchObject({ in: 2, stored: 2, quarantined: 0, blank: 2 });
    expect(row).toMatchObject({ recordsIn: 2, stored: 2, quarantined: 0, blankLines: 2 });
    const originals = await db.all<{ original: string }>('SELECT original FROM events ORDER BY ts');
    expect(originals[0].original).toContain('"note\n\nsur trois lignes"');
  });
});
