import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Aftertalk',
    description: 'New conference talk recordings from media.ccc.de in your toolbar.',
    // Why each permission: README "Permissions". The schedule hosts come from the content
    // script's `matches` (lib/schedule/hosts.ts); WXT adds them to host_permissions.
    permissions: ['storage', 'alarms', 'scripting', 'activeTab', 'notifications'],
    host_permissions: ['https://media.ccc.de/*'],
    optional_host_permissions: ['*://*/*'],
  },
});
