/**
 * How long one ticket takes from data to printer-ready ESC/POS bytes (render + raster encode),
 * on this machine: median and 95th percentile over 200 runs after a warm-up. A figure for the
 * notes, not a test.
 *
 * Run: pnpm bench:ticket   (or: npx tsx scripts/bench-ticket.ts)
 */
import {
  encodeBitmap,
  encodeBitmapWithLibrary,
  encodeTicket,
  renderTicket,
  sampleTicket,
} from '@luot/printing';
import type { PaperWidth } from '@luot/printing';

const RUNS = 200;
const WARMUP = 20;

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

function measure(run: () => void): { median: number; p95: number } {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;

for (const paper of ['80mm', '58mm'] as PaperWidth[]) {
  // Vary the number so nothing can be cached between runs.
  let n = 1000;
  const ticket = () => sampleTicket({ label: String(++n) });
  const total = measure(() => encodeTicket(ticket(), { paper }));
  const render = measure(() => renderTicket(ticket(), { paper }));
  const bitmap = renderTicket(ticket(), { paper });
  const encode = measure(() => encodeBitmap(bitmap));
  const library = measure(() => encodeBitmapWithLibrary(bitmap));
  console.log(
    `${paper}: render+encode median ${ms(total.median)}, p95 ${ms(total.p95)}` +
      ` (render median ${ms(render.median)}, encode median ${ms(encode.median)};` +
      ` the library's image step would take ${ms(library.median)}; ${RUNS} runs)`,
  );
}
