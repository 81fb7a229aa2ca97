import { describe, expect, it } from 'vitest';
import { WINDASH_CHARS, base64, base64offset, utf16, utf16be, utf16le, windash } from '../../../main/detect/sigma/encoding';
import { parseFieldSpec } from '../../../main/detect/sigma/modifiers';
import { compileOne, ev, rejectionOf } from './helpers';

const text = (s: string) => ({ parts: [s], bytes: false });
const hex = (v: { parts: unknown[] }) => Buffer.from(v.parts.join(''), 'latin1').toString('hex');
const env = { placeholders: {}, maxExpansion: 4096 };

describe('encoding modifiers: exact encodings of the modifiers appendix', () => {
  it('utf16le / wide: cmd > 63 00 6d 00 64 00', () => {
    expect(hex(utf16le(text('cmd')))).toBe('63006d006400');
  });

  it('utf16be: cmd > 00 63 00 6d 00 64', () => {
    expect(hex(utf16be(text('cmd')))).toBe('0063006d0064');
  });

  it('utf16: cmd > FF FE 63 00 6d 00 64 00 (byte order mark first)', () => {
    expect(hex(utf16(text('cmd')))).toBe('fffe63006d006400');
  });

  it('base64 of the UTF-8 bytes', () => {
    expect(base64(text('/bin/bash')).parts).toEqual(['L2Jpbi9iYXNo']);
    expect(base64(utf16le(text('cmd'))).parts).toEqual(['YwBtAGQA']);
  });

  it('base64offset: the three shifted encodings', () => {
    expect(base64offset(text('/bin/bash')).map((v) => v.parts[0])).toEqual(['L2Jpbi9iYXNo', '9iaW4vYmFza', 'vYmluL2Jhc2']);
    expect(base64offset(text('foobar')).map((v) => v.parts[0])).toEqual(['Zm9vYmFy', 'Zvb2Jhc', 'mb29iYX']);
  });

  it('finds a base64offset|contains value inside a longer encoded text', () => {
    const m = compileOne({ sel: { 'CommandLine|base64offset|contains': 'IEX (New-Object' }, condition: 'sel' });
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = Buffer.from(`${prefix}IEX (New-Object Net.WebClient)`).toString('base64');
      expect(m(ev({ CommandLine: `powershell -enc ${encoded}` })), prefix).toBe(true);
    }
    expect(m(ev({ CommandLine: `powershell -enc ${Buffer.from('Get-Date').toString('base64')}` }))).toBe(false);
  });

  it('wide|base64offset|contains finds UTF-16 PowerShell payloads', () => {
    const m = compileOne({ sel: { 'CommandLine|wide|base64offset|contains': 'ping' }, condition: 'sel' });
    for (const prefix of ['', 'x', 'xy']) {
      const encoded = Buffer.from(`${prefix}ping 127.0.0.1`, 'utf16le').toString('base64');
      expect(m(ev({ CommandLine: `powershell -EncodedCommand ${encoded}` })), prefix).toBe(true);
    }
  });

  it('utf16le / utf16be / utf16 chain into base64 in a rule', () => {
    const enc = (s: string, e: 'utf16le' | 'utf16be' | 'utf16') => {
      const le = Buffer.from(s, 'utf16le');
      const bytes = e === 'utf16le' ? le : e === 'utf16' ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : Buffer.from(le).swap16();
      return bytes.toString('base64');
    };
    for (const e of ['utf16le', 'utf16be', 'utf16'] as const) {
      const exact = compileOne({ sel: { [`Payload|${e}|base64`]: 'whoami' }, condition: 'sel' });
      expect(exact(ev({ Payload: enc('whoami', e) })), e).toBe(true);
      expect(exact(ev({ Payload: Buffer.from('whoami').toString('base64') })), `${e} vs plain`).toBe(false);
      const inside = compileOne({ sel: { [`CommandLine|${e}|base64offset|contains`]: 'whoami' }, condition: 'sel' });
      // utf16 puts the byte order mark before the value: it is found only where the payload starts with it.
      for (const prefix of ['', 'a', 'ab']) expect(inside(ev({ CommandLine: `-e ${enc(`${prefix}whoami /all`, e)}` })), `${e} ${prefix}`).toBe(e !== 'utf16' || prefix === '');
      expect(inside(ev({ CommandLine: `-e ${enc('hostname', e)}` })), `${e} other`).toBe(false);
    }
  });

  it('base64 value matched as is (case-insensitive like any value)', () => {
    const m = compileOne({ sel: { 'Data|base64': 'hello' }, condition: 'sel' });
    expect(m(ev({ Data: 'aGVsbG8=' }))).toBe(true);
    expect(m(ev({ Data: 'aGVsbG9=' }))).toBe(false);
  });
});

describe('windash', () => {
  it('creates every permutation of - / – — ― at the start of a word', () => {
    const out = windash(text('-foo /bar'), 4096).map((v) => v.parts.join(''));
    expect(out).toHaveLength(25);
    for (const a of WINDASH_CHARS) for (const b of WINDASH_CHARS) expect(out).toContain(`${a}foo ${b}bar`);
  });

  it('leaves dashes inside words alone', () => {
    expect(windash(text('Get-Item'), 4096).map((v) => v.parts.join(''))).toEqual(['Get-Item']);
  });

  it('matches alternative flag characters', () => {
    const m = compileOne({ sel: { 'CommandLine|contains|windash': ' -urlcache ' }, condition: 'sel' });
    for (const c of ['-', '/', '\u2013', '\u2014', '\u2015']) expect(m(ev({ CommandLine: `certutil ${c}urlcache -f x` }))).toBe(true);
    expect(m(ev({ CommandLine: 'certutil +urlcache -f x' }))).toBe(false);
  });

  it('rejects an expansion over the limit', () => {
    const r = rejectionOf({ sel: { 'A|windash': '-a -b -c -d -e -f' }, condition: 'sel' }, { maxExpansion: 1000 });
    expect(r?.code).toBe('too-large');
  });

  it('applies modifiers in the written order', () => {
    const spec = parseFieldSpec('A|windash|contains', '-x', env);
    expect(spec.groups[0]).toHaveLength(5);
  });
});
