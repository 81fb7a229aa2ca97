import type { OpOutput, Severity } from '@contract';

/** Shapes of the detection operations, read from the contract (types only). */
export type RuleRow = OpOutput<'detection.rules.list'>[number];
export type RuleValidation = OpOutput<'detection.rules.validate'>;
export type RuleProblem = RuleValidation['problems'][number];
export type RuleImportReport = OpOutput<'detection.rules.import'>;
export type RuleTestResult = OpOutput<'detection.rules.testRecent'>;
export type RetroTask = OpOutput<'detection.status'>['tasks'][number];
export type WatchEntry = OpOutput<'watchlist.list'>[number];
export type RuleLevel = NonNullable<RuleRow['level']>;

/** A Sigma level shown with the alert severity badge. */
export function levelSeverity(level: RuleLevel): Severity {
  return level === 'informational' ? 'info' : level;
}

/** The task name of a retro-hunt in `progress` events. */
export const retroTaskName = (taskId: string) => `detection.retroHunt:${taskId}`;
