import { describe, expect, it } from 'vitest';
import { redact, redactString } from '../../../main/logging/redact';

const HEX_KEY = 'a1'.repeat(32);

describe('redact: keys', () => {
  it('replaces secret-named keys at any depth, in arrays too', () => {
    const input = {
      user: 'alice',
      password: 'hunter2',
      passphrase: 'Cèdre vigilant',
      nested: { apiKey: 'k-1', api_key: 'k-2', 'API-KEY': 'k-3', deeper: { clientSecret: 's', accessToken: 't' } },
      headers: [{ Authorization: 'Basic abc' }, { cookie: 'sid=1' }, { 'Set-Cookie': 'sid=2' }],
      credentials: { user: 'x' },
      privateKey: '-----BEGIN',
      private_key: 'pk',
      key: 'raw',
      rawKey: Buffer.alloc(32),
      keyId: 'kept',
    };
    const out = redact(input);
    expect(out).toEqual({
      user: 'alice',
      password: '[REDACTED]',
      passphrase: '[REDACTED]',
      nested: {
        apiKey: '[REDACTED]',
        api_key: '[REDACTED]',
        'API-KEY': '[REDACTED]',
        deeper: { clientSecret: '[REDACTED]', accessToken: '[REDACTED]' },
      },
      headers: [{ Authorization: '[REDACTED]' }, { cookie: '[REDACTED]' }, { 'Set-Cookie': '[REDACTED]' }],
      credentials: '[REDACTED]',
      privateKey: '[REDACTED]',
      private_key: '[REDACTED]',
      key: '[REDACTED]',
      rawKey: '[REDACTED]',
      keyId: 'kept',
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|Cèdre|k-1|Basic abc|sid=/);
  });

  it('does not mutate its input', () => {
    const input = { password: 'x', list: ['Bearer abc'] };
    redact(input);
    expect(input).toEqual({ password: 'x', list: ['Bearer abc'] });
  });

  it('pseudonymises patient identifiers, or masks them without a pseudonymiser', () => {
    const input = { patientId: 'P-123', nir: '184127510812345', IPP: 42, 'health.patient.id': 'H1', ins: 'x', patient: { name: 'Dupont' }, 'health.patient.pseudonym': 'ps-1' };
    const masked = redact(input) as Record<string, unknown>;
    expect(masked).toEqual({ patientId: '[PATIENT]', nir: '[PATIENT]', IPP: '[PATIENT]', 'health.patient.id': '[PATIENT]', ins: '[PATIENT]', patient: '[PATIENT]', 'health.patient.pseudonym': 'ps-1' });
    const pseudo = redact(input, { pseudonymise: (id) => `ps(${id})` }) as Record<string, unknown>;
    expect(pseudo.patientId).toBe('ps(P-123)');
    expect(pseudo.nir).toBe('ps(184127510812345)');
    expect(pseudo.IPP).toBe('ps(42)');
    expect(pseudo['health.patient.id']).toBe('ps(H1)');
    expect(pseudo.patient).toBe('[PATIENT]');
  });

  it('survives cycles, keeps shared (non-cyclic) references and limits depth', () => {
    const shared = { v: 1 };
    const a: Record<string, unknown> = { name: 'a', shared, again: shared };
    a.self = a;
    a.list = [a, { back: a }];
    expect(redact(a)).toEqual({
      name: 'a',
      shared: { v: 1 },
      again: { v: 1 },
      self: '[Circular]',
      list: ['[Circular]', { back: '[Circular]' }],
    });
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(redact(deep, { maxDepth: 3 }))).toBe('{"d":{"d":{"d":"[Truncated]"}}}');
  });

  it('describes binary data instead of dumping it', () => {
    expect(redact(Buffer.from('secret bytes'))).toBe('[binary 12 bytes]');
    expect(redact({ blob: new Uint8Array(5) })).toEqual({ blob: '[binary 5 bytes]' });
    expect(redact(new ArrayBuffer(3))).toBe('[binary 3 bytes]');
  });

  it('turns Errors into {name, message, stack} with redacted text and extra fields', () => {
    const err = Object.assign(new TypeError(`open failed with PRAGMA key = "x'${HEX_KEY}'" for 2840975108123`), {
      code: 'SQLITE_NOTADB',
      token: 'abc',
    });
    const out = redact({ error: err }) as { error: Record<string, unknown> };
    expect(out.error.name).toBe('TypeError');
    expect(out.error.message).toBe('open failed with PRAGMA key = "[REDACTED]" for [NIR]');
    expect(String(out.error.stack)).toContain('TypeError: open failed with PRAGMA key = "[REDACTED]" for [NIR]');
    expect(String(out.error.stack)).not.toContain(HEX_KEY);
    expect(out.error.code).toBe('SQLITE_NOTADB');
    expect(out.error.token).toBe('[REDACTED]');
  });

  it('keeps plain values and converts dates', () => {
    expect(redact(5)).toBe(5);
    expect(redact(null)).toBeNull();
    expect(redact(true)).toBe(true);
    expect(redact(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02T03:04:05.000Z');
    expect(redact(10n)).toBe('10');
  });
});

describe('redactString', () => {
  it.each([
    ['NIR 1 84 12 75 108 123 45 transmis', 'NIR [NIR] transmis'],
    ['nir=2840975108123;', 'nir=[NIR];'],
    ['284097510812345', '[NIR]'],
    ['Corse: 2 84 09 2A 108 123 45 et 184092B10812345', 'Corse: [NIR] et [NIR]'],
    ['(184127510812345)', '([NIR])'],
  ])('masks NIR numbers: %s', (input, expected) => {
    expect(redactString(input)).toBe(expected);
  });

  it('leaves numbers that are not NIRs alone', () => {
    for (const s of ['téléphone 01 84 12 75 10', 'id 28409751081234567', 'port 8443', '5 84 12 75 108 123', 'IP 10.0.0.1']) {
      expect(redactString(s)).toBe(s);
    }
  });

  it('masks bearer tokens', () => {
    expect(redactString('Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig-_x==')).toBe('Authorization: Bearer [REDACTED]');
    expect(redactString('bearer abc123 next')).toBe('Bearer [REDACTED] next');
  });

  it('masks secret key/value pairs in query strings, kv text and JSON text', () => {
    expect(redactString('GET /api?passphrase=s3cr3t&token=abc&page=2')).toBe('GET /api?passphrase=[REDACTED]&token=[REDACTED]&page=2');
    expect(redactString('password: hunter2 user: bob')).toBe('password: [REDACTED] user: bob');
    expect(redactString('{"password":"hunter2","user":"bob"}')).toBe('{"password":"[REDACTED]","user":"bob"}');
    expect(redactString("access_token='abc def' ok")).toBe("access_token='[REDACTED]' ok");
    expect(redactString('mot de passe = toto')).toBe('mot de passe = [REDACTED]');
    expect(redactString('tokens: 5, compass=north')).toBe('tokens: 5, compass=north');
  });

  it('masks SQLCipher raw keys and key pragmas', () => {
    expect(redactString(`key x'${HEX_KEY}' here`)).toBe('key [REDACTED] here');
    expect(redactString(`x'${HEX_KEY}${'0f'.repeat(16)}'`)).toBe('[REDACTED]');
    expect(redactString("PRAGMA rekey = 'nouveau secret'")).toBe("PRAGMA rekey = '[REDACTED]'");
    expect(redactString("x'abcd' is short")).toBe("x'abcd' is short");
  });

  it('is idempotent', () => {
    const once = redactString(`Bearer abc password=x token="y" 1 84 12 75 108 123 45 x'${HEX_KEY}'`);
    expect(redactString(once)).toBe(once);
    expect(once).not.toMatch(/abc|=x|"y"|108 123|a1a1/);
  });
});
