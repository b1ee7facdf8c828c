/**
 * The Firefox build in a real Firefox (Debian's ESR), driven over Marionette (tests/firefox/marionette.ts):
 * installed as a temporary add-on, its background polls a fixture feed (the fake internet of the
 * Chromium tests, reached through a local CONNECT proxy), and its popup and options pages work.
 * Run by `npm run test:firefox` and by `npm test`; writes test-results/firefox.json with the counts.
 *
 *     vite-node tests/firefox/run.ts
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { FakeInternet } from '../e2e/fake-internet';
import {
  displayTitle,
  SAMPLE_NEW_TALKS,
  SAMPLE_TALKS,
  sampleFeed,
  sampleFeedWithNewTalks,
} from '../support/sample-feed';
import { launchFirefox, until, type LaunchedFirefox, type Marionette } from './marionette';
import { scheduleBoxTests } from './schedule-box';

const GECKO_ID = '{b9e62d22-24d2-450a-892d-b3bf260d6456}';
/** Fixed through `extensions.webextensions.uuids`, so the extension's pages have a known address. */
const UUID = '7d9c3a52-2f41-4d7e-9b1a-5c3e8f0a6b21';
const ORIGIN = `moz-extension://${UUID}`;
const BUILD = resolve('.output/firefox-mv3');
const HQ_FEED = 'https://media.ccc.de/podcast-hq.xml';
const FIREFOX = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find(
  (path): path is string => !!path && existsSync(path),
);

const results = { passed: 0, failed: 0, skipped: 0, failedNames: [] as string[] };
const report = () => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/firefox.json', JSON.stringify(results));
  console.log(`Firefox: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
};

if (!FIREFOX || !existsSync(`${BUILD}/manifest.json`)) {
  const why = !FIREFOX
    ? 'no Firefox installed (apt-get install firefox-esr)'
    : `no Firefox build in ${BUILD} (npx wxt build -b firefox)`;
  // In CI a missing Firefox is a failure, never a silent skip.
  if (process.env.CI) results.failed++;
  else results.skipped++;
  console.log(`Firefox tests not run: ${why}.`);
  report();
  process.exit(process.env.CI ? 1 : 0);
}

/** An HTTP proxy that tunnels every CONNECT to the fake internet, whatever host was asked for. */
function tunnelTo(port: number): Promise<{ port: number; close(): void }> {
  const proxy = createServer((_, response) => response.writeHead(502).end());
  proxy.on('connect', (_request, client, head) => {
    if (process.env.DEBUG_FIREFOX) console.log('CONNECT', _request.url);
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return new Promise((done) =>
    proxy.listen(0, '127.0.0.1', () =>
      done({ port: (proxy.address() as AddressInfo).port, close: () => proxy.close() }),
    ),
  );
}

class ExtensionPages {
  constructor(private readonly firefox: LaunchedFirefox) {}

  get marionette(): Marionette {
    return this.firefox.marionette;
  }

  /** Opens an extension page in the current tab (Marionette may not navigate to moz-extension: itself). */
  async open(path: string): Promise<void> {
    const { marionette } = this.firefox;
    const url = `${ORIGIN}/${path}`;
    await marionette.send('Marionette:SetContext', { value: 'chrome' });
    await marionette.send('WebDriver:ExecuteScript', {
      script: `const win = Services.wm.getMostRecentWindow('navigator:browser');
        const tab = win.gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        win.gBrowser.selectedTab = tab;`,
      args: [url],
    });
    await marionette.send('Marionette:SetContext', { value: 'content' });
    await until(`the tab with ${path}`, async () => {
      const answer = await marionette.send<string[] | { value: string[] }>('WebDriver:GetWindowHandles');
      for (const handle of Array.isArray(answer) ? answer : answer.value) {
        await marionette.send('WebDriver:SwitchToWindow', { handle, focus: true });
        const { value } = await marionette.send<{ value: string }>('WebDriver:GetCurrentURL');
        if (value === url) return true;
      }
      return false;
    });
  }

  /** Runs `body` (an async function body; `browser` is the extension API) in the current page. */
  async run<T>(body: string, ...args: unknown[]): Promise<T> {
    const script = `const done = arguments[arguments.length - 1];
      const args = Array.from(arguments).slice(0, -1);
      const page = window.wrappedJSObject ?? window;
      const browser = page.browser ?? page.chrome;
      (async () => { ${body} })().then((value) => done({ ok: true, value }), (error) => done({ ok: false, error: String(error) }));`;
    const { value } = await this.firefox.marionette.send<{ value: { ok: boolean; value?: T; error?: string } }>(
      'WebDriver:ExecuteAsyncScript',
      { script, args },
    );
    if (!value.ok) throw new Error(value.error);
    return value.value as T;
  }

  text(): Promise<string> {
    return this.run<string>('return document.body.innerText;');
  }
}

const tests: [name: string, body: (pages: ExtensionPages, internet: FakeInternet) => Promise<void>][] = [
  [
    'the background polls the feed on install and the popup lists the talks',
    async (pages) => {
      await pages.open('popup.html');
      const title = displayTitle(SAMPLE_TALKS[0]!);
      await until('the talks in the popup', async () => (await pages.text()).includes(title)).catch(
        async (error: Error) => {
          const probe = await pages.run<string>(`const out = {};
          try { out.storage = Object.keys(await browser.storage.local.get(null)); out.status = JSON.stringify((await browser.storage.local.get('syncStatus')).syncStatus).slice(0, 300); } catch (e) { out.storageError = String(e); }
          try { out.idb = await new Promise((res) => { const r = indexedDB.open('aftertalk'); r.onsuccess = () => res('ok v' + r.result.version); r.onerror = () => res('error ' + r.error); setTimeout(() => res('timeout'), 3000); }); } catch (e) { out.idbError = String(e); }
          return JSON.stringify(out);`);
          throw new Error(`${error.message}; the popup says: ${(await pages.text()).slice(0, 300)}; ${probe}`);
        },
      );
      const status = await pages.run<{ lastError: unknown; lastSuccessAt: number }>(
        "return (await browser.storage.local.get('syncStatus')).syncStatus;",
      );
      if (status.lastError || !status.lastSuccessAt) throw new Error(`sync status: ${JSON.stringify(status)}`);
    },
  ],
  [
    'search finds a talk by a word of its title',
    async (pages) => {
      const title = displayTitle(SAMPLE_TALKS[1]!);
      const word = title.split(/\s+/).find((w) => w.length > 5) ?? title;
      await pages.run(
        "const field = document.querySelector('input[type=search]'); field.focus(); field.value = args[0]; field.dispatchEvent(new Event('input', { bubbles: true }));",
        word,
      );
      await until(`results for "${word}"`, async () =>
        (
          await pages.run<string>("return document.querySelector('[data-testid=search-results]')?.innerText ?? '';")
        ).includes(title),
      );
      await pages.run(
        "const field = document.querySelector('input[type=search]'); field.value = ''; field.dispatchEvent(new Event('input', { bubbles: true }));",
      );
    },
  ],
  [
    'new talks from the next poll light up the badge and the tooltip',
    async (pages, internet) => {
      internet.serveFeed(HQ_FEED, sampleFeedWithNewTalks());
      await pages.run("await browser.runtime.sendMessage({ type: 'sync-now' });");
      const count = String(SAMPLE_NEW_TALKS.length);
      await until(
        'the badge',
        async () => (await pages.run<string>('return browser.action.getBadgeText({});')) === count,
      );
      const tooltip = await pages.run<string>('return browser.action.getTitle({});');
      if (tooltip !== `Aftertalk: ${count} new talks`) throw new Error(`tooltip: ${tooltip}`);
      await until('the new talks in the popup', async () =>
        (await pages.text()).includes(displayTitle(SAMPLE_NEW_TALKS[0]!)),
      );
    },
  ],
  [
    'the options page shows the archive and the settings',
    async (pages) => {
      await pages.open('options.html');
      await until('the options page', async () => {
        const text = await pages.text();
        return (
          text.includes('Aftertalk settings') && text.includes('Notifications') && /\d+ talks in the archive/.test(text)
        );
      });
    },
  ],
  // Last: they navigate the current tab away from the extension's pages.
  ...scheduleBoxTests,
];

const internet = new FakeInternet();
await internet.start();
internet.serveFeed(HQ_FEED, sampleFeed());
const proxy = await tunnelTo(internet.port);
let firefox: LaunchedFirefox | undefined;
try {
  firefox = await launchFirefox(FIREFOX, {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxy.port,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxy.port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'intl.locale.requested': 'en-US',
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.update.disabledForTesting': true,
    'extensions.update.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    // fosdem.org is on the HSTS preload list, whose hosts accept no certificate exception.
    'network.stricttransportsecurity.preloadlist': false,
  });
  // The fake internet's certificate is self-signed; the session's acceptInsecureCerts covers its
  // tabs only, not the add-on's background, so certificate checks are turned off browser-wide.
  await firefox.marionette.send('Marionette:SetContext', { value: 'chrome' });
  await firefox.marionette.send('WebDriver:ExecuteScript', {
    script: `Cc['@mozilla.org/security/certoverride;1'].getService(Ci.nsICertOverrideService).setDisableAllSecurityChecksAndLetAttackersInterceptMyData(true);`,
    args: [],
  });
  await firefox.marionette.send('Marionette:SetContext', { value: 'content' });
  const { value: id } = await firefox.marionette.send<{ value: string }>('Addon:Install', {
    path: BUILD,
    temporary: true,
  });
  if (id !== GECKO_ID) throw new Error(`installed ${id}, expected ${GECKO_ID}`);
  const pages = new ExtensionPages(firefox);
  for (const [name, body] of tests) {
    try {
      await body(pages, internet);
      results.passed++;
      console.log(`  ✓ ${name}`);
    } catch (error) {
      results.failed++;
      results.failedNames.push(name);
      console.log(`  ✗ ${name}\n    ${String(error).slice(0, 600)}`);
    }
  }
} catch (error) {
  results.failed += tests.length - results.passed - results.failed || 1;
  console.log(`Firefox could not be driven: ${String(error).slice(0, 600)}`);
} finally {
  await firefox?.close();
  proxy.close();
  await internet.stop();
}
report();
process.exit(results.failed > 0 ? 1 : 0);
