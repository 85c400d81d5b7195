// Webhooks on a province: two hub nodes on one real PostgreSQL, kiosks on both issuing at once,
// both nodes hearing every commit and racing to fill and send: each event reaches the receiver
// once, claimed by one node only. (A ticket's order across claims: the store conformance suite,
// on PostgreSQL too.)
import { connectHub, request, type HubSocket } from '@luot/hub-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneFieldConfig } from '../../testing/pg-node.ts';
import { startPgHubs, type PgHubs } from '../../testing/pg-hubs.ts';
import { hasPostgres, startPostgres, type TestPostgres } from '../../testing/postgres.ts';
import { MONDAY_9AM } from '../../testing/test-hub.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.ts';
import { createFakeClock } from '../clock.ts';
import { pairDevice } from '../setup.ts';

if (!hasPostgres) console.warn('webhooks on PostgreSQL: skipped, PostgreSQL is not installed');

describe.skipIf(!hasPostgres)('webhooks on a province (two nodes, PostgreSQL)', () => {
  let server: TestPostgres;
  let nodes: PgHubs | undefined;
  let receiver: WebhookReceiver;
  const sockets: HubSocket[] = [];
  const clock = createFakeClock(MONDAY_9AM);

  beforeAll(async () => {
    server = await startPostgres();
    receiver = await startWebhookReceiver();
    nodes = await startPgHubs({
      url: await server.createDatabase(),
      siteId: 'xa-a',
      config: oneFieldConfig('Xã A'),
      clock,
      options: { kioskMinIntervalMs: 0 },
      // Few claimed at once per subscription: the nodes take turns, as a slow receiver makes them.
      webhooks: { claimPerSubscription: 3, concurrency: 2 },
    });
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await nodes?.close();
    await receiver?.close();
    await server?.stop();
  });

  async function connectAt(node: number, token: string): Promise<HubSocket> {
    const socket = connectHub(nodes!.urls[node]!, token);
    sockets.push(socket);
    await new Promise((resolve) => socket.once('snapshot', resolve));
    return socket;
  }

  it('sends each delivery from one node only', async () => {
    const { stores, hubs } = nodes!;
    await stores[0]!.createWebhook(
      {
        id: 'wh-1',
        url: receiver.url,
        events: ['ticket.issued'],
        siteId: 'xa-a',
        description: '',
        sealedSecret: hubs[0]!.webhooks.sealer.seal('whsec_thu'),
        createdBy: 'admin',
      },
      clock.now(),
    );
    const second = await pairDevice(
      stores[0]!.site('xa-a'),
      { id: 'kiosk-2', kind: 'kiosk', name: 'Ki-ốt 2' },
      0,
    );
    // Which node claimed what (each node's own store, counted as it answers).
    const claimedBy = stores.map(() => [] as string[]);
    stores.forEach((store, n) => {
      const claim = store.claimWebhookDeliveries.bind(store);
      store.claimWebhookDeliveries = async (...args) => {
        const claimed = await claim(...args);
        claimedBy[n]!.push(...claimed.map((d) => d.idempotencyKey));
        return claimed;
      };
    });
    // A slow receiver: deliveries are in flight while the other node looks for work.
    receiver.delayMs = 50;
    const kiosks = [await connectAt(0, nodes!.kioskToken), await connectAt(1, second)];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(kiosks[i % 2]!, 'ticket:issue', { fieldId: 'ho-tich', priorityClassId: null }),
      ),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    for (let i = 0; i < 20 && receiver.processed.length < 40; i++)
      await Promise.all(hubs.map((h) => h.webhooks.settle()));
    await receiver.waitForProcessed(40);
    await Promise.all(hubs.map((h) => h.webhooks.settle()));

    // 40 requests for 40 keys: no delivery was sent twice, by either node.
    expect(receiver.requests).toHaveLength(40);
    expect(new Set(receiver.requests.map((d) => d.body.id)).size).toBe(40);
    // No key was claimed by both nodes, nor twice by one: 40 claims in all. (Which node claims
    // what is up to timing: on a busy machine one node may win every round, so the test does not
    // ask that both sent; it asks that however they raced, nothing was claimed twice.)
    expect(claimedBy.flat()).toHaveLength(40);
    expect(new Set(claimedBy.flat()).size).toBe(40);
    const seqs = receiver.requests.map((d) => d.body.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => seqs[0]! + i));
  });
});
