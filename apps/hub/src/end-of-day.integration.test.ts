import { afterEach, expect, it } from 'vitest';
import { DEFAULT_END_OF_DAY_TEXT } from '@luot/domain';
import type { PublicTicketView } from '@luot/protocol';
import { request, startTestHub, type TestHub } from '../testing/index.ts';

/** 16:30 on Monday 2026-11-23, Asia/Ho_Chi_Minh (UTC+7). The fields' last session ends 17:00. */
const MONDAY_1630 = Date.parse('2026-11-23T09:30:00Z');
const MONDAY_1710 = Date.parse('2026-11-23T10:10:00Z');
/** 00:00:05 on Tuesday. */
const TUESDAY_MIDNIGHT = Date.parse('2026-11-23T17:00:05Z');

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

/** A phone page over a real socket, and every view it has been sent. */
function phonePage(token: string) {
  const views: PublicTicketView[] = [];
  const socket = t.connect(token);
  socket.on('ticket:view', (v) => views.push(v));
  return { socket, views, last: () => views.at(-1) };
}

it('tells waiting phone pages service is over when the last counter closes after the last session', async () => {
  t = await startTestHub({ counters: 2, now: MONDAY_1630, hub: { sessionIdleMs: 24 * 3600_000 } });
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const a = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  const b = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
  if (!a.ok || !b.ok) throw new Error('not issued');
  const s1 = await t.login('cb1', 'c1');
  const s2 = await t.login('cb2', 'c2');
  const c1 = await t.connectReady(s1.token);
  await t.connectReady(s2.token);
  /** A clerk signs out, which closes their counter. */
  const signOut = async (token: string) =>
    (
      await fetch(`${t.url}/api/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      })
    ).status;

  const first = phonePage(a.data.token);
  const second = phonePage(b.data.token);
  await expect.poll(() => second.views.length).toBe(1);
  expect(second.last()).toMatchObject({ status: 'waiting', ahead: 1, endOfDayMessage: null });

  // 1001 is called and marked absent; the session ends at 17:00 with two counters open.
  expect((await request(c1.socket, 'counter:callNext', {})).ok).toBe(true);
  expect((await request(c1.socket, 'counter:noShow', {})).ok).toBe(true);
  await expect.poll(() => first.last()?.status).toBe('no_show');
  t.clock.set(MONDAY_1710);
  // Counters still open serve the citizens waiting: nothing changes on the pages.
  expect(await signOut(s1.token)).toBe(200);
  await new Promise((r) => setTimeout(r, 300));
  expect(second.last()?.endOfDayMessage).toBeNull();
  expect(first.last()?.endOfDayMessage).toBeNull();

  // The last counter closes: both pages learn it at once, without a reload.
  expect(await signOut(s2.token)).toBe(200);
  await expect.poll(() => second.last()?.endOfDayMessage).toBe(DEFAULT_END_OF_DAY_TEXT);
  await expect.poll(() => first.last()?.endOfDayMessage).toBe(DEFAULT_END_OF_DAY_TEXT);
  expect(second.last()).toMatchObject({ status: 'waiting', estimatedWaitMinutes: null });
});

it('tells a waiting page at the session end itself, when no counter is open', async () => {
  t = await startTestHub({ counters: 1, now: MONDAY_1630 });
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const a = await request(kiosk, 'ticket:issue', { fieldId: 'dat-dai' });
  if (!a.ok) throw new Error('not issued');
  const page = phonePage(a.data.token);
  await expect.poll(() => page.views.length).toBe(1);
  expect(page.last()?.endOfDayMessage).toBeNull();

  // No queue event at all: the hub's clock passes 17:00.
  t.clock.set(MONDAY_1710);
  await expect.poll(() => page.last()?.endOfDayMessage).toBe(DEFAULT_END_OF_DAY_TEXT);
  expect(page.views).toHaveLength(2);
});

it('pushes the midnight expiry to every open phone page at once, without reconnecting', async () => {
  t = await startTestHub({ counters: 1, now: MONDAY_1630 });
  const { socket: kiosk } = await t.connectReady(t.tokens.kiosk!);
  const pages = [];
  for (let i = 0; i < 3; i++) {
    const res = await request(kiosk, 'ticket:issue', { fieldId: 'ho-tich' });
    if (!res.ok) throw new Error('not issued');
    pages.push(phonePage(res.data.token));
  }
  for (const p of pages) await expect.poll(() => p.views.length).toBe(1);
  t.clock.set(MONDAY_1710);
  for (const p of pages)
    await expect.poll(() => p.last()?.endOfDayMessage).toBe(DEFAULT_END_OF_DAY_TEXT);
  let reconnects = 0;
  for (const p of pages) p.socket.io.on('reconnect', () => reconnects++);

  t.clock.set(TUESDAY_MIDNIGHT);
  for (const p of pages) await expect.poll(() => p.last()?.status).toBe('expired');
  for (const p of pages) expect(p.last()).toMatchObject({ endOfDayMessage: null, ahead: 0 });
  expect(pages.map((p) => p.last()!.label)).toEqual(['1001', '1002', '1003']);
  expect(reconnects).toBe(0);
  expect(pages.every((p) => p.socket.connected)).toBe(true);
});
