import { hash } from 'node:crypto';

/**
 * Identity of an input and fingerprints of its records.
 *
 * - identity = sha256(first 64 KiB of the decompressed input): the same file
 *   imported from another path (or re-uploaded, or gzipped) has the same
 *   identity; a file that grew keeps it once it is past 64 KiB (smaller files
 *   are linked to their earlier, shorter version by `imports.ts`).
 * - fingerprint of a record = identity (128 bits) : position : sha256(record)
 *   (128 bits), and `#k` for the k-th event (k > 0) of a record that yields
 *   several. Same identity + same position + same bytes ⇔ same fingerprint:
 *   re-importing adds nothing, a grown file adds only its new records, and a
 *   record rewritten in place is a new record.
 *
 * It is a structured key rather than one more sha256 over those three parts
 * on purpose: the position is zero-padded hex, so the fingerprints of one
 * import are increasing and land next to each other in the UNIQUE index. A
 * hashed (random) key scatters every batch over the whole index, and on an
 * encrypted vault each touched page costs a decrypt, an encrypt and a WAL
 * write: several times slower once the index no longer fits in the cache.
 * The uniqueness argument is the same (128-bit prefixes of sha256).
 */

export function sha256Hex(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

export function identityOf(head: Buffer): string {
  return sha256Hex(head);
}

/** Position part of a byte offset: 12 hex digits (sorts numerically up to 256 TiB). */
export function offsetPosition(offset: number): string {
  return offset.toString(16).padStart(12, '0');
}

/** Position part of a CSV record (line-based: stable when the file grows). */
export function linePosition(line: number): string {
  return 'l' + line.toString(16).padStart(10, '0');
}

/** Fingerprint prefix of an input: every record fingerprint of the import starts with it. */
export function fingerprintPrefix(identity: string): string {
  return identity.slice(0, 32) + ':';
}

/** `prefix` from `fingerprintPrefix`, `position` from `offsetPosition`/`linePosition`. */
export function recordFingerprint(prefix: string, position: string, record: string | Buffer): string {
  return prefix + position + ':' + hash('sha256', record, 'hex').slice(0, 32);
}

/** Fingerprint of the k-th event of a record (k = 0 is the record's own fingerprint). */
export function eventFingerprint(recordFp: string, k: number): string {
  return k === 0 ? recordFp : `${recordFp}#${k}`;
}
