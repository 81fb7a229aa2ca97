import { defineConfig } from '@playwright/test';

// Desktop shell tests (`npx playwright test -c playwright.electron.config.ts`).
// Needs the Electron binary and a build (`npx electron-vite build`); without the
// binary every test is skipped and the reason is printed.
export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  workers: 1,
  fullyParallel: false,
  outputDir: 'test-results/electron',
  reporter: [['list'], ['./tests/electron/skip-reasons-reporter.ts']],
});
