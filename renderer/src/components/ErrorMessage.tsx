import { useErrorText } from '../hooks/useErrorText';

export function ErrorMessage({ error, testId = 'error-message' }: { error: unknown; testId?: string }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p className="error-message" role="alert" data-testid={testId}>
      {text(error)}
    </p>
  );
}
