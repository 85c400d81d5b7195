import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountFor,
  TINY_RUSH,
  hubState,
  prepareHubRush,
  runPreparedRush,
  type Accounting,
  type RushOptions,
} from './scenarios.ts';
import type { RushResult } from './rush.ts';
import { startWorkers, type WorkerPool } from './worker-pool.ts';

/*
 * A tiny simulated morning on a real hub child process (real SQLite, real sockets on
 * 127.0.0.1), driven by two load-generating processes. What the simulator was told must add
 * up against the hub's own state afterwards. A test of correctness, not of speed.
 */
const TINY: RushOptions = TINY_RUSH;

let pool: WorkerPool;
let result: RushResult;
let accounting: Accounting;
let prefilled = 0;

beforeAll(async () => {
  pool = await startWorkers(2);
  const prepared = await prepareHubRush(pool, TINY);
  try {
    prefilled = prepared.prefill.length;
    result = await runPreparedRush(pool, prepared, TINY);
    const state = await hubState(prepared.server.url, prepared.clients.displays[0]!.token);
    accounting = accountFor(
      state,
      [...prepared.prefill, ...result.records.issued],
      result.records.clerkOps,
    );
  } finally {
    await prepared.cleanup();
  }
}, 120_000);

afterAll(async () => {
  await pool?.close();
});

describe('the load simulator', () => {
  it('ran a morning: tickets issued on the arrival schedule, calls made, screens and phones fed', () => {
    expect(prefilled).toBe(TINY.prefill);
    expect(result.arrivalsIssued).toBeGreaterThan(0);
    expect(result.calls).toBeGreaterThan(TINY.counters);
    expect(result.displayEvents).toBeGreaterThan(0);
    expect(result.phoneViews).toBeGreaterThan(0);
    expect(result.errors).toEqual({});
  });

  it('accounts for every ticket: issued = done + no-show + waiting, nothing lost or unknown', () => {
    const s = accounting.byStatus;
    expect(accounting.lostTickets).toBe(0);
    expect(accounting.unknownTickets).toBe(0);
    expect(accounting.unaccounted).toBe(0);
    // Clerks finish the citizen in front of them when the run stops.
    expect((s.called ?? 0) + (s.serving ?? 0)).toBe(0);
    expect(accounting.issued).toBe((s.done ?? 0) + (s.no_show ?? 0) + (s.waiting ?? 0));
    expect(accounting.finishes).toBe(s.done ?? 0);
    expect(accounting.noShows).toBe(s.no_show ?? 0);
  });

  it('never calls a ticket twice (unless a transfer put it back in a queue)', () => {
    expect(accounting.calledTwice).toBe(0);
  });

  it('every call reached every display, in sequence, and was timed on one clock', () => {
    expect(result.incomplete).toBe(0);
    expect(result.gaps).toBe(0);
    expect(result.callToScreen.n).toBe(result.calls);
    expect(result.callToScreen.p50).toBeGreaterThan(0);
    expect(result.clock.maxOffsetMs).toBeLessThan(5);
  });
});
