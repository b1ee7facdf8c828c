import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { MEDIA_HOSTS } from './lib/http-url';

/**
 * The extension pages' (and the worker's) content security policy. Nothing but our own files,
 * with three exceptions: pictures from media.ccc.de's hosts (thumbnails; the same hosts the feed's
 * links must be on, lib/http-url.ts), requests to any http(s) host, since a custom feed may be
 * anywhere (the options page accepts http too) and the history client asks media.ccc.de's API, and
 * the player's media (below).
 * No plugins, no <base> tricks, no form posts. (No frame-ancestors: schedule pages frame box.html;
 * every other page of ours is not web-accessible, so the browser refuses to load it in a web page
 * anyway.) docs/reliability.md has the reasons.
 */
const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `img-src 'self' ${MEDIA_HOSTS.map((host) => `https://${host}`).join(' ')}`,
  // The player (lib/player/, docs/media-ccc-api.md "Recordings"): its <video> points only at files on
  // media.ccc.de's hosts (checked by `mediaUrl`), but cdn.media.ccc.de answers with a redirect to
  // one of many mirrors (university and hosting mirrors, chosen per request by the mirror
  // redirector, the list changing over time), and a CSP applies to every hop of a redirect: a
  // list of today's mirrors would break playback on tomorrow's. Hence any https host for media;
  // `blob:` for the subtitles, read as text and handed to <track> (lib/player/subtitles.ts).
  "media-src 'self' blob: https:",
  "connect-src 'self' https: http:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The same polyfill, without the bundler's copy of every API at startup (lib/browser-api/polyfill.cjs).
  // User aliases come before the module's, so this one wins.
  vite: () => ({
    resolve: { alias: { 'wxt/browser': fileURLToPath(new URL('./lib/browser-api/polyfill.cjs', import.meta.url)) } },
  }),
  // Firefox too gets Manifest V3 (WXT defaults to MV2 there): one `action` API, one code path.
  manifestVersion: 3,
  // `npm run zip`: the store packages, and for Firefox review the sources that build them.
  zip: {
    excludeSources: ['test-results/**', 'bench/results/**', '.tmp/**', 'playwright-report/**'],
  },
  manifest: ({ browser }) => ({
    // English and German catalogues in public/_locales (tests/unit/i18n.test.ts keeps them complete).
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // Why each permission: README "Permissions". The schedule hosts come from the content
    // script's `matches` (lib/enrich/access/hosts.ts); WXT adds them to host_permissions.
    permissions: ['storage', 'alarms', 'scripting', 'activeTab', 'notifications'],
    host_permissions: ['https://media.ccc.de/*'],
    // Asked for one host at a time: a custom feed's, a schedule site's, and the streaming hosts of
    // Live now and ReLive (lib/live/permission.ts), each only after a click on our own pages.
    optional_host_permissions: ['*://*/*'],
    // A keyboard way to the popup (changeable in the browser's shortcut settings).
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+A' }, description: '__MSG_commandOpen__' },
    },
    // Stricter than the MV3 default (EXTENSION_PAGES_CSP above).
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    // The schedule box's frame (lib/enrich/page/box-host.ts): any page of an enabled schedule host
    // may load it. In Chrome only under a per-session address, so pages cannot probe for it.
    web_accessible_resources: [
      {
        resources: ['box.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // Firefox needs a fixed id for storage.sync; Aftertalk collects no data. (Chrome would
    // warn about the unknown key, so only Firefox builds carry it.)
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: '{b9e62d22-24d2-450a-892d-b3bf260d6456}',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
