import type { ApiError, ErrorCode } from './contract';

/**
 * The one error type the engine throws on purpose. Its code and message
 * travel to the UI unchanged inside the `{ ok: false, error }` envelope;
 * anything else becomes INTERNAL with a generic message (details are logged,
 * never sent).
 */
export class VigieError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'VigieError';
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isVigieError(e: unknown): e is VigieError {
  return e instanceof VigieError;
}
