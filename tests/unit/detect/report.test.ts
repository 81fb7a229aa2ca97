/** The SigmaHQ load report over the whole fixture set. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadReport, formatReport, loadReport } from '../../../main/detect/sigma/report';
import { REJECTION_CODES } from '../../../main/detect/sigma/types';
import { sharedFixtures } from '../../support/shared-fixtures';

const SIGMA = sharedFixtures('sigma');
let report: LoadReport;
const files: string[] = [];

function walk(d: string): void {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) walk(join(d, e.name));
    else if (/\.ya?ml$/i.test(e.name)) files.push(join(d, e.name));
  }
}

beforeAll(() => {
  walk(SIGMA);
  report = loadReport([SIGMA]);
});

describe('SigmaHQ load report', () => {
  it('accounts for every YAML document found (loaded + rejected = documents)', () => {
    const docs = files.reduce((n, f) => n + parseAllDocuments(readFileSync(f, 'utf8')).filter((d) => d.contents !== null).length, 0);
    expect(report.files).toBe(files.length);
    expect(report.documents).toBe(docs);
    expect(report.loaded.total + report.rejected).toBe(report.documents);
    expect(report.loaded.rules + report.loaded.correlations + report.loaded.filters).toBe(report.loaded.total);
  });

  it('loads the vast majority (≥ 95%)', () => {
    expect(report.loaded.total / report.documents).toBeGreaterThanOrEqual(0.95);
    console.log(formatReport({ ...report, rejections: report.rejections.slice(0, 40) }));
  });

  it('gives every rejection a documented code and a reason that is true for that file', () => {
    const known = Object.keys(REJECTION_CODES);
    for (const r of report.rejections) {
      expect(known).toContain(r.code);
      expect(r.reason.length).toBeGreaterThan(10);
      const text = readFileSync(r.file, 'utf8');
      if (r.code === 'placeholder-unknown') {
        const name = /placeholder (%[^%]+%)/.exec(r.reason)?.[1] as string;
        expect(text).toContain(name);
        expect(text).toContain('|expand');
      }
      if (r.code === 'not-sigma') expect(text).not.toMatch(/^(detection|correlation|filter):/m);
      if (r.id) expect(text).toContain(r.id);
    }
    expect(report.byCode['not-sigma']).toBe(1); // tests/thor.yml, a logsource configuration
    expect(report.rejections.find((r) => r.code === 'not-sigma')?.file).toMatch(/thor\.yml$/);
  });

  it('loads the placeholder rules once their placeholders are configured', () => {
    // A rule may use several placeholders; the reason names the first one missing: configure until none is.
    const values: Record<string, string[]> = {};
    let r = loadReport([join(SIGMA, 'rules-placeholder'), join(SIGMA, 'rules-emerging-threats')]);
    for (let round = 0; round < 5 && r.byCode['placeholder-unknown']; round++) {
      for (const x of r.rejections) if (x.code === 'placeholder-unknown') values[/%([^%]+)%/.exec(x.reason)?.[1] as string] = ['value-*'];
      r = loadReport([join(SIGMA, 'rules-placeholder'), join(SIGMA, 'rules-emerging-threats')], { placeholders: values });
    }
    expect(Object.keys(values).length).toBeGreaterThan(10);
    expect(r.rejected).toBe(0);
  });
});
