// The ID card's part of the store port (issue 15), run by `describeProvinceStore` on both stores.
import { describe, expect, it } from 'vitest';
import type { ProvinceStore } from '../src/store.ts';

const DAY = '2026-11-23';
const NEXT_DAY = '2026-11-24';
const T0 = Date.parse('2026-11-23T02:00:00Z');

/** Per-person counts of numbers issued with an ID card: limit, settle, release, purge. */
export function describeIdCardStore(current: () => ProvinceStore): void {
  describe('ID cards', () => {
    it('counts a person per site and day up to the limit, even when 10 kiosks ask at once', async () => {
      const store = current();
      const entry = { siteId: 'xa-a', day: DAY, personHash: 'h1', at: T0 };
      const ids = await Promise.all(
        Array.from({ length: 10 }, () => store.reserveIdCardNumber(entry, 2)),
      );
      const taken = ids.filter((id): id is number => id !== null);
      expect(taken).toHaveLength(2);
      expect(await store.idCardNumbersOf('xa-a', 'h1', DAY)).toBe(2);
      // Another site, another day, another person: counted apart.
      expect(await store.idCardNumbersOf('xa-b', 'h1', DAY)).toBe(0);
      expect(await store.reserveIdCardNumber({ ...entry, day: NEXT_DAY }, 2)).not.toBeNull();
      expect(await store.reserveIdCardNumber({ ...entry, personHash: 'h2' }, 2)).not.toBeNull();
      expect(await store.reserveIdCardNumber({ ...entry, siteId: 'xa-b' }, 2)).not.toBeNull();
    });

    it('forgets a refused number, and frees the place of a ticket cancelled', async () => {
      const store = current();
      const entry = { siteId: 'xa-a', day: DAY, personHash: 'h1', at: T0 };
      const first = (await store.reserveIdCardNumber(entry, 2))!;
      const second = (await store.reserveIdCardNumber(entry, 2))!;
      await store.settleIdCardNumber(first, 't-1');
      await store.settleIdCardNumber(second, null);
      expect(await store.idCardNumbersOf('xa-a', 'h1', DAY)).toBe(1);
      const third = (await store.reserveIdCardNumber(entry, 2))!;
      await store.settleIdCardNumber(third, 't-2');
      expect(await store.reserveIdCardNumber(entry, 2)).toBeNull();
      await store.releaseIdCardTicket('xa-b', 't-1'); // another site's ticket of that id: nothing
      expect(await store.idCardNumbersOf('xa-a', 'h1', DAY)).toBe(2);
      await store.releaseIdCardTicket('xa-a', 't-1');
      expect(await store.idCardNumbersOf('xa-a', 'h1', DAY)).toBe(1);
    });

    it("purges a site's counts of days before the cut-off, and only that site's", async () => {
      const store = current();
      const entry = { siteId: 'xa-a', day: DAY, personHash: 'h1', at: T0 };
      await store.reserveIdCardNumber(entry, 5);
      await store.reserveIdCardNumber({ ...entry, day: NEXT_DAY }, 5);
      await store.reserveIdCardNumber({ ...entry, siteId: 'xa-b' }, 5);
      expect(await store.purgeIdCards('xa-a', { day: NEXT_DAY })).toBe(1);
      expect(await store.idCardNumbersOf('xa-a', 'h1', DAY)).toBe(0);
      expect(await store.idCardNumbersOf('xa-a', 'h1', NEXT_DAY)).toBe(1);
      expect(await store.idCardNumbersOf('xa-b', 'h1', DAY)).toBe(1);
    });
  });
}
