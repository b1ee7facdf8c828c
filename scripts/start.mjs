#!/usr/bin/env node
// `npm start`: builds the extension and starts Chromium (or Chrome) with it loaded, in a profile
// of its own under .tmp/profile, with the popup open in a tab. It polls the real media.ccc.de feed.
// Set CHROMIUM_PATH to choose the browser; extra arguments are passed on to it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const browser = candidates.find((path) => path && existsSync(path));
if (!browser) {
  console.error('No Chromium found. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH.');
  process.exit(1);
}

const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const extensionDir = resolve('.output/chrome-mv3');
// Chromium names an unpacked extension after the SHA-256 of its folder path, hex digits read as a-p.
const id = [...createHash('sha256').update(extensionDir).digest('hex').slice(0, 32)]
  .map((c) => String.fromCharCode(97 + parseInt(c, 16)))
  .join('');
const profile = resolve('.tmp/profile');
mkdirSync(profile, { recursive: true });

const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${extensionDir}`,
  `--load-extension=${extensionDir}`,
  '--no-first-run',
  '--no-default-browser-check',
  ...process.argv.slice(2),
  `chrome-extension://${id}/popup.html`,
];
console.log(`Starting ${browser} with Aftertalk (${id}). Close the browser to stop.`);
const child = spawn(browser, args, { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
