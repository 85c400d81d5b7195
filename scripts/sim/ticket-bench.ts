import { encodeBitmap, encodeTicket, renderTicket, sampleTicket } from '@luot/printing';
import { distribution, type Distribution } from './stats.ts';

export interface TicketBenchResult {
  paper: '80mm';
  runs: number;
  /** Render + raster encode to ESC/POS bytes, and each half on its own. */
  total: Distribution;
  render: Distribution;
  encode: Distribution;
  bytes: number;
}

function sample(runs: number, warmup: number, fn: () => void): Distribution {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return distribution(times);
}

/**
 * Times a kiosk ticket (80 mm paper, raster mode) from data to printer-ready ESC/POS bytes with
 * the printing package's `encodeTicket`, with a different number each run so nothing is cached.
 */
export function benchTicket(runs: number): TicketBenchResult {
  let n = 1000;
  const next = () => sampleTicket({ label: String(++n) });
  const total = sample(runs, 10, () => encodeTicket(next(), { paper: '80mm' }));
  const render = sample(runs, 5, () => renderTicket(next(), { paper: '80mm' }));
  const bitmap = renderTicket(next(), { paper: '80mm' });
  const encode = sample(runs, 5, () => encodeBitmap(bitmap));
  return {
    paper: '80mm',
    runs,
    total,
    render,
    encode,
    bytes: encodeTicket(next(), { paper: '80mm' }).length,
  };
}
