// `pnpm estimates:replay [--quick]`: old vs new wait estimator on the generated year and
// simulated rush days; prints the table and writes bench/results/<timestamp>-estimates.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  benchEstimates,
  ESTIMATES_BENCH,
  ESTIMATES_BENCH_QUICK,
  estimatesTable,
} from './estimates-bench.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const result = benchEstimates(values.quick ? ESTIMATES_BENCH_QUICK : ESTIMATES_BENCH);
console.log(`\n${estimatesTable(result)}\n`);
console.log(
  result.wins
    ? 'the new estimator cuts the MAE by ≥ 30 % on every source'
    : 'the new estimator does NOT cut the MAE by ≥ 30 % on every source',
);
const dir = join(fileURLToPath(new URL('../..', import.meta.url)), 'bench', 'results');
mkdirSync(dir, { recursive: true });
const stamp = new Date()
  .toISOString()
  .replace(/:/g, '-')
  .replace(/\.\d+Z$/, 'Z');
const file = join(dir, `${stamp}-estimates${values.quick ? '-quick' : ''}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${file}`);
