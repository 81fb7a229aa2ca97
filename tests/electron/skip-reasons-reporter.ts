/** Prints why tests were skipped (the list reporter only shows their titles). */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonsReporter implements Reporter {
  private readonly reasons = new Map<string, string[]>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description || 'no reason given';
    const titles = this.reasons.get(reason) ?? [];
    titles.push(test.title);
    this.reasons.set(reason, titles);
  }

  onEnd(): void {
    for (const [reason, titles] of this.reasons) {
      console.log(`\nSkipped ${titles.length} test(s): ${reason}`);
    }
  }

  printsToStdio(): boolean {
    return false;
  }
}
