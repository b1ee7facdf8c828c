import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // Browser tests live in tests/e2e and are run by Playwright, never by Vitest.
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['fake-indexeddb/auto', 'tests/support/i18n-setup.ts'],
    mockReset: true,
    restoreMocks: true,
  },
});
