import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { OPERATOR, STRONG_PASSPHRASE } from './data';
import { startEngine, type Engine } from './engine';

interface Options {
  /** Page errors this test provokes on purpose (anything else still fails it). */
  expectedPageErrors: RegExp | null;
}

interface Fixtures {
  /** A fresh engine (own data folder, own port and token) for this test. */
  engine: Engine;
  /** A vault created through the API, and the page opened on the unlocked shell. */
  unlocked: Page;
}

/** Saves a screenshot as an artifact of the test: test-results/<test>/<name>.png. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

export const test = base.extend<Fixtures & Options>({
  expectedPageErrors: [null, { option: true }],

  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function destructures
  engine: async ({}, use, testInfo) => {
    const engine = await startEngine();
    await use(engine);
    await engine.stop();
    if (testInfo.status !== testInfo.expectedStatus && engine.stderr()) {
      await testInfo.attach('engine-stderr', { body: engine.stderr(), contentType: 'text/plain' });
    }
  },

  // Every page fails its test on an uncaught error or a Content-Security-Policy violation. The page depends on the
  // engine so the engine outlives the checks: a call still in flight when the test ends is not cut by its shutdown.
  page: async ({ page, expectedPageErrors, engine: _engine }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => {
      if (!expectedPageErrors?.test(e.message)) problems.push(`pageerror: ${e.message}`);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`csp: ${msg.text()}`);
    });
    await use(page);
    expect(problems, 'uncaught errors or CSP violations in the page').toEqual([]);
  },

  unlocked: async ({ page, engine }, use) => {
    await engine.call('vault.create', { passphrase: STRONG_PASSPHRASE, operator: OPERATOR });
    await page.goto(engine.url);
    await expect(page.getByTestId('shell')).toBeVisible();
    await use(page);
  },
});

export { expect };
