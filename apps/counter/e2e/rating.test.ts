import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  launchChromium,
  openPage,
  request,
  startTestHub,
  testConfig,
  type TestHub,
} from '@luot/hub/testing';
import { issueTickets } from './helpers.ts';

const PAD_VIEWPORT = { width: 1280, height: 800 };
let browser: Browser;
let t: TestHub | undefined;

beforeAll(async () => {
  // Two Chromiums and hubs share the machine's cores: give screens time to catch up.
  browser = await launchChromium();
});
afterEach(async () => {
  await t?.close();
  t = undefined;
});
afterAll(async () => {
  await browser?.close();
});

/** A clerk's socket at a counter, serving one ticket from call to finish; returns its id. */
async function serveOne(hub: TestHub, username: string, counterId: string): Promise<string> {
  const { token } = await hub.login(username, counterId);
  const { socket } = await hub.connectReady(token);
  const called = await request(socket, 'counter:callNext', {});
  if (!called.ok) throw new Error(called.error.message);
  await request(socket, 'counter:start', {});
  hub.clock.advance(4 * 60_000);
  const finished = await request(socket, 'counter:finish', {});
  if (!finished.ok) throw new Error(finished.error.message);
  socket.disconnect();
  return called.data.id;
}

const ratedEvents = (hub: TestHub, ticketId: string) =>
  hub.store
    .eventsOfDay(hub.hub.queue.live.day)
    .filter((e) => e.event.type === 'ticket.rated' && e.event.ticketId === ticketId).length;

it('a second pad, a double tap or another counter’s pad cannot rate the same ticket twice', async () => {
  t = await startTestHub({ serveApps: true });
  await issueTickets(t, ['ho-tich'], 60_000);
  const padA = await openPage(
    browser,
    `${t.url}/display/rating?token=${t.tokens.pad2}`,
    PAD_VIEWPORT,
  );
  const padB = await openPage(
    browser,
    `${t.url}/display/rating?token=${t.tokens.pad2}`,
    PAD_VIEWPORT,
  );
  const otherPad = await openPage(
    browser,
    `${t.url}/display/rating?token=${t.tokens.pad1}`,
    PAD_VIEWPORT,
  );
  for (const p of [padA, padB, otherPad]) await p.page.waitForSelector('[data-testid=rating-idle]');

  const ticketId = await serveOne(t, 'cb2', 'c2');
  await padA.page.waitForSelector('[data-testid=rating-ask]');
  await padB.page.waitForSelector('[data-testid=rating-ask]');
  // Counter 1's pad stays idle, and the hub refuses it the ticket outright.
  expect(await otherPad.page.locator('[data-testid=rating-idle]').count()).toBe(1);
  const { socket: pad1 } = await t.connectReady(t.tokens.pad1!);
  const foreign = await request(pad1, 'rating:submit', { ticketId, score: 1 });
  expect(foreign).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

  // A double tap sends one rating: the pad thanks, it does not report "already rated".
  await padA.page.getByRole('button', { name: 'Hài lòng', exact: true }).dblclick();
  await padA.page.waitForSelector('[data-testid=rating-thanks]');
  // The other screen of the same pad sees the rating arrive and withdraws its scale.
  await padB.page.waitForSelector('[data-testid=rating-closed]');
  expect(await padB.page.textContent('[data-testid=rating-closed] h1')).toBe(
    'Lượt phục vụ này đã được đánh giá.',
  );
  expect(await padB.page.locator('.rating-button').count()).toBe(0);
  // Trying again over the pad's own socket is refused too.
  const { socket: pad2 } = await t.connectReady(t.tokens.pad2!);
  const again = await request(pad2, 'rating:submit', { ticketId, score: 1 });
  expect(again).toMatchObject({
    ok: false,
    error: { code: 'ALREADY_RATED', message: 'Lượt phục vụ này đã được đánh giá.' },
  });

  expect(ratedEvents(t, ticketId)).toBe(1);
  expect(t.store.ticketSnapshot(ticketId)?.rating).toBe(2);
  const visit = t.store.services(t.hub.queue.live.day).find((s) => s.ticketId === ticketId);
  expect(visit).toMatchObject({ counterId: 'c2', clerkId: 'cb2', outcome: 'done', rating: 2 });
  for (const p of [padA, padB, otherPad]) expect(p.errors).toEqual([]);
});

it('shows a configured five-level scale, and waits out a hub restart before sending', async () => {
  const scale = [
    { score: 5, label: 'Rất hài lòng' },
    { score: 4, label: 'Hài lòng' },
    { score: 3, label: 'Bình thường' },
    { score: 2, label: 'Chưa hài lòng' },
    { score: 1, label: 'Rất không hài lòng' },
  ];
  t = await startTestHub({ serveApps: true, config: testConfig(3, { ratingScale: scale }) });
  await issueTickets(t, ['dat-dai'], 60_000);
  const pad = await openPage(
    browser,
    `${t.url}/display/rating?token=${t.tokens.pad3}`,
    PAD_VIEWPORT,
  );
  await pad.page.waitForSelector('[data-testid=rating-idle]');
  const ticketId = await serveOne(t, 'cb3', 'c3');
  await pad.page.waitForSelector('[data-testid=rating-ask]');
  expect(await pad.page.textContent('[data-testid=rating-ticket]')).toBe('Số A001');
  expect(await pad.page.locator('.rating-button').allTextContents()).toEqual(
    scale.map((l) => l.label),
  );

  const hub = t;
  await hub.restart(async () => {
    await pad.page.waitForSelector('[data-testid=connection-banner]');
    const disabled = await pad.page
      .locator('.rating-button')
      .evaluateAll((els) => els.map((b) => (b as HTMLButtonElement).disabled));
    expect(disabled).toEqual([true, true, true, true, true]);
    expect(await pad.page.textContent('[data-testid=rating-status]')).toContain('Mất kết nối');
  });
  await expect
    .poll(() => pad.page.locator('[data-testid=connection-banner]').count(), { timeout: 15_000 })
    .toBe(0);
  await pad.page.getByRole('button', { name: 'Bình thường' }).click();
  await pad.page.waitForSelector('[data-testid=rating-thanks]');
  expect(hub.store.ticketSnapshot(ticketId)?.rating).toBe(3);
  // Chromium logs each refused reconnect while the hub is down; nothing else may fail.
  expect(pad.errors.filter((e) => !e.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
});
