import { describe, expect, it } from 'vitest';
import { compileOne, ev, rejectionOf } from './helpers';

const one = (key: string, value: unknown) => compileOne({ sel: { [key]: value }, condition: 'sel' });

describe('generic modifiers', () => {
  it('contains / startswith / endswith', () => {
    expect(one('CommandLine|contains', 'urlcache')(ev({ CommandLine: 'certutil -URLCACHE -f' }))).toBe(true);
    expect(one('CommandLine|contains', 'urlcache')(ev({ CommandLine: 'certutil -decode' }))).toBe(false);
    expect(one('Image|startswith', 'C:\\Users\\')(ev({ Image: 'c:\\users\\bob\\a.exe' }))).toBe(true);
    expect(one('Image|startswith', 'C:\\Users\\')(ev({ Image: 'C:\\Windows\\a.exe' }))).toBe(false);
    expect(one('Image|endswith', '\\a.exe')(ev({ Image: 'C:\\Windows\\A.EXE' }))).toBe(true);
    expect(one('Image|endswith', '\\a.exe')(ev({ Image: 'C:\\Windows\\a.exe.bak' }))).toBe(false);
  });

  it('lists are OR, |all makes them AND', () => {
    const anyOf = one('CommandLine|contains', ['-enc', '-nop']);
    expect(anyOf(ev({ CommandLine: 'powershell -nop' }))).toBe(true);
    expect(anyOf(ev({ CommandLine: 'powershell' }))).toBe(false);
    const all = one('CommandLine|contains|all', ['-enc', '-nop']);
    expect(all(ev({ CommandLine: 'powershell -nop -enc AAAA' }))).toBe(true);
    expect(all(ev({ CommandLine: 'powershell -nop' }))).toBe(false);
  });

  it('exists tests presence only (null counts as present)', () => {
    const yes = one('PasswordLastSet|exists', true);
    const no = one('PasswordLastSet|exists', false);
    expect(yes(ev({ PasswordLastSet: '' }))).toBe(true);
    expect(yes(ev({ PasswordLastSet: null }))).toBe(true);
    expect(yes(ev({}))).toBe(false);
    expect(no(ev({}))).toBe(true);
    expect(no(ev({ PasswordLastSet: 'x' }))).toBe(false);
    expect(rejectionOf({ sel: { 'A|exists': 'yes' }, condition: 'sel' })?.code).toBe('modifier-invalid');
  });

  it('null matches an absent or null field, not an empty string', () => {
    const m = one('PasswordLastSet', null);
    expect(m(ev({}))).toBe(true);
    expect(m(ev({ PasswordLastSet: null }))).toBe(true);
    expect(m(ev({ PasswordLastSet: '' }))).toBe(false);
    const empty = one('PasswordLastSet', '');
    expect(empty(ev({ PasswordLastSet: '' }))).toBe(true);
    expect(empty(ev({}))).toBe(false);
  });

  it('cased is case-sensitive, default is not', () => {
    expect(one('User|cased', 'Admin')(ev({ User: 'Admin' }))).toBe(true);
    expect(one('User|cased', 'Admin')(ev({ User: 'admin' }))).toBe(false);
    expect(one('User|contains|cased', 'Adm')(ev({ User: 'xAdmx' }))).toBe(true);
    expect(one('User|contains|cased', 'Adm')(ev({ User: 'xadmx' }))).toBe(false);
    expect(one('User', 'Admin')(ev({ User: 'ADMIN' }))).toBe(true);
  });

  it('neq negates (an absent field is "different")', () => {
    const m = one('LogonType|neq', 3);
    expect(m(ev({ LogonType: '10' }))).toBe(true);
    expect(m(ev({ LogonType: '3' }))).toBe(false);
    expect(m(ev({}))).toBe(true);
    const list = one('User|neq', ['alice', 'bob']);
    expect(list(ev({ User: 'carol' }))).toBe(true);
    expect(list(ev({ User: 'Bob' }))).toBe(false);
  });
});

describe('regular expressions', () => {
  it('is case-sensitive by default and searches anywhere', () => {
    const m = one('CommandLine|re', 'ipconfig\\s+/all');
    expect(m(ev({ CommandLine: 'cmd /c ipconfig   /all' }))).toBe(true);
    expect(m(ev({ CommandLine: 'IPCONFIG /all' }))).toBe(false);
  });

  it('supports the i, m and s sub-modifiers and a leading (?i)', () => {
    expect(one('CommandLine|re|i', 'ipconfig\\s+/all')(ev({ CommandLine: 'IPCONFIG /ALL' }))).toBe(true);
    expect(one('CommandLine|re', '(?i)ipconfig')(ev({ CommandLine: 'IPCONFIG' }))).toBe(true);
    expect(one('Text|re|m', '^second$')(ev({ Text: 'first\nsecond\nthird' }))).toBe(true);
    expect(one('Text|re', '^second$')(ev({ Text: 'first\nsecond\nthird' }))).toBe(false);
    expect(one('Text|re|s', 'first.second')(ev({ Text: 'first\nsecond' }))).toBe(true);
    expect(one('Text|re', 'first.second')(ev({ Text: 'first\nsecond' }))).toBe(false);
    expect(one('Text|re|i|s', 'FIRST.SECOND')(ev({ Text: 'first\nsecond' }))).toBe(true);
  });

  it('rejects PCRE constructs JavaScript would change, with the reason', () => {
    for (const re of ['\\Aabc', 'abc\\Z', 'a*+', '(?>abc)', '[[:alpha:]]', 'a(?i)b']) {
      const r = rejectionOf({ sel: { 'F|re': re }, condition: 'sel' });
      expect(r?.code, re).toBe('regex-unsupported');
      expect(r?.reason).toContain(JSON.stringify(re));
    }
    expect(rejectionOf({ sel: { 'F|i': 'x' }, condition: 'sel' })?.reason).toContain('sub-modifiers of |re');
  });

  it('accepts PCRE named groups (?P<name>…)', () => {
    expect(one('F|re', '(?P<word>ab+)c')(ev({ F: 'xabbc' }))).toBe(true);
  });
});

describe('numeric modifiers', () => {
  it('lt lte gt gte compare numbers (numeric text too)', () => {
    expect(one('Count|lt', 10)(ev({ Count: 9 }))).toBe(true);
    expect(one('Count|lt', 10)(ev({ Count: '10' }))).toBe(false);
    expect(one('Count|lte', 10)(ev({ Count: '10' }))).toBe(true);
    expect(one('Count|gt', 10)(ev({ Count: 11 }))).toBe(true);
    expect(one('Count|gt', 10)(ev({ Count: 10 }))).toBe(false);
    expect(one('Count|gte', 10)(ev({ Count: '10' }))).toBe(true);
    expect(one('Count|gte', 10)(ev({ Count: 'ten' }))).toBe(false);
    expect(one('Count|gte', 10)(ev({}))).toBe(false);
  });

  it('rejects non-numeric values', () => {
    expect(rejectionOf({ sel: { 'Count|gt': 'ten' }, condition: 'sel' })?.code).toBe('modifier-invalid');
  });
});

describe('cidr', () => {
  it('matches IPv4 ranges', () => {
    const m = one('DestinationIp|cidr', ['10.0.0.0/8', '192.168.1.0/24']);
    expect(m(ev({ DestinationIp: '10.20.30.40' }))).toBe(true);
    expect(m(ev({ DestinationIp: '192.168.1.255' }))).toBe(true);
    expect(m(ev({ DestinationIp: '192.168.2.1' }))).toBe(false);
    expect(m(ev({ DestinationIp: '::ffff:10.1.1.1' }))).toBe(true);
    expect(m(ev({ DestinationIp: 'not-an-ip' }))).toBe(false);
  });

  it('matches IPv6 ranges', () => {
    const m = one('SourceIp|cidr', ['fe80::/10', '2001:db8::/32']);
    expect(m(ev({ SourceIp: 'fe80::1' }))).toBe(true);
    expect(m(ev({ SourceIp: '2001:DB8:0:1::5' }))).toBe(true);
    expect(m(ev({ SourceIp: '2001:db9::1' }))).toBe(false);
    expect(m(ev({ SourceIp: '10.0.0.1' }))).toBe(false);
  });

  it('rejects an invalid range', () => {
    const r = rejectionOf({ sel: { 'Ip|cidr': '10.0.0.0/33' }, condition: 'sel' });
    expect(r?.code).toBe('value-invalid');
  });
});

describe('expand and fieldref', () => {
  it('expands placeholders from the configuration (values may hold wildcards)', () => {
    const m = compileOne({ sel: { 'ComputerName|expand': '%Workstations%' }, condition: 'sel' }, { placeholders: { Workstations: ['PC-*', 'WKS01'] } });
    expect(m(ev({ ComputerName: 'pc-urg-14' }))).toBe(true);
    expect(m(ev({ ComputerName: 'wks01' }))).toBe(true);
    expect(m(ev({ ComputerName: 'SRV01' }))).toBe(false);
    const part = compileOne({ sel: { 'Path|expand': '\\%plain%Dir%\\x' }, condition: 'sel' }, { placeholders: { Dir: ['C:'] } });
    expect(part(ev({ Path: '%plainC:\\x' }))).toBe(true);
  });

  it('keeps %name% literal without |expand, rejects unknown placeholders', () => {
    expect(one('A', '%Servers%')(ev({ A: '%Servers%' }))).toBe(true);
    const r = rejectionOf({ sel: { 'A|expand': '%Servers%' }, condition: 'sel' });
    expect(r?.code).toBe('placeholder-unknown');
    expect(r?.reason).toContain('%Servers%');
  });

  it('fieldref compares two fields of the event (with neq, contains)', () => {
    const same = one('SubjectUserName|fieldref', 'TargetUserName');
    expect(same(ev({ SubjectUserName: 'Bob', TargetUserName: 'bob' }))).toBe(true);
    expect(same(ev({ SubjectUserName: 'bob', TargetUserName: 'alice' }))).toBe(false);
    expect(same(ev({ SubjectUserName: 'bob' }))).toBe(false);
    const differ = one('SubjectUserName|fieldref|neq', 'TargetUserName');
    expect(differ(ev({ SubjectUserName: 'bob', TargetUserName: 'alice' }))).toBe(true);
    expect(differ(ev({ SubjectUserName: 'bob', TargetUserName: 'BOB' }))).toBe(false);
    const inside = one('TargetFilename|fieldref|contains', 'User');
    expect(inside(ev({ TargetFilename: 'C:\\Users\\bob\\x', User: 'bob' }))).toBe(true);
  });
});

describe('keywords and unsupported modifiers', () => {
  it('keywords search the message and the original record', () => {
    const m = compileOne({ keywords: ['event::clear', 'svchost.exe -n evil'], condition: 'keywords' });
    expect(m(ev({}, { message: 'mimikatz # EVENT::Clear' }))).toBe(true);
    expect(m(ev({}, { message: 'x', 'event.original': 'run svchost.exe -n evil now' }))).toBe(true);
    expect(m(ev({}, { message: 'nothing', 'event.original': 'nothing' }))).toBe(false);
    const all = compileOne({ keywords: { '|all': ['OabVirtualDirectory', ' -ExternalUrl '] }, condition: 'keywords' });
    expect(all(ev({}, { message: 'Set-OabVirtualDirectory -ExternalUrl http://x' }))).toBe(true);
    expect(all(ev({}, { message: 'Set-OabVirtualDirectory' }))).toBe(false);
  });

  it('rejects unknown modifiers and invalid chains precisely', () => {
    expect(rejectionOf({ sel: { 'A|foo': 'x' }, condition: 'sel' })).toMatchObject({ code: 'modifier-unknown', reason: expect.stringContaining('|foo') });
    expect(rejectionOf({ sel: { 'A|re|contains': 'x' }, condition: 'sel' })?.code).toBe('modifier-invalid');
    expect(rejectionOf({ sel: { 'A|base64': 'a*b' }, condition: 'sel' })?.reason).toContain('wildcards');
    expect(rejectionOf({ sel: { A: { nested: 1 } }, condition: 'sel' })?.code).toBe('value-invalid');
    expect(rejectionOf({ sel: { A: [] }, condition: 'sel' })?.code).toBe('value-invalid');
    expect(rejectionOf({ sel: { 'A|contains': null }, condition: 'sel' })?.code).toBe('modifier-invalid');
  });
});
