import { useTranslation } from 'react-i18next';
import type { RuleProblem } from './types';

/** Why documents were refused: file, rule id, line and the engine's reason (in French). */
export function ProblemList({ problems, testId }: { problems: RuleProblem[]; testId: string }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul className="rule-problems" data-testid={testId}>
      {problems.map((p, i) => (
        <li key={`${p.file}-${p.doc}-${i}`} data-testid="rule-problem" data-line={p.line ?? ''}>
          {p.line !== null && <strong data-testid="rule-problem-line">{t('rules.problem.line', { line: p.line })}</strong>}{' '}
          <span className="muted">{[p.file, p.id ?? p.title].filter(Boolean).join(' · ')}</span>{' '}
          <code>{p.code}</code>{' '}
          <span data-testid="rule-problem-reason">
            {p.reason}
          </span>
        </li>
      ))}
    </ul>
  );
}
