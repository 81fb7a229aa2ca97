import { VigieError } from '../api/errors';

/** What the parser (or the compiler) expected where the query went wrong: i18n-friendly codes. */
export type Expected =
  | 'term'
  | 'value'
  | 'field'
  | 'operator'
  | 'end'
  | ')'
  | ']'
  | 'TO'
  | '"'
  | 'character'
  | 'number'
  | 'date'
  | 'boolean'
  | 'severity'
  | 'ip';

/**
 * A query that cannot be parsed or compiled, with the 0-based offset (in
 * UTF-16 code units, as JavaScript strings and text inputs count) where the
 * problem starts.
 */
export class QuerySyntaxError extends Error {
  constructor(
    readonly position: number,
    message: string,
    readonly expected: readonly Expected[] = [],
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }

  /** The error the API returns: VALIDATION with `{ position, expected }`. */
  toVigieError(): VigieError {
    return new VigieError('VALIDATION', `Requête invalide (position ${this.position + 1}) : ${this.message}`, {
      position: this.position,
      expected: [...this.expected],
    });
  }
}

/** Runs `fn`, turning a QuerySyntaxError into the API's VALIDATION error. */
export function asValidation<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw e.toVigieError();
    throw e;
  }
}
