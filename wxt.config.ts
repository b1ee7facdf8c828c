import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Aftertalk',
    description: 'New conference talk recordings from media.ccc.de in your toolbar.',
    permissions: ['storage', 'alarms'],
    host_permissions: ['https://media.ccc.de/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
});
