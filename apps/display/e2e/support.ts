// Shared helpers of the display app's browser tests: people and devices acting on a real hub.
import type { Page } from 'playwright-core';
import { MONDAY_9AM, request, type TestHub } from '@luot/hub/testing';

type Socket = ReturnType<TestHub['connect']>;
type RequestArgs = Parameters<typeof request>;

/**
 * Makes the hub's fake clock run at the speed of real time from 09:00, as a real hub's would,
 * so calls are as fresh for the page (which reads its own clock plus the hub's offset) as they
 * are in a centre. `skip` moves it on at once (an outage lasting that long).
 */
export function followRealTime(t: TestHub, start = MONDAY_9AM) {
  const t0 = Date.now();
  let skipped = 0;
  const tick = () => t.clock.set(start + skipped + Date.now() - t0);
  tick();
  const timer = setInterval(tick, 10);
  return {
    skip(ms: number) {
      skipped += ms;
      tick();
    },
    stop: () => clearInterval(timer),
  };
}

/** Sends one event and fails the test when the hub refuses it. */
export async function act<E extends RequestArgs[1]>(
  socket: Socket,
  event: E,
  payload: Parameters<typeof request<E>>[2],
) {
  const ack = await request(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** Clerk `cb<n>` signed in at counter `c<n>` (which opens it), with a live socket. */
export async function clerkAt(t: TestHub, n: number): Promise<Socket> {
  const { token } = await t.login(`cb${n}`, `c${n}`);
  return (await t.connectReady(token)).socket;
}

/** The kiosk: issues tickets and returns each label and its phone page path. */
export async function kiosk(t: TestHub) {
  const { socket } = await t.connectReady(t.tokens.kiosk!);
  return {
    socket,
    async issue(fieldId: string, priorityClassId: string | null = null) {
      const data = await act(socket, 'ticket:issue', { fieldId, priorityClassId });
      return { label: data.ticket.label, path: data.path, id: data.ticket.id };
    },
  };
}

/** One announcement as the board records it in window.__luotAnnouncements. */
export interface Announcement {
  key: string | null;
  label: string | null;
  counterNumber: number | null;
  recall: boolean;
  clips: string[];
  startedAt: number;
  endedAt: number | null;
  error: string | null;
}

/** What the page's audio player has been asked to play so far (null before the board starts). */
export function announcements(page: Page): Promise<Announcement[] | null> {
  return page.evaluate(
    () =>
      (window as unknown as { __luotAnnouncements?: Announcement[] }).__luotAnnouncements ?? null,
  );
}

/** The text of an element, or null when it is not on the page. */
export async function text(page: Page, selector: string): Promise<string | null> {
  const element = await page.$(selector);
  return element ? ((await element.textContent()) ?? '').trim() : null;
}
