// Webhook deliveries from a real hub (SQLite file, fake clock) to a real HTTP receiver on
// 127.0.0.1: signatures, order per ticket, back-off, a receiver down or hanging, the dead-letter
// list and "send again", and a queue that never waits for a receiver.
import type { HubSocket } from '@luot/hub-client';
import type { WebhookCreated, WebhookDelivery, WebhookEventType } from '@luot/protocol';
import { afterEach, expect, it } from 'vitest';
import {
  request,
  staffApi,
  startTestHub,
  startWebhookReceiver,
  type ReceivedDelivery,
  type TestHub,
  type WebhookReceiver,
} from '../../testing/index.ts';
import { verifyWebhook } from './signing.ts';

let t: TestHub;
let receiver: WebhookReceiver;
afterEach(async () => {
  await t?.close();
  await receiver?.close();
});

async function setUp(events: WebhookEventType[], timeoutMs = 2_000) {
  receiver = await startWebhookReceiver();
  t = await startTestHub({ counters: 2, webhooks: { timeoutMs } });
  const admin = await t.login('admin');
  const made = await staffApi<WebhookCreated>(t.url, admin.token, 'POST', '/api/admin/webhooks', {
    url: receiver.url,
    events,
    siteId: 'trung-tam',
  });
  if (!made.body.ok) throw new Error('not subscribed');
  const hook = made.body.data;
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const issue = async () => {
    t.clock.advance(1_000);
    const res = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    if (!res.ok) throw new Error(res.error.code);
    return res.data.ticket;
  };
  const deliveries = async (query = '') => {
    const res = await staffApi<{ deliveries: WebhookDelivery[]; next: number | null }>(
      t.url,
      // Signed in afresh: the test moves the clock past a session's idle timeout.
      (await t.login('admin')).token,
      'GET',
      `/api/admin/webhooks/deliveries${query}`,
    );
    if (!res.body.ok) throw new Error('no deliveries');
    return res.body.data;
  };
  const settle = () => t.hub.webhooks.settle();
  return { admin, hook, kiosk, issue, deliveries, settle };
}

async function clerkAt(counterId: string): Promise<HubSocket> {
  const session = await t.login(`cb${counterId.slice(1)}`, counterId);
  return (await t.connectReady(session.token)).socket;
}

/** The hub-clock second of an attempt, from its signature. */
const sentAt = (d: ReceivedDelivery) =>
  Number(/t=(\d+)/.exec(String(d.headers['x-luot-signature']))![1]);

it('signs each delivery as documented; a tampered body or an old timestamp does not verify', async () => {
  const { hook, issue, settle } = await setUp(['ticket.issued']);
  const ticket = await issue();
  await receiver.waitForProcessed(1);
  await settle();
  const [got] = receiver.processed;
  const now = Math.floor(t.clock.now() / 1000);
  const key = `trung-tam:${got!.body.seq}:${hook.id}`;
  expect(got!.headers).toMatchObject({
    'content-type': 'application/json',
    'idempotency-key': key,
    'x-luot-event': 'ticket.issued',
  });
  expect(got!.body).toMatchObject({
    id: key,
    type: 'ticket.issued',
    siteId: 'trung-tam',
    ticketLabel: ticket.label,
    occurredAt: t.clock.now(),
    event: { type: 'ticket.issued', ticket: { id: ticket.id, label: ticket.label } },
  });
  const signature = String(got!.headers['x-luot-signature']);
  expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  expect(verifyWebhook(hook.secret, signature, got!.raw, now)).toBe(true);
  expect(verifyWebhook(hook.secret, signature, got!.raw.replace(ticket.label, 'A999'), now)).toBe(
    false,
  );
  expect(verifyWebhook('whsec_other', signature, got!.raw, now)).toBe(false);
  expect(verifyWebhook(hook.secret, signature, got!.raw, now + 301)).toBe(false);
});

it('keeps a counter’s events in order; another counter’s do not wait behind them', async () => {
  const { settle } = await setUp(['counter.opened', 'counter.paused']);
  // The receiver refuses c1's opening; c1's pause waits behind it, c2's events go on.
  receiver.answer = (d) =>
    d.body.type === 'counter.opened' && d.body.counter?.id === 'c1' ? 500 : 200;
  const clerk1 = await clerkAt('c1');
  const clerk2 = await clerkAt('c2');
  expect((await request(clerk1, 'counter:pause', { reason: 'Họp' })).ok).toBe(true);
  expect((await request(clerk2, 'counter:pause', { reason: 'Họp' })).ok).toBe(true);
  await settle();
  const seen = (ds: ReceivedDelivery[]) => ds.map((d) => `${d.body.type} ${d.body.counter?.id}`);
  expect(seen(receiver.processed)).toEqual(['counter.opened c2', 'counter.paused c2']);
  expect(seen(receiver.requests)).not.toContain('counter.paused c1');
  // c1's receiver side recovers: its opening, then its pause, in that order.
  receiver.answer = () => 200;
  t.clock.advance(12_000);
  await settle();
  expect(seen(receiver.processed).slice(2)).toEqual(['counter.opened c1', 'counter.paused c1']);
});

it('keeps a ticket’s events in order while its first one fails; other tickets go on', async () => {
  const { issue, settle, deliveries } = await setUp(['ticket.issued', 'ticket.called']);
  // The receiver refuses the first two attempts of the first ticket's issue.
  let target: string | null = null;
  let refused = 0;
  receiver.answer = (d) => {
    if (d.body.type !== 'ticket.issued') return 200;
    target ??= d.body.ticketLabel;
    return d.body.ticketLabel === target && refused++ < 2 ? 500 : 200;
  };
  const a = await issue();
  const b = await issue();
  const clerk1 = await clerkAt('c1');
  const clerk2 = await clerkAt('c2');
  t.clock.advance(1_000);
  expect((await request(clerk1, 'counter:callNext', {})).ok).toBe(true);
  expect((await request(clerk2, 'counter:callNext', {})).ok).toBe(true);
  await settle();
  const labels = (ds: ReceivedDelivery[]) => ds.map((d) => `${d.body.type} ${d.body.ticketLabel}`);
  // a's issue failed; its call waits behind it, never sent; b's events went on meanwhile.
  expect(target).toBe(a.label);
  expect(labels(receiver.processed)).toEqual([
    `ticket.issued ${b.label}`,
    `ticket.called ${b.label}`,
  ]);
  expect(
    receiver.requests.filter(
      (d) => d.body.type === 'ticket.called' && d.body.ticketLabel === a.label,
    ),
  ).toEqual([]);
  const pending = (await deliveries('?state=pending')).deliveries;
  expect(pending.map((d) => [d.type, d.ticketId, d.attempts, d.lastStatus])).toEqual([
    ['ticket.called', a.id, 0, null],
    ['ticket.issued', a.id, 1, 500],
  ]);
  // The back-off passes (twice: the second attempt fails too), then a's events go in order.
  t.clock.advance(12_000);
  await settle();
  expect(receiver.processed).toHaveLength(2);
  t.clock.advance(24_000);
  await settle();
  expect(labels(receiver.processed).slice(2)).toEqual([
    `ticket.issued ${a.label}`,
    `ticket.called ${a.label}`,
  ]);
  expect(receiver.requests).toHaveLength(6);
});

it('backs off exponentially while a receiver is down for an hour, then delivers everything', async () => {
  const { issue, settle, deliveries } = await setUp(['ticket.issued']);
  receiver.answer = () => 503;
  for (let i = 0; i < 3; i++) await issue();
  await settle();
  const start = t.clock.now();
  while (t.clock.now() - start < 60 * 60_000) {
    t.clock.advance(5_000);
    await settle();
  }
  const byKey = new Map<string, ReceivedDelivery[]>();
  for (const d of receiver.requests) byKey.set(d.body.id, [...(byKey.get(d.body.id) ?? []), d]);
  expect(byKey.size).toBe(3);
  for (const attempts of byKey.values()) {
    const gaps = attempts.slice(1).map((d, i) => sentAt(d) - sentAt(attempts[i]!));
    // 10 s, 20 s, 40 s … (each with up to 20 % jitter, seen at the next 5 s step).
    gaps.forEach((gap, i) => {
      const wait = 10 * 2 ** i;
      expect(gap).toBeGreaterThanOrEqual(wait);
      expect(gap).toBeLessThanOrEqual(wait * 1.2 + 5);
    });
    expect(attempts.length).toBe(9);
  }
  expect(receiver.processed).toEqual([]);
  const [last] = (await deliveries()).deliveries;
  expect(last).toMatchObject({
    state: 'pending',
    attempts: 9,
    lastStatus: 503,
    lastError: 'HTTP 503',
  });

  receiver.answer = () => 200;
  // The next attempt is at most an hour (the cap) and its jitter away.
  for (let i = 0; i < 15 && receiver.processed.length < 3; i++) {
    t.clock.advance(5 * 60_000);
    await settle();
  }
  expect(new Set(receiver.processed.map((d) => d.body.id))).toEqual(new Set(byKey.keys()));
  expect((await deliveries('?state=delivered')).deliveries).toHaveLength(3);
});

it('times out a hanging receiver and retries it; the queue answers meanwhile', async () => {
  const { issue, settle, deliveries } = await setUp(['ticket.issued', 'ticket.called'], 500);
  receiver.answer = () => 'hang';
  const tickets = [];
  for (let i = 0; i < 20; i++) tickets.push(await issue());
  const clerk = await clerkAt('c1');
  expect((await request(clerk, 'counter:callNext', {})).ok).toBe(true);
  // Every issue and the call were answered while the receiver held its requests unanswered.
  expect(receiver.processed).toEqual([]);
  await settle();
  const timedOut = (await deliveries('?state=pending')).deliveries.filter((d) => d.attempts > 0);
  expect(timedOut.length).toBeGreaterThan(0);
  expect(timedOut[0]!.lastError).toBe('timeout after 500 ms');
  expect(timedOut[0]!.lastStatus).toBeNull();

  receiver.answer = () => 200;
  for (let i = 0; i < 10 && receiver.processed.length < 21; i++) {
    t.clock.advance(30_000);
    await settle();
  }
  expect(receiver.processed).toHaveLength(21);
  expect(new Set(receiver.processed.map((d) => d.body.id)).size).toBe(21);
});

it('gives up after 24 hours (dead), and "send again" delivers with the same key', async () => {
  const { issue, settle, deliveries } = await setUp(['ticket.issued']);
  receiver.answer = () => 500;
  await issue();
  await settle();
  for (let h = 0; h < 25; h++) {
    t.clock.advance(60 * 60_000);
    await settle();
  }
  const dead = (await deliveries('?state=dead')).deliveries;
  expect(dead).toHaveLength(1);
  expect(dead[0]).toMatchObject({ state: 'dead', lastStatus: 500, nextAttemptAt: null });
  const tries = receiver.requests.length;
  t.clock.advance(60 * 60_000);
  await settle();
  expect(receiver.requests.length).toBe(tries);

  receiver.answer = () => 200;
  const admin = await t.login('admin');
  const again = await staffApi<WebhookDelivery>(
    t.url,
    admin.token,
    'POST',
    `/api/admin/webhooks/deliveries/${dead[0]!.id}/retry`,
  );
  expect(again.status).toBe(200);
  await settle();
  expect(receiver.processed.map((d) => d.headers['idempotency-key'])).toEqual([
    dead[0]!.idempotencyKey,
  ]);
  expect((await deliveries()).deliveries[0]).toMatchObject({ state: 'delivered', lastStatus: 200 });
  // A delivered one may be sent again too; a pending one may not.
  const twice = await staffApi(
    t.url,
    admin.token,
    'POST',
    `/api/admin/webhooks/deliveries/${dead[0]!.id}/retry`,
  );
  expect(twice.status).toBe(200);
  const thrice = await staffApi(
    t.url,
    admin.token,
    'POST',
    `/api/admin/webhooks/deliveries/${dead[0]!.id}/retry`,
  );
  expect(thrice.status).toBe(409);
  await settle();
  // The receiver got the same key again and, as documented, did not act on it twice.
  expect(receiver.requests.at(-1)!.headers['idempotency-key']).toBe(dead[0]!.idempotencyKey);
  expect(receiver.processed).toHaveLength(1);
  expect(t.store.listAudit(5).filter((e) => e.action === 'webhook.retry')).toHaveLength(2);
});

it('pages the delivery log newest first and purges old delivered ones', async () => {
  const { issue, settle, deliveries } = await setUp(['ticket.issued']);
  for (let i = 0; i < 5; i++) await issue();
  await settle();
  const first = await deliveries('?limit=2');
  expect(first.deliveries.map((d) => d.seq)).toEqual(
    [6, 5].map((n) => first.deliveries[0]!.seq - 6 + n),
  );
  const second = await deliveries(`?limit=2&before=${first.next}`);
  const third = await deliveries(`?limit=2&before=${second.next}`);
  expect(third.next).toBeNull();
  const seqs = [...first.deliveries, ...second.deliveries, ...third.deliveries].map((d) => d.seq);
  expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
  expect(new Set(seqs).size).toBe(5);
  expect(t.province.purgeWebhookDeliveries('trung-tam', t.clock.now() + 1)).toBe(5);
});
