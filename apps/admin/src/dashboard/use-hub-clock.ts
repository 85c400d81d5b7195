import { useEffect, useState } from 'react';
import type { Ack } from '@luot/protocol';
import { hubUrl } from '../session.ts';

/** How often the page re-reads the hub's clock. */
export const HUB_CLOCK_INTERVAL_MS = 5000;

/**
 * The hub's time minus this browser's, so waits are measured by the hub's clock (the one that
 * stamped every ticket) even when the PC's clock is wrong. Starts from the snapshot's offset and
 * re-reads GET /api/clock every few seconds, halving the round trip.
 */
export function useHubClockOffset(snapshotOffsetMs: number | null): number {
  const [offset, setOffset] = useState(snapshotOffsetMs ?? 0);
  useEffect(() => {
    if (snapshotOffsetMs !== null) setOffset(snapshotOffsetMs);
  }, [snapshotOffsetMs]);
  useEffect(() => {
    let cancelled = false;
    async function read() {
      const sent = Date.now();
      try {
        const res = await fetch(`${hubUrl()}/api/clock`);
        const body = (await res.json()) as Ack<{ serverTime: number }>;
        const received = Date.now();
        if (!cancelled && body.ok) setOffset(body.data.serverTime - (sent + received) / 2);
      } catch {
        // Keep the last offset while the hub is unreachable.
      }
    }
    void read();
    const id = setInterval(() => void read(), HUB_CLOCK_INTERVAL_MS);
    return () => {
      cancelled = true;
      clearInterval(id);
    };
  }, []);
  return offset;
}
