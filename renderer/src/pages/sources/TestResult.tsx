import { useTranslation } from 'react-i18next';
import type { SourceTestResult } from './types';

/** Outcome of `sources.test`: the engine's sentence (what was tried, what answered) and its warnings. */
export function TestResult({ result, name }: { result: SourceTestResult; name?: string }) {
  const { t } = useTranslation();
  return (
    <div
      className={`result-message${result.ok ? '' : ' failure'}`}
      role={result.ok ? 'status' : 'alert'}
      data-testid="source-test-result"
      data-ok={result.ok ? 'true' : 'false'}
    >
      <strong>{name ? t(result.ok ? 'sources.test.okNamed' : 'sources.test.failedNamed', { name }) : t(result.ok ? 'sources.test.ok' : 'sources.test.failed')}</strong>{' '}
      <span data-testid="source-test-message">{result.message}</span>
      {result.warnings.length > 0 && (
        <ul>
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
