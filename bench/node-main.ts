/**
 * Runs only the Node half of the benchmark and prints its table:
 *
 *     vite-node -c bench/vite.config.ts bench/node-main.ts            # 2,000 + 20,000 items, 5 runs
 *     vite-node -c bench/vite.config.ts bench/node-main.ts --smoke    # 2,000 items, 1 run
 *     vite-node -c bench/vite.config.ts bench/node-main.ts --sizes=2000 --runs=3
 *
 * bench/run.ts combines these rows with the browser's and writes the report.
 */
import { runNodeBench } from './node';
import { formatTable } from './report';

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const smoke = process.argv.includes('--smoke');
const sizes = option('sizes')?.split(',').map(Number) ?? (smoke ? [2000] : [2000, 20000]);
const runs = Number(option('runs') ?? (smoke ? 1 : 5));
if (sizes.some((size) => !Number.isInteger(size) || size <= 0) || !Number.isInteger(runs) || runs <= 0) {
  console.error('Usage: node-main.ts [--smoke] [--sizes=2000,20000] [--runs=5]');
  process.exit(2);
}

const started = performance.now();
const rows = await runNodeBench({ sizes, runs });
console.log(formatTable(rows));
console.log(
  `\n${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(0)} s (Node ${process.version}).`,
);
