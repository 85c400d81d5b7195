// The tamper-evident log's part of the store port (issue 17), for both stores: what a store
// writes as it appends (read back through its ChainSource) and how it seals a day. The SQLite
// store runs it in src/db/chain-conformance.test.ts; the same rules on both stores (links,
// sealing once, digests, purges) are `describeChainStore` in store-conformance-chain.ts.
import { siteConfigSchema, type Ticket } from '@luot/domain';
import { describe, expect, it } from 'vitest';
import { dayDigest, digestCode, GENESIS_HASH } from '../src/chain/chain.ts';
import type { ChainSource, EventChainRow, AuditChainRow } from '../src/chain/source.ts';
import { verifyChains } from '../src/chain/verify.ts';
import type { ProvinceStore, StoredCommand } from '../src/store.ts';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';

const config = siteConfigSchema.parse({
  site: { name: 'Xã', timeZone: 'Asia/Ho_Chi_Minh' },
  fields: [
    {
      id: 'f',
      name: 'F',
      numbering: { start: 1, digits: 3 },
      sessions: [{ from: '07:30', to: '17:00' }],
    },
  ],
  counters: [{ id: 'c1', number: 1, name: 'Quầy 1', fieldIds: ['f'] }],
});

function issued(n: number, day: string): StoredCommand {
  const ticket = {
    id: `t${day}-${n}`,
    day,
    fieldId: 'f',
    originalFieldId: 'f',
    number: n,
    label: String(n).padStart(3, '0'),
    priorityClassId: null,
    status: 'waiting',
    issuedAt: T0 + n,
    issueSeq: n,
    waitingSince: T0 + n,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    clerkId: null,
    assignedCounterId: null,
    callCount: 0,
    transferCount: 0,
    rating: null,
  } satisfies Ticket;
  return {
    events: [{ type: 'ticket.issued', at: T0 + n, day, ticket }],
    ctx: { actor: 'device:kiosk-1' },
    rows: [{ kind: 'ticket.insert', ticket, tokenHash: null, issuedBy: 'k', requestKey: null }],
  };
}

const opened = (day: string, previousDay: string): StoredCommand => ({
  events: [{ type: 'day.opened', at: T0 + 86_400_000, day, previousDay }],
  ctx: { actor: 'system' },
  rows: [],
});

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

export function describeChainSealing(
  name: string,
  open: () => Promise<{
    province: ProvinceStore;
    source: () => ChainSource;
    close(): Promise<void>;
  }>,
): void {
  describe(`${name}: the tamper-evident log`, () => {
    it('links every event and audit record as it is stored, per site', async () => {
      const { province, source, close } = await open();
      try {
        for (const id of ['xa-a', 'xa-b']) await province.createSite(id, config, T0);
        const a = province.site('xa-a');
        await a.append([issued(1, MONDAY), issued(2, MONDAY)]);
        await province.site('xa-b').append([issued(1, MONDAY)]);
        await a.append([issued(3, MONDAY)]);
        await a.appendAudit({
          at: T0,
          actor: 'admin',
          action: 'user.create',
          target: 'cb1',
          detail: { role: 'clerk', name: 'A' },
        });
        await province.site('xa-b').appendAudit({
          at: T0,
          actor: 'admin',
          action: 'user.disable',
          target: 'cb2',
          detail: {},
        });
        await a.appendAudit({
          at: T0 + 1,
          actor: 'admin',
          action: 'user.disable',
          target: 'cb1',
          detail: {},
        });
        const src = source();
        try {
          const events = await collect<EventChainRow>(src.events('xa-a'));
          expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
          expect(events[0]!.prevHash).toBe(GENESIS_HASH);
          expect(events[1]!.prevHash).toBe(events[0]!.hash);
          expect(events[2]!.prevHash).toBe(events[1]!.hash);
          const audit = await collect<AuditChainRow>(src.audit('xa-a'));
          expect(audit).toHaveLength(2);
          expect(audit[1]!.prevHash).toBe(audit[0]!.hash);
          const b = await collect<EventChainRow>(src.events('xa-b'));
          expect(b[0]!.prevHash).toBe(GENESIS_HASH);
          expect((await verifyChains(src)).intact).toBe(true);
        } finally {
          await src.close();
        }
      } finally {
        await close();
      }
    });

    it('seals a closed day once, covering its last event and the audit head', async () => {
      const { province, source, close } = await open();
      try {
        await province.createSite('xa-a', config, T0);
        const a = province.site('xa-a');
        await a.append([issued(1, MONDAY), issued(2, MONDAY)]);
        await a.appendAudit({
          at: T0,
          actor: 'admin',
          action: 'user.create',
          target: 'cb1',
          detail: { role: 'clerk', name: 'A' },
        });
        await expect(a.sealDay(MONDAY, T0)).rejects.toThrow(/not closed/);
        await a.append([opened(TUESDAY, MONDAY), issued(1, TUESDAY)]);
        const sealed = await a.sealDay(MONDAY, T0 + 5);
        expect(sealed).toMatchObject({ siteId: 'xa-a', day: MONDAY, eventsSeq: 2, madeAt: T0 + 5 });
        expect(sealed.code).toBe(digestCode(sealed.digest));
        expect(await a.sealDay(MONDAY, T0 + 9)).toEqual(sealed);
        expect(await a.chainDigests(MONDAY, TUESDAY)).toEqual([sealed]);
        expect(await a.chainDigests(TUESDAY, TUESDAY)).toEqual([]);
        const src = source();
        try {
          const events = await collect<EventChainRow>(src.events('xa-a'));
          const audit = await collect<AuditChainRow>(src.audit('xa-a'));
          const [stored] = await src.digests('xa-a');
          expect(stored).toMatchObject({
            eventsHash: events[1]!.hash,
            auditId: audit[0]!.id,
            auditHash: audit[0]!.hash,
          });
          expect(sealed.digest).toBe(
            dayDigest({
              siteId: 'xa-a',
              day: MONDAY,
              eventsHash: events[1]!.hash!,
              auditHash: audit[0]!.hash!,
            }),
          );
          const v = await verifyChains(src, { published: [{ day: MONDAY, code: sealed.code }] });
          expect(v.intact).toBe(true);
        } finally {
          await src.close();
        }
      } finally {
        await close();
      }
    });
  });
}
