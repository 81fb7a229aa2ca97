import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  isAllowedExternal,
  isAppUrl,
  isDevServerUrl,
  isNetworkUrl,
  resolveAppPath,
} from '../../../electron/url-policy';

describe('isAppUrl', () => {
  it('accepts only app://vigie and, in development, the dev server origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://vigie/assets/x.js')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('isDevServerUrl / isNetworkUrl', () => {
  it('maps websockets of the dev server to its origin', () => {
    expect(isDevServerUrl('ws://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isDevServerUrl('ws://localhost:9999/', 'http://localhost:5173/')).toBe(false);
    expect(isDevServerUrl('http://localhost:5173/', undefined)).toBe(false);
  });
  it('flags network schemes only', () => {
    expect(isNetworkUrl('https://example.com')).toBe(true);
    expect(isNetworkUrl('wss://example.com')).toBe(true);
    expect(isNetworkUrl('app://vigie/index.html')).toBe(false);
    expect(isNetworkUrl('devtools://devtools/bundled/x.html')).toBe(false);
  });
});

describe('isAllowedExternal', () => {
  it('allows https links to the allow-listed official sites and their subdomains', () => {
    expect(isAllowedExternal('https://cyber.gouv.fr/')).toBe(true);
    expect(isAllowedExternal('https://www.cnil.fr/fr/notifier-une-violation')).toBe(true);
    expect(isAllowedExternal('https://signalement.social-sante.gouv.fr/')).toBe(true);
    expect(isAllowedExternal('https://www.legifrance.gouv.fr/codes')).toBe(true);
  });
  it('refuses everything else', () => {
    expect(isAllowedExternal('http://cyber.gouv.fr/')).toBe(false);
    expect(isAllowedExternal('https://evilcnil.fr/')).toBe(false);
    expect(isAllowedExternal('https://cnil.fr.evil.com/')).toBe(false);
    expect(isAllowedExternal('https://user:pw@cnil.fr/')).toBe(false);
    expect(isAllowedExternal('https://cnil.fr:8443/')).toBe(false);
    expect(isAllowedExternal('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternal('https://example.com/')).toBe(false);
  });
});

describe('resolveAppPath', () => {
  const root = resolve('/srv/out/renderer');
  it('maps paths inside the renderer folder', () => {
    expect(resolveAppPath(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, '/assets/app%20x.js')).toBe(join(root, 'assets', 'app x.js'));
    expect(resolveAppPath(root, '/assets/../index.html')).toBe(join(root, 'index.html'));
  });
  it('refuses traversal, NUL bytes and malformed escapes', () => {
    expect(resolveAppPath(root, '/../main/index.js')).toBeNull();
    expect(resolveAppPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveAppPath(root, '/..%2fmain%2findex.js')).toBeNull();
    expect(resolveAppPath(root, '/index.html%00.png')).toBeNull();
    expect(resolveAppPath(root, '/%E0%A4%A')).toBeNull();
    expect(resolveAppPath(root, 'index.html')).toBeNull();
    expect(resolveAppPath(root, '/..')).toBeNull();
  });
});
