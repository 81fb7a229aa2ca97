/** Contract operations of ingestion (imports, uploads, quarantine, CSV mappings). See main/ingest/pipeline. */
import { z } from 'zod';
import { FORMATS, QUARANTINE_CODES, type CsvMapping, type FormatChoice, type QuarantineCode } from '../../ingest/types';
import type { Page } from '../contract';
import { op, pageInput, WRITERS } from './define';

export type ImportStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

/**
 * One file import or upload, with its running totals (`recordsIn = stored + quarantined + duplicates`).
 * Blank lines are not records: they are skipped and counted apart (`blankLines`).
 */
export interface ImportRow {
  id: number;
  sourceId: number | null;
  /** File path, or the name of an uploaded file. */
  origin: string;
  upload: boolean;
  /** sha256 of the first 64 KiB (decompressed): same file = same identity. */
  identity: string;
  /** Size on disk (compressed size for .gz), when known. */
  size: number | null;
  gzip: boolean;
  format: FormatChoice;
  timezone: string | null;
  csvMapping: string | null;
  status: ImportStatus;
  startedAt: string;
  endedAt: string | null;
  /** Input bytes fully committed (decompressed bytes for .gz): where a resume starts. */
  bytesDone: number;
  recordsIn: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  /** Empty lines skipped (not records, not in `recordsIn`). */
  blankLines: number;
  /** True when `ingest.resume` can continue it (interrupted, failed or cancelled file import). */
  resumable: boolean;
  message: string | null;
}

/** A record kept in quarantine, with why. */
export interface QuarantineRow {
  id: number;
  importId: number | null;
  sourceId: number | null;
  origin: string;
  /** 'line 12', 'lines 3-5', 'offset 4096', 'document'. */
  position: string;
  format: string | null;
  code: QuarantineCode;
  reason: string;
  createdAt: string;
  reprocessedAt: string | null;
  resolvedEventId: number | null;
  /** The kept bytes as text (invalid UTF-8 replaced by U+FFFD), at most 4 KiB of them. */
  rawText: string;
  /** The same first 4 KiB, exact, base64-encoded. */
  rawBase64: string;
  /** Number of bytes kept in the vault for this record. */
  rawLength: number;
  /** True when rawText/rawBase64 show only the beginning of the kept bytes. */
  rawTruncated: boolean;
}

export interface ReprocessResult {
  tried: number;
  stored: number;
  stillQuarantined: number;
}

export type { CsvMapping };

/** One record of a CSV preview: the fields it would store, or why it would be quarantined. */
export type CsvPreviewRow =
  | { position: string; ok: true; fields: Record<string, string> }
  | { position: string; ok: false; code: QuarantineCode; reason: string };

/** A draft mapping applied to the first records of a file (nothing stored). */
export interface CsvPreview {
  /** What is wrong with the mapping itself (then no row is parsed). */
  problem: string | null;
  /** The header row's cells, when the mapping has one. */
  header: string[] | null;
  /** The first lines of the file, as read. */
  lines: string[];
  rows: CsvPreviewRow[];
}

const formatChoice = z.enum(['auto', ...FORMATS]);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const timezone = z.string().min(1).max(64).refine(isTimeZone, { message: 'Fuseau horaire IANA inconnu (ex. Europe/Paris).' });
const mappingName = z.string().trim().min(1).max(100);
/** Absolute POSIX or Windows path (drive letter or UNC). */
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(p), { message: 'Chemin absolu attendu.' })
  .refine((p) => !p.includes('\0'), { message: 'Chemin invalide.' });

/** 1 MiB of data, base64-encoded (4 characters per 3 bytes). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
const base64Chunk = z
  .string()
  .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64 attendu.' });

export const csvMappingSchema = z
  .object({
    name: mappingName,
    delimiter: z.string().min(1).max(4).optional(),
    header: z.boolean(),
    columns: z.record(z.string().min(1).max(100), z.union([z.string().min(1).max(200), z.number().int().min(0).max(10_000)])),
    timestampFormat: z.string().min(1).max(100).optional(),
    constants: z.record(z.string().min(1).max(100), z.string().max(500)).optional(),
  })
  .strict();

const importOptions = {
  format: formatChoice.default('auto'),
  timezone: timezone.optional(),
  csvMapping: mappingName.optional(),
};

const importId = z.object({ importId: z.number().int().positive() }).strict();
const uploadId = z.object({ uploadId: z.uuid() }).strict();

export const ingestOps = {
  'ingest.importPaths': op<{ importIds: number[] }>()(
    z.object({ paths: z.array(absolutePath).min(1).max(100), ...importOptions }).strict(),
    WRITERS,
  ),
  'ingest.cancel': op<ImportRow>()(importId, WRITERS),
  'ingest.resume': op<{ importId: number }>()(importId, WRITERS),
  'ingest.imports': op<Page<ImportRow>>()(pageInput, 'any'),
  'ingest.get': op<ImportRow>()(importId, 'any'),
  'ingest.upload.begin': op<{ uploadId: string; importId: number }>()(
    z
      .object({
        name: z.string().trim().min(1).max(255),
        size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        ...importOptions,
      })
      .strict(),
    WRITERS,
  ),
  'ingest.upload.chunk': op<{ receivedBytes: number }>()(
    z.object({ uploadId: z.uuid(), seq: z.number().int().min(0), data: base64Chunk }).strict(),
    WRITERS,
  ),
  'ingest.upload.commit': op<{ importId: number }>()(uploadId, WRITERS),
  'ingest.upload.abort': op<{ importId: number }>()(uploadId, WRITERS),
  'quarantine.list': op<Page<QuarantineRow>>()(
    pageInput.extend({
      importId: z.number().int().positive().optional(),
      code: z.enum(QUARANTINE_CODES).optional(),
      /** Default: only records not yet resolved. */
      includeResolved: z.boolean().default(false),
    }),
    'any',
  ),
  'quarantine.reprocess': op<ReprocessResult>()(
    z
      .object({
        ids: z.array(z.number().int().positive()).min(1).max(1000).optional(),
        all: z.boolean().optional(),
        format: formatChoice.optional(),
      })
      .strict()
      .refine((v) => (v.ids !== undefined) !== (v.all === true), { message: 'Indiquez soit ids, soit all: true.' }),
    WRITERS,
  ),
  'csvMappings.list': op<CsvMapping[]>()(z.object({}).strict(), 'any'),
  'csvMappings.save': op<CsvMapping>()(z.object({ mapping: csvMappingSchema }).strict(), WRITERS),
  'csvMappings.delete': op<{ deleted: boolean }>()(z.object({ name: mappingName }).strict(), WRITERS),
  /** A draft mapping on the first records of a sample text (read by the UI) or of a file of this machine. */
  'csvMappings.preview': op<CsvPreview>()(
    z
      .object({
        mapping: csvMappingSchema,
        sample: z.string().max(256 * 1024).optional(),
        path: absolutePath.optional(),
      })
      .strict()
      .refine((v) => (v.sample !== undefined) !== (v.path !== undefined), { message: 'Indiquez soit sample, soit path.' }),
    WRITERS,
  ),
} as const;
