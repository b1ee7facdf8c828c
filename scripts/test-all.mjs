#!/usr/bin/env node
// Runs every check the project has (types, lint, unit tests, Chrome and Firefox builds, the
// Firefox add-on linter, browser tests in Chromium and in Firefox, a smoke run of the benchmark)
// and ends with one line `N passed, N failed, N skipped` that adds unit and browser tests up.
// A check that is not a test (type check, lint, a build) counts as one failed test when it fails, so
// the closing line can never say "0 failed" for a run that failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
/** Names of the failed tests, repeated at the end so that the last lines of a CI log say which. */
const failedTests = [];
/** Browser tests that failed once and passed on their retry (playwright.config.ts). */
const flakyTests = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
}

/**
 * Mozilla's add-on linter on the Firefox build, as addons.mozilla.org would run it: errors fail
 * the check, warnings and notices are only listed.
 */
function addonLint(sourceDir) {
  const label = 'Firefox add-on lint';
  const args = ['web-ext', 'lint', '--source-dir', sourceDir, '--output', 'json'];
  console.log(`\n▶ ${label}: npx ${args.join(' ')}`);
  const result = spawnSync('npx', args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let report = null;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    console.log(result.stdout?.slice(0, 2000) ?? '');
  }
  const summary = report?.summary;
  if (!summary || typeof summary.errors !== 'number') {
    console.log(`${label}: no JSON report (exit status ${result.status}).`);
    failures.push(label);
    return false;
  }
  for (const kind of ['errors', 'warnings', 'notices']) {
    for (const m of report[kind] ?? []) {
      const where = m.file ? ` ${m.file}${m.line ? `:${m.line}` : ''}` : '';
      console.log(`  ${kind.slice(0, -1)} ${m.code}${where}: ${m.message}`);
    }
  }
  console.log(`${label}: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.notices} notices`);
  if (summary.errors > 0) {
    failures.push(label);
    return false;
  }
  return true;
}

/** Walks Playwright's JSON report: every test whose outcome was not the expected one. */
function collectPlaywrightFailures(suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = `Chromium: ${[...path, spec.title].join(' › ')}`;
        if (test.status === 'flaky') flakyTests.push(name);
        if (test.status === 'unexpected') {
          const last = test.results?.at(-1)?.error?.message?.split('\n')[0] ?? '';
          failedTests.push(`${name}${last ? ` (${last.slice(0, 200)})` : ''}`);
        }
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], path);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync('test-results', { recursive: true });
for (const file of ['test-results/unit.json', 'test-results/e2e.json']) rmSync(file, { force: true });

if (!run('type check', 'npx', ['tsc', '--noEmit', '-p', '.'])) totals.failed++;
// eslint.config.js: no HTML sinks (innerHTML, insertAdjacentHTML, dangerouslySetInnerHTML, ...), no eval.
if (!run('lint', 'npx', ['eslint', '.'])) totals.failed++;
// Formatting is Prettier's (.prettierrc.json): a file it would change fails the run.
if (!run('format check', 'npx', ['prettier', '--check', '.'])) totals.failed++;

run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/unit.json',
]);
const unit = readJson('test-results/unit.json');
if (unit) {
  totals.passed += unit.numPassedTests;
  totals.failed += unit.numFailedTests + (unit.numTotalTests === 0 ? 1 : 0);
  totals.skipped += unit.numPendingTests + unit.numTodoTests;
  for (const file of unit.testResults ?? [])
    for (const test of file.assertionResults ?? [])
      if (test.status === 'failed') failedTests.push(`unit: ${test.fullName}`);
} else totals.failed++;

const firefoxBuilt = run('Firefox build', 'npx', ['wxt', 'build', '-b', 'firefox']);
if (!firefoxBuilt) totals.failed++;
else if (!addonLint('.output/firefox-mv3')) totals.failed++;
// The Firefox build in Debian's Firefox ESR (tests/firefox/run.ts): its counts join the totals.
if (firefoxBuilt) {
  for (const file of ['test-results/firefox.json']) rmSync(file, { force: true });
  run('Firefox browser tests', 'npx', ['vite-node', '-c', 'bench/vite.config.ts', 'tests/firefox/run.ts']);
  const firefox = readJson('test-results/firefox.json');
  if (firefox) {
    totals.passed += firefox.passed;
    totals.failed += firefox.failed;
    totals.skipped += firefox.skipped;
    for (const name of firefox.failedNames ?? []) failedTests.push(`Firefox: ${name}`);
  } else totals.failed++;
}
const built = run('Chrome build', 'npx', ['wxt', 'build']);
if (!built) totals.failed++;

if (built) {
  run('browser tests', 'npx', ['playwright', 'test']);
  const e2e = readJson('test-results/e2e.json');
  if (e2e?.stats) {
    totals.passed += e2e.stats.expected + e2e.stats.flaky;
    totals.failed += e2e.stats.unexpected + (e2e.errors?.length ?? 0);
    totals.skipped += e2e.stats.skipped;
    collectPlaywrightFailures(e2e.suites ?? [], []);
    for (const error of e2e.errors ?? []) failedTests.push(`Chromium: ${String(error.message).split('\n')[0]}`);
  } else totals.failed++;
}

// The benchmark is not a test and never judges speed here; its smallest run only proves the
// harness still works (a broken harness counts as one failure).
if (built && !run('benchmark smoke run', 'npx', ['vite-node', '-c', 'bench/vite.config.ts', 'bench/run.ts', '--smoke']))
  totals.failed++;

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
for (const name of failedTests) console.log(`  ✗ ${name}`);
if (flakyTests.length) console.log(`\nPassed only on a retry (look into these):`);
for (const name of flakyTests) console.log(`  ~ ${name}`);
if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH)
  console.log('Note: no /usr/bin/chromium; set CHROMIUM_PATH to a Chromium build.');
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || failures.length > 0 ? 1 : 0);
