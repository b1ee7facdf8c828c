/**
 * Gzip sizes of what the built extension (.output/chrome-mv3) makes the browser load: the
 * schedule-page content script (parsed on every schedule page a user opens, so it has a target),
 * the background worker, and each extension page with every script it loads (its entry module
 * and the chunks that imports, directly or not).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './types';

const SECTION = 'Bundles (Chromium build, gzip -9)';
const CONTENT_SCRIPT_TARGET_KB = 25;

const gzipKb = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).byteLength / 1024;

/** The module and every module it imports statically (relative specifiers, as Vite emits them). */
function moduleGraph(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const match of code.matchAll(/(?:\bimport|\bfrom)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(join(file, '..', match[1]!).replace(/^\/+/, ''));
    }
  };
  visit(entry);
  return [...seen];
}

function pageScripts(dir: string, page: string): string[] {
  const html = readFileSync(join(dir, page), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set(entries.flatMap((entry) => moduleGraph(dir, entry)))];
}

export function bundleRows(dir = '.output/chrome-mv3'): BenchRow[] {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no extension build in ${dir}: run \`wxt build\` first`);
  const size = (files: string[]) => files.reduce((kb, file) => kb + gzipKb(readFileSync(join(dir, file))), 0);
  const row = (name: string, files: string[], extra: Partial<BenchRow> = {}): BenchRow => ({
    section: SECTION,
    name,
    items: null,
    value: size(files),
    unit: 'KB',
    note: files.join(', '),
    ...extra,
  });
  const content = row('content script (schedule pages)', ['content-scripts/schedule.js']);
  content.target = `≤ ${CONTENT_SCRIPT_TARGET_KB} KB`;
  content.met = content.value <= CONTENT_SCRIPT_TARGET_KB;
  return [
    content,
    row('background worker', ['background.js']),
    ...['popup.html', 'options.html', 'welcome.html']
      .filter((page) => existsSync(join(dir, page)))
      .map((page) => row(`${page.replace('.html', '')} page scripts`, pageScripts(dir, page))),
  ];
}
