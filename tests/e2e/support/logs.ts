import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedFixtures } from '../../support/shared-fixtures';

/** The shared fixtures (read in place, never copied into the repository). */
export const FIXTURES = sharedFixtures();
export const SYSLOG_5424_FIXTURE = resolve(FIXTURES, 'jc-parsers/syslog-5424.out');

/** RFC 5424 lines of a hub service, distinct from one another. */
export function syslogLines(n: number, tag = 'sri'): string[] {
  return Array.from({ length: n }, (_, i) => {
    const ts = new Date(Date.UTC(2026, 2, 2, 8, 15, i)).toISOString();
    return `<134>1 ${ts} ${tag}-01.grades-ara.local ${tag} ${4000 + i} AUTH - connexion reussie user=agent${i}`;
  });
}

export const CEF_LINE =
  'CEF:0|GRADeS|SRI|2.1|100|Authentification|3|rt=Mar 02 2026 08:16:00 UTC src=10.0.0.1 suser=bob outcome=success';

/** Lines no parser can read, each for a different reason. */
export const GARBAGE = {
  unknown: '%%% ceci nest pas un journal %%%',
  json: '{not json at all',
  binary: 'bin\u0000\u0001\u0002ary',
};

/**
 * 5 syslog lines, 1 CEF line, then 3 garbage lines: 9 records, 6 stored and 3
 * quarantined under automatic detection. Lines 1-5 syslog, 6 CEF, 7-9 garbage.
 */
export const MIXED_LINES = [...syslogLines(5), CEF_LINE, GARBAGE.unknown, GARBAGE.json, GARBAGE.binary];

export async function writeLog(path: string, lines: string[]): Promise<string> {
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

/** Big generated logs go to a temporary folder (not kept as test artifacts); `remove` deletes it. */
export async function scratchDir(): Promise<{ path: (name: string) => string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-e2e-logs-'));
  return { path: (name) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}
