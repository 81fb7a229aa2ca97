import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLogger, configureLogger, createLogger, getLogger, logFromRenderer, setLogPseudonymiser } from '../../../main/logging/logger';

const HEX_KEY = 'c3'.repeat(32);
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'vigie-log-'));
  dirs.push(d);
  return d;
}

async function readLog(dir: string): Promise<{ file: string; text: string; lines: Record<string, unknown>[] }> {
  const files = (await readdir(dir)).filter((f) => /^vigie-\d{4}-\d{2}-\d{2}\.log$/.test(f));
  expect(files).toHaveLength(1);
  const text = await readFile(join(dir, files[0]), 'utf8');
  const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { file: join(dir, files[0]), text, lines };
}

afterEach(async () => {
  await closeLogger();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('createLogger', () => {
  it('writes redacted JSON lines to vigie-DATE.log', async () => {
    const dir = await tempDir();
    const log = createLogger({ logDir: dir, level: 'debug' });
    log.info('vault opened with passphrase=Cèdre-vigilant', { user: 'alice', token: 'tok-123', attempt: 2 });
    log.child('ingest').warn('event for patient 1 84 12 75 108 123 45', {
      event: { patientId: 'P-999', nir: '2840975108123', note: 'NIR 2840975108123 seen' },
      header: 'Authorization: Bearer abc.def.ghi',
    });
    log.error('open failed', new Error(`PRAGMA key = "x'${HEX_KEY}'" rejected`));
    log.debug('raw', { rawKey: Buffer.alloc(32, 7), pragma: `x'${HEX_KEY}'` });
    await log.close();

    const { file, text, lines } = await readLog(dir);
    expect(lines).toHaveLength(4);
    for (const secret of ['Cèdre-vigilant', 'tok-123', 'P-999', '2840975108123', '108 123 45', 'abc.def.ghi', HEX_KEY]) {
      expect(text).not.toContain(secret);
    }
    const [first, second, third, fourth] = lines;
    expect(Object.keys(first).slice(0, 4)).toEqual(['timestamp', 'level', 'message', 'component']);
    expect(new Date(String(first.timestamp)).toISOString()).toBe(first.timestamp);
    expect(first).toMatchObject({ level: 'info', component: 'engine', message: 'vault opened with passphrase=[REDACTED]', user: 'alice', token: '[REDACTED]', attempt: 2 });
    expect(second).toMatchObject({
      level: 'warn',
      component: 'ingest',
      message: 'event for patient [NIR]',
      event: { patientId: '[PATIENT]', nir: '[PATIENT]', note: 'NIR [NIR] seen' },
      header: 'Authorization: Bearer [REDACTED]',
    });
    expect(third.error).toMatchObject({ name: 'Error', message: 'PRAGMA key = "[REDACTED]" rejected' });
    expect(fourth).toMatchObject({ level: 'debug', rawKey: '[REDACTED]', pragma: '[REDACTED]' });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('honours the level', async () => {
    const dir = await tempDir();
    const log = createLogger({ logDir: dir, level: 'warn' });
    log.info('not written');
    log.debug('not written either');
    log.warn('written');
    await log.close();
    const { lines } = await readLog(dir);
    expect(lines.map((l) => l.message)).toEqual(['written']);
  });

  it('pseudonymises patient identifiers when given a pseudonymiser', async () => {
    const dir = await tempDir();
    const log = createLogger({ logDir: dir, pseudonymise: (id) => `pt_${id.length}` });
    log.info('access', { patientId: 'ABCDEF' });
    await log.close();
    const { lines } = await readLog(dir);
    expect(lines[0].patientId).toBe('pt_6');
  });
});

describe('process logger', () => {
  it('is silent until configured, then loggers obtained earlier write to the new files', async () => {
    const early = getLogger('early');
    early.info('before configuration');
    const dir = await tempDir();
    configureLogger({ logDir: dir });
    early.info('after configuration', { password: 'p4ss' });
    setLogPseudonymiser((id) => `h:${id}`);
    getLogger().info('patient access', { patientRef: 'R1' });
    setLogPseudonymiser(undefined);
    getLogger().info('patient access', { patientRef: 'R2' });
    logFromRenderer({ level: 'warn', message: 'ui failure token=abc', context: { cookie: 'sid=1', screen: 'alertes' } });
    await closeLogger();

    const { text, lines } = await readLog(dir);
    expect(text).not.toContain('before configuration');
    expect(text).not.toMatch(/p4ss|sid=1|token=abc/);
    expect(lines[0]).toMatchObject({ message: 'after configuration', component: 'early', password: '[REDACTED]' });
    expect(lines[1].patientRef).toBe('h:R1');
    expect(lines[2].patientRef).toBe('[PATIENT]');
    expect(lines[3]).toMatchObject({
      level: 'warn',
      component: 'renderer',
      origin: 'renderer',
      message: 'ui failure token=[REDACTED]',
      context: { cookie: '[REDACTED]', screen: 'alertes' },
    });
  });

  it('reconfiguring moves the output to the new folder', async () => {
    const a = await tempDir();
    const b = await tempDir();
    configureLogger({ logDir: a });
    getLogger('x').info('to a');
    configureLogger({ logDir: b });
    getLogger('x').info('to b');
    await closeLogger();
    expect((await readLog(a)).lines.map((l) => l.message)).toEqual(['to a']);
    expect((await readLog(b)).lines.map((l) => l.message)).toEqual(['to b']);
  });
});
