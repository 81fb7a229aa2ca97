import { describe, expect, it } from 'vitest';
import { VigieError } from '../../../main/api/errors';
import { isLoopbackAddress, secretRequired } from '../../../main/sources/config';
import { parseTlsBundle } from '../../../main/sources/secrets';
import { checkSecret, validateConfig } from '../../../main/sources/validate';
import { selfSignedBundle } from './helpers';

function fails(fn: () => unknown): VigieError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VigieError) return e;
    throw e;
  }
  throw new Error('expected a VigieError');
}

describe('source configuration', () => {
  it('binds listeners to 127.0.0.1 by default and fills defaults', () => {
    const c = validateConfig('syslog-tcp', { port: 5514 }) as Record<string, unknown>;
    expect(c).toMatchObject({ bindAddress: '127.0.0.1', allowExternal: false, format: 'auto', maxConnections: 64, timezone: 'Europe/Paris' });
    const u = validateConfig('syslog-udp', { port: 5514 }) as Record<string, unknown>;
    expect(u.bindAddress).toBe('127.0.0.1');
  });

  it('refuses a non-loopback bind address unless allowExternal is set', () => {
    const e = fails(() => validateConfig('syslog-udp', { port: 5514, bindAddress: '0.0.0.0' }));
    expect(e.code).toBe('VALIDATION');
    expect(JSON.stringify(e.details)).toContain('config.bindAddress');
    expect(validateConfig('syslog-udp', { port: 5514, bindAddress: '0.0.0.0', allowExternal: true })).toBeTruthy();
    expect(validateConfig('syslog-tcp', { port: 5514, bindAddress: '::1' })).toBeTruthy();
  });

  it('checks ports, formats, time zones and unknown keys', () => {
    for (const bad of [{ port: 0 }, { port: 65536 }, { port: 1.5 }, { port: 514, format: 'xml' }, { port: 514, timezone: 'Mars/Olympus' }, { port: 514, password: 'x' }]) {
      expect(() => validateConfig('syslog-tcp', bad)).toThrow(VigieError);
    }
    expect(validateConfig('syslog-tcp', { port: 65535, format: 'cef', timezone: 'America/Cayenne' })).toBeTruthy();
  });

  it('validates connector URLs, schedules and auth', () => {
    expect(() => validateConfig('fhir', { baseUrl: 'ftp://x/fhir' })).toThrow(VigieError);
    expect(() => validateConfig('fhir', { baseUrl: 'http://fhir.example.org/fhir' })).toThrow(/HTTP en clair|invalide/);
    expect(validateConfig('fhir', { baseUrl: 'http://127.0.0.1:8080/fhir' })).toBeTruthy();
    expect(validateConfig('fhir', { baseUrl: 'http://fhir.example.org/fhir', allowInsecureHttp: true })).toBeTruthy();
    expect(() => validateConfig('fhir', { baseUrl: 'https://user:pw@fhir.example.org/' })).toThrow(VigieError);
    expect(() => validateConfig('fhir', { baseUrl: 'https://fhir.example.org/', schedule: '61 * * * *' })).toThrow(/Planification/);
    expect(() => validateConfig('rest', { url: 'https://api.example.org/logs', auth: { type: 'basic' } })).toThrow(VigieError);
    const r = validateConfig('rest', { url: 'https://api.example.org/logs', auth: { type: 'basic', username: 'svc' } }) as Record<string, unknown>;
    expect(r).toMatchObject({ cursorParam: 'since', itemsPath: 'items', timestampField: '@timestamp', schedule: '*/5 * * * *' });
  });

  it('requires a secret where the kind needs one', () => {
    const fhir = validateConfig('fhir', { baseUrl: 'https://f.example/fhir', auth: { type: 'bearer' } });
    expect(secretRequired('fhir', fhir)).toBe(true);
    expect(fails(() => checkSecret('fhir', fhir, undefined, false)).details).toEqual([{ path: 'secret', message: 'requis' }]);
    expect(() => checkSecret('fhir', fhir, 'tok', false)).not.toThrow();
    expect(() => checkSecret('fhir', fhir, undefined, true)).not.toThrow();
    expect(() => checkSecret('fhir', fhir, null, true)).toThrow(VigieError);
    const tls = validateConfig('syslog-tls', { port: 6514 });
    expect(() => checkSecret('syslog-tls', tls, 'not a pem', false)).toThrow(/BEGIN CERTIFICATE/);
  });

  it('recognises loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.10']) expect(isLoopbackAddress(a)).toBe(false);
  });

  const bundle = selfSignedBundle();
  it.skipIf(bundle === null)('splits a TLS PEM bundle and rejects a key that does not match (openssl needed)', () => {
    const parsed = parseTlsBundle(bundle as string);
    expect(parsed.cert).toContain('BEGIN CERTIFICATE');
    expect(parsed.key).toContain('PRIVATE KEY');
    expect(Date.parse(parsed.notAfter)).toBeGreaterThan(Date.now());
    const other = selfSignedBundle('other') as string;
    const mismatched = parsed.cert + '\n' + /-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----/.exec(other)?.[0];
    expect(() => parseTlsBundle(mismatched)).toThrow(/ne correspond pas/);
  });
});
