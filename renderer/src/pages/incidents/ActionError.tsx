import { ApiCallError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ValidationDetails } from '../../components/ValidationDetails';

/** Codes whose engine message says precisely what to fix (it is written in French). */
const SPECIFIC = new Set(['VALIDATION', 'CONFLICT', 'NOT_FOUND', 'VAULT_CORRUPT']);

/** A refused action: the general message in the interface language, then the engine's own reason. */
export function ActionError({ error, testId = 'action-error' }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const reason = error instanceof ApiCallError && SPECIFIC.has(error.code) ? error.message : null;
  return (
    <div className="action-error" data-testid={testId}>
      <ErrorMessage error={error} testId={`${testId}-message`} />
      {reason && (
        <p className="field-error" lang="fr" data-testid={`${testId}-reason`}>
          {reason}
        </p>
      )}
      <ValidationDetails error={error} />
    </div>
  );
}
