import { isPastGrace } from '@luot/domain';
import type { Citizens } from './citizens.ts';

/**
 * Releases booked slots not checked in by the end of their grace period, on the hub's clock tick
 * (at most every `limits.releaseEveryMs`): the slot is free for no one any more, and nothing more
 * is sent about it. A booking whose ticket is in the store (checked in, its mark not yet written)
 * is left alone. On several nodes each sweeps; a booking is moved once (`moveBooking` from
 * `booked`), and only the node that moved it tells the contacts.
 */
export function createReleaseSweep(citizens: Citizens) {
  const { province, sites, clock, log, limits } = citizens;
  let last = Number.NEGATIVE_INFINITY;
  let running = false;

  async function sweep(now: number): Promise<number> {
    let released = 0;
    for (const site of sites.all()) {
      const { config } = site.queue.live;
      for (const row of await province.bookingsBegunBefore(site.id, now)) {
        if (!isPastGrace(config, row, now)) continue;
        if (await site.store.ticketIdByRequestKey(`booking:${row.id}`)) continue;
        if (!(await province.moveBooking(row.id, 'booked', 'released', now))) continue;
        released++;
        citizens.tell('forgetBooking', () => citizens.contacts.forgetBooking(site.id, row.id));
      }
    }
    return released;
  }

  return {
    /** Sweeps if the last sweep is old enough and none runs; returns at once. */
    check(): void {
      const now = clock.now();
      if (running || now - last < limits.releaseEveryMs) return;
      last = now;
      running = true;
      sweep(now)
        .then((n) => n > 0 && log.info({ released: n }, 'bookings past their grace released'))
        .catch((err: unknown) => log.error({ err }, 'releasing bookings failed'))
        .finally(() => {
          running = false;
        });
    },
  };
}
