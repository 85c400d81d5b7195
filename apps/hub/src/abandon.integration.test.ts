import { afterEach, beforeEach, expect, it } from 'vitest';
import { request, startTestHub, type TestHub } from '../testing/test-hub.ts';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub({ counters: 1 });
});
afterEach(async () => {
  await t.close();
});

it('lets a kiosk that lost the answer take back the number nobody holds', async () => {
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const issued = await request(kiosk, 'ticket:issue', {
    fieldId: 'ho-tich',
    requestId: 'req-0001-abcd',
  });
  if (!issued.ok) throw new Error('issue failed');

  // The same request id cannot issue a second number.
  const again = await request(kiosk, 'ticket:issue', {
    fieldId: 'ho-tich',
    requestId: 'req-0001-abcd',
  });
  expect(!again.ok && again.error.code).toBe('INVALID_ARGUMENT');

  const abandoned = await request(kiosk, 'ticket:abandon', {
    requestId: 'req-0001-abcd',
    reason: 'Mất kết nối khi lấy số',
  });
  expect(abandoned).toEqual({ ok: true, data: { ticketId: issued.data.ticket.id } });
  expect(t.hub.queue.live.tickets[issued.data.ticket.id]!.status).toBe('cancelled');

  // A request that never reached the hub: nothing to take back, nothing changes.
  const seq = t.hub.queue.seq;
  const unknown = await request(kiosk, 'ticket:abandon', {
    requestId: 'req-9999-never',
    reason: 'x',
  });
  expect(unknown).toEqual({ ok: true, data: { ticketId: null } });
  expect(t.hub.queue.seq).toBe(seq);
});

it('survives a restart, and never takes back a ticket already called or another kiosk’s', async () => {
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const issued = await request(kiosk, 'ticket:issue', {
    fieldId: 'ho-tich',
    requestId: 'req-0002-abcd',
  });
  const other = await request(kiosk, 'ticket:issue', {
    fieldId: 'ho-tich',
    requestId: 'req-0003-abcd',
  });
  if (!issued.ok || !other.ok) throw new Error('issue failed');

  await t.restart();
  const { socket: kiosk2 } = await t.connectReady(t.tokens.kiosk!);
  const clerk = (await t.connectReady((await t.login('cb1', 'c1')).token)).socket;
  await request(clerk, 'counter:callNext', {}); // calls the first ticket

  const late = await request(kiosk2, 'ticket:abandon', { requestId: 'req-0002-abcd', reason: 'x' });
  expect(!late.ok && late.error.code).toBe('INVALID_STATE');
  expect(t.hub.queue.live.tickets[issued.data.ticket.id]!.status).toBe('called');

  // The request key is scoped by kiosk: the display cannot send it, and it names the kiosk's own.
  const display = (await t.connectReady(t.tokens.display!)).socket;
  const forbidden = await request(display, 'ticket:abandon', {
    requestId: 'req-0003-abcd',
    reason: 'x',
  });
  expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
  const ok = await request(kiosk2, 'ticket:abandon', { requestId: 'req-0003-abcd', reason: 'x' });
  expect(ok.ok && ok.data.ticketId).toBe(other.data.ticket.id);
});

it('refuses a repeated request id sent in the same instant without harming other kiosks', async () => {
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const [a, b, c] = await Promise.all([
    request(kiosk, 'ticket:issue', { fieldId: 'ho-tich', requestId: 'req-same-0001' }),
    request(kiosk, 'ticket:issue', { fieldId: 'ho-tich', requestId: 'req-same-0001' }),
    request(kiosk, 'ticket:issue', { fieldId: 'dat-dai', requestId: 'req-other-0002' }),
  ]);
  expect([a.ok, b.ok, c.ok]).toEqual([true, false, true]);
  expect(!b.ok && b.error.code).toBe('INVALID_ARGUMENT');
  // Both numbers that were answered are stored.
  await t.restart();
  const labels = Object.values(t.hub.queue.live.tickets)
    .map((x) => x.label)
    .sort();
  expect(labels).toEqual(['1001', 'A001']);
});
