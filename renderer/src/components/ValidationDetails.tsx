import { ApiCallError } from '../api/client';

interface Issue {
  path: string;
  message: string;
}

function issuesOf(error: unknown): Issue[] {
  if (!(error instanceof ApiCallError) || !Array.isArray(error.details)) return [];
  return error.details.filter(
    (d): d is Issue => typeof d === 'object' && d !== null && typeof (d as Issue).message === 'string',
  );
}

/** The engine's per-field reasons of a refused input (`VALIDATION` details), under the general message. */
export function ValidationDetails({ error }: { error: unknown }) {
  const issues = issuesOf(error);
  if (issues.length === 0) return null;
  return (
    <ul className="field-error" data-testid="validation-details">
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${i}`}>
          {issue.path ? <code>{String(issue.path)}</code> : null} {issue.message}
        </li>
      ))}
    </ul>
  );
}
