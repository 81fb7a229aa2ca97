import { describe, expect, it } from 'vitest';
import { checkOpName, FORBIDDEN_SENDER, isTrustedSender } from '../../../electron/ipc-guard';

const ours = new Set([7]);
const mainFrame = (url: string) => ({ url, parent: null });

describe('isTrustedSender', () => {
  it('accepts the main frame of our window showing our UI', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: mainFrame('app://vigie/index.html') }, ours)).toBe(true);
    expect(
      isTrustedSender({ sender: { id: 7 }, senderFrame: mainFrame('http://localhost:5173/') }, ours, 'http://localhost:5173'),
    ).toBe(true);
  });
  it('refuses other windows, subframes, foreign pages and vanished frames', () => {
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: mainFrame('app://vigie/index.html') }, ours)).toBe(false);
    const sub = { url: 'app://vigie/index.html', parent: mainFrame('app://vigie/index.html') };
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: sub }, ours)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: mainFrame('https://evil.example/') }, ours)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: mainFrame('http://localhost:5173/') }, ours)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: null }, ours)).toBe(false);
  });
  it('returns a FORBIDDEN envelope', () => {
    expect(FORBIDDEN_SENDER).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('checkOpName', () => {
  it('accepts names of 1..100 characters and refuses anything else', () => {
    expect(checkOpName('vault.status')).toBeNull();
    expect(checkOpName('x'.repeat(100))).toBeNull();
    for (const bad of ['', 'x'.repeat(101), 42, null, undefined, { op: 'vault.status' }]) {
      expect(checkOpName(bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });
});
