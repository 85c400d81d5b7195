import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { PrinterStatus } from '@luot/printing';
import { createStatusPoller } from './status-poller.ts';

const ok: PrinterStatus = { online: true, paper: 'ok', coverOpen: false };
const out: PrinterStatus = { online: false, paper: 'out', coverOpen: false };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('reports the first status and each change, not repeats', async () => {
  let current = ok;
  const changes: PrinterStatus[] = [];
  const poller = createStatusPoller({
    read: async () => current,
    onChange: (s) => changes.push(s),
    intervalMs: 1000,
  });
  poller.start();
  await vi.advanceTimersByTimeAsync(2500);
  expect(changes).toEqual([ok]);
  current = out;
  await vi.advanceTimersByTimeAsync(1000);
  expect(changes).toEqual([ok, out]);
  expect(poller.latest).toEqual(out);
  current = ok;
  await vi.advanceTimersByTimeAsync(1000);
  expect(changes).toEqual([ok, out, ok]);
  poller.stop();
});

it('joins a refresh to a read under way, and keeps polling after a failed read', async () => {
  let reads = 0;
  const poller = createStatusPoller({
    read: async () => {
      reads += 1;
      if (reads === 2) throw new Error('boom');
      return ok;
    },
    onChange: () => undefined,
    intervalMs: 1000,
  });
  const [a, b] = await Promise.all([poller.refresh(), poller.refresh()]);
  expect(a).toBe(b);
  expect(reads).toBe(1);
  poller.start();
  await vi.advanceTimersByTimeAsync(2100);
  expect(reads).toBe(4);
  poller.stop();
  await vi.advanceTimersByTimeAsync(5000);
  expect(reads).toBe(4);
});
