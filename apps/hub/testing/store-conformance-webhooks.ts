// Webhooks' part of the store port (issue 16), run by `describeProvinceStore` on both stores.
import { siteConfigSchema, type Ticket } from '@luot/domain';
import { describe, expect, it } from 'vitest';
import type {
  NewWebhookDelivery,
  ProvinceStore,
  StoredCommand,
  WebhookOutcome,
} from '../src/store.ts';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const LEASE = { limit: 10, perSubscription: 4, leaseMs: 60_000 };

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

function issued(n: number): StoredCommand {
  const ticket = {
    id: `t${n}`,
    day: '2026-11-23',
    fieldId: 'f',
    originalFieldId: 'f',
    number: n,
    label: String(n).padStart(3, '0'),
    priorityClassId: null,
    status: 'waiting',
    issuedAt: T0,
    issueSeq: n,
    waitingSince: T0,
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
    events: [{ type: 'ticket.issued', at: T0, day: ticket.day, ticket }],
    ctx: { actor: 'device:kiosk-1' },
    rows: [{ kind: 'ticket.insert', ticket, tokenHash: null, issuedBy: 'k', requestKey: null }],
  };
}

const hook = (id: string, siteId: string | null) => ({
  id,
  url: `https://example.vn/${id}`,
  events: ['ticket.issued' as const],
  siteId,
  description: '',
  sealedSecret: 'sealed',
  createdBy: 'admin',
});

const delivery = (sub: string, seq: number, ticketId: string | null): NewWebhookDelivery => ({
  id: `d-${sub}-${seq}`,
  subscriptionId: sub,
  siteId: 'xa-a',
  seq,
  type: 'ticket.issued',
  ticketId,
  ticketLabel: ticketId === null ? null : `A${String(seq).padStart(3, '0')}`,
  orderKey: ticketId === null ? 'site' : `ticket:${ticketId}`,
  idempotencyKey: `xa-a:${seq}:${sub}`,
  body: `{"seq":${seq}}`,
  at: T0,
});

/** Subscriptions, cursors, fills, claims (order per ticket, lease, concurrency), log, purge. */
export function describeWebhookStore(current: () => ProvinceStore): void {
  describe('webhooks', () => {
    const finish = async (id: string, attempts: number, outcome: WebhookOutcome) =>
      (await current().finishWebhookDeliveries([{ id, attempts, outcome }])) === 1;
    async function twoSites(store: ProvinceStore) {
      await store.createSite('xa-a', config, T0);
      await store.createSite('xa-b', config, T0);
      await store.site('xa-a').append([issued(1), issued(2)]);
    }

    it('starts a subscription’s cursors at each site’s newest event', async () => {
      const store = current();
      await twoSites(store);
      await store.createWebhook(hook('w1', 'xa-a'), T0);
      await store.createWebhook(hook('w2', null), T0 + 1);
      const cursors = async (site: string) =>
        (await store.webhookCursors(site)).map((c) => [c.subscription.id, c.seq]);
      expect(await cursors('xa-a')).toEqual([
        ['w1', 2],
        ['w2', 2],
      ]);
      expect(await cursors('xa-b')).toEqual([['w2', 0]]);
      // A site made later: every-site subscriptions follow it from its first event.
      expect(await cursors('xa-c')).toEqual([['w2', 0]]);
      expect((await store.listWebhooks('xa-a', false)).map((w) => w.id)).toEqual(['w1']);
      expect((await store.listWebhooks('xa-a', true)).map((w) => w.id)).toEqual(['w2', 'w1']);
      expect(await store.webhookById('w1')).toMatchObject({
        ...hook('w1', 'xa-a'),
        createdAt: T0,
        deletedAt: null,
      });
    });

    it('fills once: a cursor moves only from where the filler read it, even when two fill at once', async () => {
      const store = current();
      await twoSites(store);
      await store.createWebhook(hook('w1', 'xa-a'), T0);
      await store.site('xa-a').append([issued(3), issued(4)]);
      const fill = {
        subscriptionId: 'w1',
        from: 2,
        to: 4,
        deliveries: [delivery('w1', 3, 't3'), delivery('w1', 4, 't4')],
      };
      const stored = await Promise.all([
        store.fillWebhookDeliveries('xa-a', [fill]),
        store.fillWebhookDeliveries('xa-a', [
          { ...fill, deliveries: fill.deliveries.map((d) => ({ ...d, id: `${d.id}-x` })) },
        ]),
      ]);
      expect(stored.sort()).toEqual([0, 2]);
      expect((await store.webhookCursors('xa-a'))[0]!.seq).toBe(4);
      expect(await store.fillWebhookDeliveries('xa-a', [fill])).toBe(0);
      const page = await store.listWebhookDeliveries({ subscriptionIds: ['w1'], limit: 10 });
      expect(page.deliveries.map((d) => [d.seq, d.state, d.idempotencyKey, d.ticketLabel])).toEqual(
        [
          [4, 'pending', 'xa-a:4:w1', 'A004'],
          [3, 'pending', 'xa-a:3:w1', 'A003'],
        ],
      );
    });

    it('claims a ticket’s deliveries in order, within the per-subscription limit and the lease', async () => {
      const store = current();
      await twoSites(store);
      await store.createWebhook(hook('w1', 'xa-a'), T0);
      await store.fillWebhookDeliveries('xa-a', [
        {
          subscriptionId: 'w1',
          from: 2,
          to: 9,
          deliveries: [
            delivery('w1', 3, 'ta'),
            delivery('w1', 4, 'ta'),
            delivery('w1', 5, 'tb'),
            delivery('w1', 6, null),
            delivery('w1', 7, null),
            delivery('w1', 8, 'tc'),
            delivery('w1', 9, 'td'),
          ],
        },
      ]);
      const ids = (c: { id: string }[]) => c.map((d) => d.id);
      const first = await store.claimWebhookDeliveries(T0, { ...LEASE, perSubscription: 3 });
      expect(ids(first)).toEqual(['d-w1-3', 'd-w1-5', 'd-w1-6']);
      expect(first[0]).toMatchObject({ url: 'https://example.vn/w1', attempts: 1, windowFrom: T0 });
      // Three in flight: none more for this subscription until one ends.
      expect(await store.claimWebhookDeliveries(T0, LEASE)).toHaveLength(1);
      expect(await store.claimWebhookDeliveries(T0, { ...LEASE, perSubscription: 5 })).toHaveLength(
        1,
      );
      // Outcomes recorded together; a stale claim's (attempts 7) is not.
      const delivered = { state: 'delivered', at: T0, status: 200 } as const;
      expect(
        await store.finishWebhookDeliveries([
          { id: 'd-w1-3', attempts: 1, outcome: delivered },
          { id: 'd-w1-5', attempts: 7, outcome: delivered },
        ]),
      ).toBe(1);
      expect(await store.webhookDeliveryById('d-w1-3')).toMatchObject({
        state: 'delivered',
        deliveredAt: T0,
        lastStatus: 200,
      });
      expect((await store.webhookDeliveryById('d-w1-5'))!.state).toBe('pending');
      expect(ids(await store.claimWebhookDeliveries(T0, { ...LEASE, perSubscription: 9 }))).toEqual(
        ['d-w1-4'],
      );
      // A retry later waits; its ticket's later event waits behind it.
      await finish('d-w1-4', 1, {
        state: 'pending',
        nextAt: T0 + 10_000,
        status: 500,
        error: 'HTTP 500',
      });
      expect(await store.claimWebhookDeliveries(T0 + 1, { ...LEASE, perSubscription: 9 })).toEqual(
        [],
      );
      // Past the lease, what was in flight is claimed again, its attempts counted.
      const again = await store.claimWebhookDeliveries(T0 + 60_001, {
        ...LEASE,
        perSubscription: 9,
      });
      expect(ids(again).sort()).toEqual(['d-w1-4', 'd-w1-5', 'd-w1-6', 'd-w1-8', 'd-w1-9']);
      expect(again.find((d) => d.id === 'd-w1-4')!.attempts).toBe(2);
      expect(await store.webhookDeliveryById('d-w1-4')).toMatchObject({
        state: 'pending',
        attempts: 2,
        lastStatus: 500,
        lastError: 'HTTP 500',
      });
    });

    it('gives up, sends again with the same key, stops with its subscription, purges', async () => {
      const store = current();
      await twoSites(store);
      await store.createWebhook(hook('w1', 'xa-a'), T0);
      await store.fillWebhookDeliveries('xa-a', [
        {
          subscriptionId: 'w1',
          from: 2,
          to: 4,
          deliveries: [delivery('w1', 3, 'ta'), delivery('w1', 4, 'tb')],
        },
      ]);
      await store.claimWebhookDeliveries(T0, LEASE);
      await finish('d-w1-3', 1, {
        state: 'dead',
        at: T0,
        status: null,
        error: 'timeout',
      });
      expect(await store.retryWebhookDelivery('d-w1-4', T0)).toBe(false); // in flight
      expect(await store.retryWebhookDelivery('d-w1-3', T0 + 5)).toBe(true);
      expect(await store.webhookDeliveryById('d-w1-3')).toMatchObject({
        state: 'pending',
        idempotencyKey: 'xa-a:3:w1',
        nextAttemptAt: T0 + 5,
      });
      const [claimed] = await store.claimWebhookDeliveries(T0 + 5, LEASE);
      expect(claimed).toMatchObject({ id: 'd-w1-3', attempts: 2, windowFrom: T0 + 5 });
      const dead = await store.listWebhookDeliveries({
        subscriptionIds: ['w1'],
        state: 'dead',
        limit: 10,
      });
      expect(dead.deliveries).toEqual([]);
      expect(await store.deleteWebhook('w1', T0 + 6)).toBe(true);
      expect(await store.deleteWebhook('w1', T0 + 6)).toBe(false);
      expect(await store.webhookCursors('xa-a')).toEqual([]);
      const after = await store.listWebhookDeliveries({ subscriptionIds: ['w1'], limit: 1 });
      expect(after.deliveries[0]).toMatchObject({
        seq: 4,
        state: 'dead',
        lastError: 'subscription deleted',
      });
      expect(after.next).not.toBeNull();
      expect(await store.retryWebhookDelivery('d-w1-4', T0 + 7)).toBe(false);
      expect(await store.claimWebhookDeliveries(T0 + 99_999_999, LEASE)).toEqual([]);
      expect(await store.purgeWebhookDeliveries('xa-b', T0 + 1)).toBe(0);
      expect(await store.purgeWebhookDeliveries('xa-a', T0 + 1)).toBe(2);
    });
  });
}
