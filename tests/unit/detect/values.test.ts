import { describe, expect, it } from 'vitest';
import { ANY, ONE, compileAlternatives, parseSigmaString } from '../../../main/detect/sigma/values';
import { compileOne, ev } from './helpers';

describe('Sigma strings: wildcards and escapes (rules spec 2.1)', () => {
  it('parses * and ? as wildcards', () => {
    expect(parseSigmaString('prog?.exe')).toEqual(['prog', ONE, '.exe']);
    expect(parseSigmaString('*\\cmd.exe')).toEqual([ANY, '\\cmd.exe']);
  });

  it('applies the escape rules of the specification', () => {
    // plain backslash, single or double
    expect(parseSigmaString('C:\\Windows')).toEqual(['C:\\Windows']);
    expect(parseSigmaString('C:\\\\Windows')).toEqual(['C:\\Windows']);
    // escaped wildcards are plain characters
    expect(parseSigmaString('a\\*b\\?c')).toEqual(['a*b?c']);
    // escaped backslash followed by a wildcard
    expect(parseSigmaString('dir\\\\*')).toEqual(['dir\\', ANY]);
    // three backslashes: a plain backslash then a plain *
    expect(parseSigmaString('dir\\\\\\*')).toEqual(['dir\\*']);
    // four backslashes: two plain backslashes
    expect(parseSigmaString('a\\\\\\\\b')).toEqual(['a\\\\b']);
    // trailing lone backslash stays
    expect(parseSigmaString('end\\')).toEqual(['end\\']);
  });

  it('compiles alternatives case-insensitively by default', () => {
    const t = compileAlternatives([parseSigmaString('*\\CMD.exe'), parseSigmaString('power*'), parseSigmaString('exact')], false);
    expect(t('c:\\windows\\system32\\cmd.exe')).toBe(true);
    expect(t('powershell')).toBe(true);
    expect(t('exact')).toBe(true);
    expect(t('not exact')).toBe(false);
    const q = compileAlternatives([parseSigmaString('prog?.exe')], false);
    expect(q('proga.exe')).toBe(true);
    expect(q('prog.exe')).toBe(false);
    expect(q('progab.exe')).toBe(false);
  });

  it('matches wildcards and escapes in rules', () => {
    const m = compileOne({ sel: { Image: '*\\rundll32.exe', Title: 'a\\*b', Path: 'C:\\\\temp\\\\*' }, condition: 'sel' });
    expect(m(ev({ Image: 'C:\\Windows\\System32\\RUNDLL32.EXE', Title: 'A*B', Path: 'c:\\temp\\x.bat' }))).toBe(true);
    expect(m(ev({ Image: 'C:\\Windows\\System32\\RUNDLL32.EXE', Title: 'AxB', Path: 'c:\\temp\\x.bat' }))).toBe(false);
    expect(m(ev({ Image: 'C:\\Windows\\System32\\RUNDLL32.EXE', Title: 'A*B', Path: 'c:\\tmp\\x.bat' }))).toBe(false);
  });

  it('matches numbers and booleans by their text, and list fields by any element', () => {
    const m = compileOne({ sel: { EventID: 4688, Flag: true, Roles: 'admin' }, condition: 'sel' });
    expect(m(ev({ EventID: '4688', Flag: 'True', Roles: ['user', 'Admin'] }))).toBe(true);
    expect(m(ev({ EventID: 4688, Flag: true, Roles: ['user'] }))).toBe(false);
  });
});
