// The tamper-evident log's part of the store port (issue 17), run on both stores: each store's
// conformance test file calls `describeChainStore` with a way to open a fresh store and to read
// its chains as `luot verify` does (a ChainSource). Imported by tests only.
import { siteConfigSchema, type QueueEvent, type Ticket } from '@luot/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainHash, eventContent, GENESIS_HASH } from '../src/chain/chain.ts';
import type { ChainSource, EventChainRow } from '../src/chain/source.ts';
import { verifyChains, type PublishedCode } from '../src/chain/verify.ts';
import type { ProvinceStore, Store, StoredCommand } from '../src/store.ts';

const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25'];
const T0 = Date.parse('2026-11-23T02:00:00Z');
const DAY_MS = 86_400_000;

/** A fresh store and how to read its chains (closed by the caller of `source`). */
export interface ChainStoreUnderTest {
  store: ProvinceStore;
  source: () => Promise<ChainSource>;
}

const config = siteConfigSchema.parse({
  site: { name: 'Xã A', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: [
    {
      id: 'ho-tich',
      name: 'Tư pháp – Hộ tịch',
      numbering: { start: 1, digits: 3 },
      sessions: [{ from: '07:30', to: '17:00' }],
    },
  ],
  counters: [{ id: 'c1', number: 1, name: 'Quầy 1', fieldIds: ['ho-tich'] }],
});

/** The kiosk issues ticket `number` of day `d` (index into DAYS). */
function issue(d: number, number: number): StoredCommand {
  const day = DAYS[d]!;
  const at = T0 + d * DAY_MS + number * 60_000;
  const ticket: Ticket = {
    id: `t-${d}-${number}`,
    day,
    fieldId: 'ho-tich',
    originalFieldId: 'ho-tich',
    number,
    label: String(number).padStart(3, '0'),
    priorityClassId: null,
    status: 'waiting',
    issuedAt: at,
    issueSeq: number,
    waitingSince: at,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    clerkId: null,
    assignedCounterId: null,
    callCount: 0,
    transferCount: 0,
    rating: null,
  };
  const event: QueueEvent = { type: 'ticket.issued', at, day, ticket };
  return {
    events: [event],
    ctx: { actor: 'device:kiosk-1' },
    rows: [
      {
        kind: 'ticket.insert',
        ticket,
        tokenHash: null,
        issuedBy: 'device:kiosk-1',
        requestKey: null,
      },
    ],
  };
}

/** An administrator's change, as the audit trail keeps it. */
const audited = (site: Store, n: number, d = 0) =>
  site.appendAudit({
    at: T0 + d * DAY_MS + n * 1000,
    actor: 'user:admin',
    action: 'media.upload',
    target: `media-${n}`,
    detail: { name: `Ảnh số ${n}` },
  });

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Runs the chain's conformance tests on stores made by `open` (a fresh one each test). */
export function describeChainStore(name: string, open: () => Promise<ChainStoreUnderTest>): void {
  describe(`${name}: the tamper-evident log (store port)`, () => {
    let under: ChainStoreUnderTest;
    let site: Store;
    beforeEach(async () => {
      under = await open();
      await under.store.createSite('xa-a', config, T0);
      site = under.store.site('xa-a');
    });
    afterEach(async () => {
      await under.store.close();
    });

    const verify = async (published: PublishedCode[] = []) => {
      const source = await under.source();
      try {
        return await verifyChains(source, { sites: ['xa-a'], published });
      } finally {
        await source.close();
      }
    };
    const events = async (): Promise<EventChainRow[]> => {
      const source = await under.source();
      try {
        return await collect(source.events('xa-a'));
      } finally {
        await source.close();
      }
    };

    it('links every event and audit record to the one before it, across commits', async () => {
      await site.append([issue(0, 1), issue(0, 2)]);
      await site.append([issue(0, 3)]);
      for (let n = 1; n <= 3; n++) await audited(site, n);
      const stored = await events();
      expect(stored.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(stored[0]!.prevHash).toBe(GENESIS_HASH);
      stored.forEach((e, i) => {
        if (i > 0) expect(e.prevHash).toBe(stored[i - 1]!.hash);
        expect(e.hash).toBe(chainHash(e.prevHash!, eventContent(e)));
      });
      const result = await verify();
      expect(result.intact).toBe(true);
      expect(result.sites[0]!.events.records).toBe(3);
      expect(result.sites[0]!.audit.records).toBe(3);
    });

    it('seals a closed day once, whoever asks and how often; refuses a day not closed', async () => {
      await site.append([issue(0, 1), issue(0, 2)]);
      await audited(site, 1);
      await expect(site.sealDay(DAYS[0]!, T0 + DAY_MS)).rejects.toThrow(/not closed/);
      await site.append([issue(1, 1)]);
      const [a, b] = await Promise.all([
        site.sealDay(DAYS[0]!, T0 + DAY_MS),
        site.sealDay(DAYS[0]!, T0 + DAY_MS + 1),
      ]);
      expect(b).toEqual(a);
      expect(a).toMatchObject({ siteId: 'xa-a', day: DAYS[0], eventsSeq: 2 });
      expect(a.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      // Later records change nothing of a sealed day.
      await audited(site, 2, 1);
      expect(await site.sealDay(DAYS[0]!, T0 + 2 * DAY_MS)).toEqual(a);
      expect((await verify([{ day: DAYS[0]!, code: a.code }])).intact).toBe(true);
    });

    it('lists the sealed days of a period, oldest first', async () => {
      await site.append([issue(0, 1)]);
      await site.append([issue(1, 1)]);
      await site.append([issue(2, 1)]);
      const second = await site.sealDay(DAYS[1]!, T0 + 2 * DAY_MS);
      const first = await site.sealDay(DAYS[0]!, T0 + 2 * DAY_MS);
      expect(await site.chainDigests(DAYS[0]!, DAYS[2]!)).toEqual([first, second]);
      expect(await site.chainDigests(DAYS[1]!, DAYS[1]!)).toEqual([second]);
      expect(await under.store.site('xa-b').chainDigests(DAYS[0]!, DAYS[2]!)).toEqual([]);
      expect(first.digest).not.toBe(second.digest);
    });

    it('a purge of the oldest day and of old audit records keeps verify intact, and the chains go on', async () => {
      await site.append([issue(0, 1), issue(0, 2)]);
      await audited(site, 1, 0);
      await audited(site, 2, 0);
      await site.append([issue(1, 1)]);
      await audited(site, 3, 1);
      const sealed = await site.sealDay(DAYS[0]!, T0 + DAY_MS);
      await site.append([issue(2, 1)]);
      expect((await site.purgeOldestDayBefore(DAYS[1]!, T0 + 2 * DAY_MS))?.day).toBe(DAYS[0]);
      expect(await site.purgeAudit(T0 + DAY_MS)).toBe(2);
      await site.append([issue(2, 2)]);
      await audited(site, 4, 2);
      const stored = await events();
      expect(stored.map((e) => e.seq)).toEqual([3, 4, 5]);
      const result = await verify([{ day: DAYS[0]!, code: sealed.code }]);
      expect(result.sites[0]!.events.anchor?.pos).toBe(2);
      expect(result.sites[0]!.audit.records).toBe(2);
      expect(result.intact).toBe(true);
    });
  });
}
