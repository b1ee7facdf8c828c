/**
 * Runs only the Node half of the benchmark and prints its table:
 *
 *     vite-node -c bench/vite.config.ts bench/node-main.ts            # 2,000 + 20,000 items, 5 runs
 *     vite-node -c bench/vite.config.ts bench/node-main.ts --smoke    # 2,000 items, 1 run
 *     vite-node -c bench/vite.config.ts bench/node-main.ts --sizes=2000 --runs=3
 *     vite-node -c bench/vite.config.ts bench/node-main.ts --sizes= --catalogue-sizes=30000   # only the catalogue
 *
 * The whole-catalogue import runs at 2,000 and 30,000 talks (`--catalogue-sizes`, 2,000 with `--smoke`).
 *
 * bench/run.ts combines these rows with the browser's and writes the report.
 */
import { runCatalogueNodeBench } from './catalogue-node';
import { comparisonArchive, runLibraryComparison } from './library';
import { runNodeBench } from './node';
import { formatTable } from './report';

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const smoke = process.argv.includes('--smoke');
const list = (value: string) => value.split(',').filter(Boolean).map(Number);
const sizes = list(option('sizes') ?? (smoke ? '2000' : '2000,20000'));
const catalogueSizes = list(option('catalogue-sizes') ?? (smoke ? '2000' : '2000,30000'));
const runs = Number(option('runs') ?? (smoke ? 1 : 5));
if (
  [...sizes, ...catalogueSizes].some((size) => !Number.isInteger(size) || size <= 0) ||
  !Number.isInteger(runs) ||
  runs <= 0
) {
  console.error('Usage: node-main.ts [--smoke] [--sizes=2000,20000] [--catalogue-sizes=2000,30000] [--runs=5]');
  process.exit(2);
}

const started = performance.now();
const rows = [
  ...(sizes.length ? await runNodeBench({ sizes, runs }) : []),
  ...(catalogueSizes.length ? await runCatalogueNodeBench({ sizes: catalogueSizes, runs }) : []),
  // Ours against MiniSearch on an archive of the catalogue's size.
  ...(catalogueSizes.length
    ? runLibraryComparison(comparisonArchive(Math.max(...catalogueSizes)), runs, (what) =>
        process.stderr.write(`[node bench] ${what}\n`),
      )
    : []),
];
console.log(formatTable(rows));
console.log(
  `\n${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(0)} s (Node ${process.version}).`,
);
