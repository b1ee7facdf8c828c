/**
 * Vite config for running the Node half of the benchmark with vite-node:
 *
 *     vite-node -c bench/vite.config.ts bench/node-main.ts [--smoke]
 *
 * The same WXT plugin as vitest.config.ts, so `wxt/browser` resolves to WXT's fake browser
 * (lib/poll/sync.ts keeps its status in `browser.storage.local`) and `@/` imports resolve as in tests.
 */
import { defineConfig } from 'vite';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
});
