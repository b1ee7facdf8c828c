import { type BrowserContext, chromium, test as base, type Worker } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeInternet } from './fake-internet';
import { RELIVE_HOST, STREAMING_HOST } from '../../lib/live/types';

export const EXTENSION_DIR = resolve(process.env.AFTERTALK_EXTENSION_DIR ?? '.output/chrome-mv3');

/** Debian's Chromium unless CHROMIUM_PATH says otherwise; Playwright's own browser as a last resort. */
function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export interface LaunchedExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

export interface ExtensionFixtures {
  internet: FakeInternet;
  /**
   * Starts Chromium with a fresh profile and the built extension. Configure `internet` first:
   * the extension polls the feed the moment it is installed.
   */
  launchExtension: (options?: LaunchOptions) => Promise<LaunchedExtension>;
}

export interface LaunchOptions {
  /** The browser's UI language (what `i18n.getUILanguage` answers and the catalogue it uses). */
  language?: string;
  /**
   * The test build of the live feature: a copy of the extension whose manifest holds the optional
   * streaming hosts as required, so Chromium grants them at install and no prompt is needed
   * (headless Chromium cannot answer one). The shipped manifest keeps them optional.
   */
  liveHosts?: boolean;
}

/** A copy of the built extension with the streaming hosts among its required host permissions. */
function withLiveHosts(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'aftertalk-live-ext-'));
  cpSync(dir, copy, { recursive: true });
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [
    ...(manifest.host_permissions ?? []),
    `https://${STREAMING_HOST}/*`,
    `https://${RELIVE_HOST}/*`,
  ];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return copy;
}

/** Chromium with a fresh profile and the built extension, its internet being `internet`. */
export async function launchChromiumWithExtension(
  internet: FakeInternet,
  { language, liveHosts }: LaunchOptions = {},
): Promise<LaunchedExtension & { close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'aftertalk-profile-'));
  const extensionDir = liveHosts ? withLiveHosts(EXTENSION_DIR) : EXTENSION_DIR;
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: chromiumExecutable(),
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...internet.chromiumArgs(),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(language ? [`--lang=${language}`] : []),
    ],
    ...(language ? { locale: language, env: { ...process.env, LANGUAGE: language, LANG: `${language}.UTF-8` } } : {}),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (extensionDir !== EXTENSION_DIR) rmSync(extensionDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<ExtensionFixtures>({
  internet: async ({}, use) => {
    const internet = new FakeInternet();
    await internet.start();
    // Pages whose talk is not in the archive ask media.ccc.de's archive: a fake of its API answers.
    internet.serveVoctowebApi();
    await use(internet);
    await internet.stop();
  },
  launchExtension: async ({ internet }, use) => {
    let launched: Awaited<ReturnType<typeof launchChromiumWithExtension>> | undefined;
    await use(async (options) => {
      launched = await launchChromiumWithExtension(internet, options);
      return launched;
    });
    await launched?.close();
  },
});

export const expect = test.expect;
