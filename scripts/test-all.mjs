#!/usr/bin/env node
// Runs every check the project has (types, unit tests, Chrome and Firefox builds, browser tests,
// a smoke run of the benchmark)
// and ends with one line `N passed, N failed, N skipped` that adds unit and browser tests up.
// A check that is not a test (type check, a build) counts as one failed test when it fails, so
// the closing line can never say "0 failed" for a run that failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
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

run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']);
const unit = readJson('test-results/unit.json');
if (unit) {
  totals.passed += unit.numPassedTests;
  totals.failed += unit.numFailedTests + (unit.numTotalTests === 0 ? 1 : 0);
  totals.skipped += unit.numPendingTests + unit.numTodoTests;
} else totals.failed++;

if (!run('Firefox build', 'npx', ['wxt', 'build', '-b', 'firefox'])) totals.failed++;
const built = run('Chrome build', 'npx', ['wxt', 'build']);
if (!built) totals.failed++;

if (built) {
  run('browser tests', 'npx', ['playwright', 'test']);
  const e2e = readJson('test-results/e2e.json');
  if (e2e?.stats) {
    totals.passed += e2e.stats.expected + e2e.stats.flaky;
    totals.failed += e2e.stats.unexpected + (e2e.errors?.length ?? 0);
    totals.skipped += e2e.stats.skipped;
  } else totals.failed++;
}

// The benchmark is not a test and never judges speed here; its smallest run only proves the
// harness still works (a broken harness counts as one failure).
if (built && !run('benchmark smoke run', 'npx', ['vite-node', '-c', 'bench/vite.config.ts', 'bench/run.ts', '--smoke'])) totals.failed++;

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) console.log('Note: no /usr/bin/chromium; set CHROMIUM_PATH to a Chromium build.');
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || failures.length > 0 ? 1 : 0);
