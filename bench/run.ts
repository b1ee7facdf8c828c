/**
 * `npm run bench`: the Node half (parse floor, rss-parser, sync phases, related index, the
 * whole-catalogue import) and the browser half (the built extension in headless Chromium), one
 * table, and bench/results/latest.{json,md}.
 *
 *     npm run bench                 # feeds of 2,000 and 20,000 items, catalogues of 2,000 and 30,000 talks
 *     npm run bench -- --smoke      # 2,000 of each, one run: keeps the harness working (CI)
 *
 * Never fails on slow numbers: it reports them. It fails only when something could not run.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { runBrowserBench } from './browser';
import { bundleRows } from './bundles';
import { runCatalogueBrowserBench } from './catalogue-browser';
import { runCatalogueNodeBench } from './catalogue-node';
import { comparisonArchive, runLibraryComparison } from './library';
import { runNodeBench } from './node';
import { formatTable, writeReport } from './report';

const smoke = process.argv.includes('--smoke');
const sizes = smoke ? [2000] : [2000, 20000];
/** media.ccc.de lists about 30,000 talks in all; 2,000 is the small size. */
const catalogueSizes = smoke ? [2000] : [2000, 30000];
const runs = smoke ? 1 : 5;
const browserRuns = smoke ? 1 : 3;

function chromiumVersion(): string | undefined {
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const started = performance.now();
const nodeRows = [
  ...(await runNodeBench({ sizes, runs })),
  ...(await runCatalogueNodeBench({ sizes: catalogueSizes, runs })),
  // Ours against MiniSearch on an archive of the catalogue's size.
  ...runLibraryComparison(comparisonArchive(Math.max(...catalogueSizes)), runs, (what) =>
    process.stderr.write(`[node bench] ${what}\n`),
  ),
];
const browserRows = [
  ...(await runBrowserBench({ sizes, runs: browserRuns })),
  // Two runs: 30,000 talks take about three minutes a run, two of them the extension's pauses.
  ...(await runCatalogueBrowserBench({ sizes: catalogueSizes, runs: Math.min(browserRuns, 2) })),
];
const rows = [...bundleRows(), ...nodeRows, ...browserRows];
const cpu = cpus();
const meta = {
  date: new Date().toISOString(),
  machine: `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores`,
  node: process.version,
  chromium: chromiumVersion(),
};
console.log(formatTable(rows));
const written = await writeReport(rows, meta, smoke ? 'bench/results/smoke' : 'bench/results');
console.log(
  `\nWrote ${written.markdown} and ${written.json} in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
);
