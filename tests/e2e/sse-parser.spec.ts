import { expect, test } from '@playwright/test';
import { SseParser } from '../../renderer/src/api/sse';

// The renderer reads the bridge's event stream with fetch (EventSource cannot send the
// Authorization header), so it parses `text/event-stream` itself. Node-only checks.

test('messages complets, commentaires ignorés, data multi-lignes', () => {
  const parser = new SseParser();
  const out = parser.push(': keep-alive\n\nevent: progress\ndata: {"a":1}\n\nevent: x\ndata: line1\ndata: line2\n\n');
  expect(out).toEqual([
    { event: 'progress', data: '{"a":1}' },
    { event: 'x', data: 'line1\nline2' },
  ]);
});

test('découpage arbitraire des morceaux et fins de ligne CRLF', () => {
  const text = 'event: vault.changed\r\ndata: {"state":"locked"}\r\n\r\nevent: job.run\r\ndata: {"id":2}\r\n\r\n';
  for (let size = 1; size <= text.length; size++) {
    const parser = new SseParser();
    const out = [];
    for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
    expect(out, `chunks of ${size}`).toEqual([
      { event: 'vault.changed', data: '{"state":"locked"}' },
      { event: 'job.run', data: '{"id":2}' },
    ]);
  }
});

test('sans ligne vide finale, rien n’est émis ; sans event:, le nom est message', () => {
  const parser = new SseParser();
  expect(parser.push('event: progress\ndata: {}')).toEqual([]);
  expect(parser.push('\n\ndata: plain\n\n')).toEqual([
    { event: 'progress', data: '{}' },
    { event: 'message', data: 'plain' },
  ]);
});
