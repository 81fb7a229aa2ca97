import type { OpOutput } from '@contract';

export type QuarantineRow = OpOutput<'quarantine.list'>['items'][number];
export type QuarantineCode = QuarantineRow['code'];

/** Runtime list mirroring the engine's reason codes; `satisfies` keeps it complete and exact. */
const CODES = {
  'unknown-format': true,
  unparseable: true,
  'invalid-utf8': true,
  binary: true,
  'too-long': true,
  'too-deep': true,
  'dtd-forbidden': true,
  'invalid-timestamp': true,
  'missing-field': true,
  decompression: true,
  empty: true,
} satisfies Record<QuarantineCode, true>;
export const QUARANTINE_CODE_LIST = Object.keys(CODES) as QuarantineCode[];

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Control characters made visible (`\x00`), so binary garbage shows what it is instead of nothing. */
export function visibleText(raw: string): string {
  return raw.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
