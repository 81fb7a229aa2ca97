/**
 * Redaction of everything that may reach a log: secrets, patient identifiers,
 * key material. Pure functions, no I/O; `redact` deep-copies its input and
 * never mutates it.
 */

export interface RedactOptions {
  /** Keyed pseudonymisation of patient identifiers; without it they become '[PATIENT]'. */
  pseudonymise?: (id: string) => string;
  /** Nesting depth beyond which values become '[Truncated]' (default 8). */
  maxDepth?: number;
}

export const REDACTED = '[REDACTED]';
export const PATIENT = '[PATIENT]';

const SECRET_KEY = /pass(word|phrase)?|secret|token|api[-_]?key|authorization|cookie|credential|private[-_]?key|^key$|rawKey/i;
const PATIENT_KEY = /^(patient(Id|_id|Ref)?|nir|ins|ipp|nss|mrn)$/i;
const PATIENT_KEYS_EXACT = new Set(['health.patient.id']);

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function isPatientKey(key: string): boolean {
  return PATIENT_KEYS_EXACT.has(key) || PATIENT_KEY.test(key);
}

// ---------------------------------------------------------------- strings

const SEP = '[ \\u00a0\\u202f]?';
/**
 * French NIR (numéro de sécurité sociale): sex (1,2,3,4,7,8), year, month,
 * department (2 digits or Corsican 2A/2B), commune, order, optional 2-digit key;
 * spaces allowed between groups. Not glued to other letters or digits.
 */
const NIR = new RegExp(
  `(?<![0-9A-Za-z])[1-478]${SEP}\\d{2}${SEP}\\d{2}${SEP}(?:\\d{2}|2[ABab])${SEP}\\d{3}${SEP}\\d{3}(?:${SEP}\\d{2})?(?![0-9A-Za-z])`,
  'g',
);
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi;
/** SQLCipher raw key literal: x'<64 or more hex digits>' (optionally with a salt appended). */
const RAW_KEY = /\b[xX]'[0-9A-Fa-f]{64,}'/g;
/** `PRAGMA key = '…'` / `PRAGMA rekey = "…"`. */
const PRAGMA_KEY = /\b(PRAGMA\s+(?:re)?key\s*=\s*)("[^"]*"|'[^']*'|[^\s;]+)/gi;
/** key=value / key: value pairs whose name says secret (query strings, kv logs, JSON-ish text). */
const SECRET_PAIR =
  /\b((?:[A-Za-z]+[_-])?(?:pass(?:word|phrase)?|passwd|pwd|token|secret|api[_-]?key|client[_-]?secret)|mot[_ -]?de[_ -]?passe)(["']?\s*[=:]\s*)(\[REDACTED\]|"[^"]*"|'[^']*'|[^\s&;,"'}\]]+)/gi;

/** Redact secrets, key material and NIR numbers inside free text. Idempotent. */
export function redactString(text: string): string {
  let out = text.replace(RAW_KEY, REDACTED);
  out = out.replace(PRAGMA_KEY, (_m, head: string, value: string) => head + quoteLike(value, REDACTED));
  out = out.replace(BEARER, 'Bearer ' + REDACTED);
  out = out.replace(SECRET_PAIR, (m, name: string, sep: string, value: string) =>
    value === REDACTED ? m : name + sep + quoteLike(value, REDACTED),
  );
  out = out.replace(NIR, '[NIR]');
  return out;
}

function quoteLike(original: string, replacement: string): string {
  const q = original[0];
  return (q === '"' || q === "'") && original.endsWith(q) && original.length >= 2 ? q + replacement + q : replacement;
}

// ---------------------------------------------------------------- values

/**
 * Deep copy of `value` with secrets and patient identifiers removed.
 * Cycle-safe ('[Circular]') and depth-limited ('[Truncated]').
 */
export function redact(value: unknown, opts: RedactOptions = {}): unknown {
  return walk(value, opts, opts.maxDepth ?? 8, new Set<object>());
}

function walk(value: unknown, opts: RedactOptions, depth: number, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
      return redactString(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  const obj = value as object;
  if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer || obj instanceof SharedArrayBuffer) {
    return `[binary ${obj.byteLength} bytes]`;
  }
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (obj instanceof URL) return redactString(obj.toString());
  if (obj instanceof RegExp) return obj.toString();
  if (ancestors.has(obj)) return '[Circular]';
  if (depth <= 0) return '[Truncated]';

  ancestors.add(obj);
  try {
    if (obj instanceof Error) return walkError(obj, opts, depth, ancestors);
    if (Array.isArray(obj)) return obj.map((item) => walk(item, opts, depth - 1, ancestors));
    if (obj instanceof Set) return [...obj].map((item) => walk(item, opts, depth - 1, ancestors));
    if (obj instanceof Map) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of obj) out[String(k)] = walkEntry(String(k), v, opts, depth, ancestors);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      out[key] = walkEntry(key, (obj as Record<string, unknown>)[key], opts, depth, ancestors);
    }
    return out;
  } finally {
    ancestors.delete(obj);
  }
}

function walkEntry(key: string, value: unknown, opts: RedactOptions, depth: number, ancestors: Set<object>): unknown {
  if (isPatientKey(key)) return patientValue(value, opts);
  if (isSecretKey(key)) return value === null || value === undefined || typeof value === 'boolean' ? value : REDACTED;
  return walk(value, opts, depth - 1, ancestors);
}

function patientValue(value: unknown, opts: RedactOptions): unknown {
  if (value === null || value === undefined) return value;
  if ((typeof value === 'string' || typeof value === 'number') && opts.pseudonymise) {
    try {
      return opts.pseudonymise(String(value));
    } catch {
      return PATIENT;
    }
  }
  return PATIENT;
}

function walkError(err: Error, opts: RedactOptions, depth: number, ancestors: Set<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: err.name,
    message: redactString(String(err.message)),
  };
  if (typeof err.stack === 'string') out.stack = redactString(err.stack);
  for (const key of Object.keys(err)) {
    if (key === 'name' || key === 'message' || key === 'stack') continue;
    out[key] = walkEntry(key, (err as unknown as Record<string, unknown>)[key], opts, depth, ancestors);
  }
  if (err.cause !== undefined && !('cause' in out)) out.cause = walk(err.cause, opts, depth - 1, ancestors);
  return out;
}
