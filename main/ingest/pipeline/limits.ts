import { DEFAULT_LIMITS } from '../types';

/**
 * Tunables of the import pipeline. Every limit is a guard against hostile or
 * broken input (huge lines, gzip bombs) and every size keeps memory bounded
 * whatever the size of the file.
 */
export interface PipelineLimits {
  /** Longest line/record accepted (bytes); longer ones are quarantined 'too-long'. */
  maxLineBytes: number;
  /** How much of an over-long record the quarantine keeps (the rest is discarded while streaming). */
  keepBytes: number;
  /** Largest whole document (FHIR JSON, ATNA XML) read in one piece. */
  maxDocumentBytes: number;
  /** CSV is read in pieces of about this size, cut at record boundaries. */
  csvPieceBytes: number;
  /** Gzip: refuse more than this many decompressed bytes. */
  gzipMaxBytes: number;
  /** Gzip: refuse an expansion ratio over this (decompressed / compressed)… */
  gzipMaxRatio: number;
  /** …once at least this many bytes came out (small files have high ratios legitimately). */
  gzipRatioAfterBytes: number;
  /** A batch is written once it holds this many events… */
  batchEvents: number;
  /** …or this many bytes of records, whichever comes first. */
  batchBytes: number;
  /** Read size of files (bytes per chunk). */
  readChunkBytes: number;
  /** Minimum delay between two `import.progress` events. */
  progressMs: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_PIPELINE_LIMITS: PipelineLimits = {
  maxLineBytes: DEFAULT_LIMITS.maxRecordBytes,
  keepBytes: 64 * 1024,
  maxDocumentBytes: DEFAULT_LIMITS.maxRecordBytes * 16,
  csvPieceBytes: 4 * MiB,
  gzipMaxBytes: 64 * 1024 * MiB,
  gzipMaxRatio: 200,
  gzipRatioAfterBytes: MiB,
  batchEvents: 5000,
  batchBytes: 16 * MiB,
  readChunkBytes: MiB,
  progressMs: 250,
};

/** The identity of an input covers this many leading (decompressed) bytes. */
export const IDENTITY_BYTES = 64 * 1024;

export function pipelineLimits(over: Partial<PipelineLimits> = {}): PipelineLimits {
  const l = { ...DEFAULT_PIPELINE_LIMITS, ...over };
  if (over.maxLineBytes !== undefined && over.maxDocumentBytes === undefined) l.maxDocumentBytes = l.maxLineBytes * 16;
  l.keepBytes = Math.min(l.keepBytes, l.maxLineBytes);
  return l;
}
