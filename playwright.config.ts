import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  // Each test starts its own Chromium with a fresh profile; two cores run two at a time.
  workers: process.env.CI ? 2 : undefined,
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // CI runs on a shared 2-core machine right after a session: one retry keeps a test that lost a
  // race with the machine's load from failing the run; a test that breaks fails both times. Every
  // retried test is named at the end of `npm test` ("passed only on a retry"), so flakes stay seen.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]]
    : [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/artifacts',
});
