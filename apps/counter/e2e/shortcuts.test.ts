import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { actionButton, currentLabel, issueTickets, signIn } from './helpers.ts';

const MINUTE = 60_000;
let t: TestHub;
let browser: Browser;

beforeAll(async () => {
  // Two Chromiums and hubs share the machine's cores: give screens time to catch up.
  t = await startTestHub({ serveApps: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What a counter has done, as the hub stored it: its status, current ticket and every visit. */
function record(counterId: string) {
  const state = t.hub.queue.live;
  const counter = state.counters[counterId]!;
  const current = counter.currentTicketId ? state.tickets[counter.currentTicketId] : undefined;
  return {
    counter: counter.status,
    current: current ? { status: current.status, callCount: current.callCount } : null,
    visits: t.store
      .services(state.day)
      .filter((s) => s.counterId === counterId)
      .map((s) => ({ outcome: s.outcome, recalls: s.recalls, started: s.startedAt !== null })),
    transferredToC3: Object.values(state.tickets).filter((x) => x.assignedCounterId === 'c3')
      .length,
  };
}

const FOCI = [
  // nothing focused
  (p: Page) => p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()),
  // a button that is not the action's own
  (p: Page) => p.focus('button:has-text("Đăng xuất")'),
  // another action button
  (p: Page) => p.focus('button[data-action=pauseResume]'),
];

it('every shortcut key does what its button does, with focus anywhere outside text fields', async () => {
  await issueTickets(t, ['ho-tich', 'dat-dai', 'ho-tich', 'dat-dai', 'ho-tich'], MINUTE);
  const mouse = (await openPage(browser, `${t.url}/counter/`)).page;
  const keys = await openPage(browser, `${t.url}/counter/`);
  await signIn(mouse, 'Quầy 1', 'cb1');
  await signIn(keys.page, 'Quầy 2', 'cb2');
  // Counter 3 is open, so the transfer dialog offers it (a closed counter cannot be chosen).
  const third = await t.login('cb3', 'c3');
  await t.connectReady(third.token);

  const shown = await mouse.locator('.action kbd').allTextContents();
  expect(shown).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8']);
  expect(await actionButton(mouse, 'finish').getAttribute('aria-keyshortcuts')).toBe('F4');

  let step = 0;
  // Press a shortcut once the screen offers its action (the hub's event has arrived).
  const press = async (key: string) => {
    await keys.page.waitForSelector(`button[aria-keyshortcuts=${key}][aria-disabled=false]`);
    await FOCI[step++ % FOCI.length]!(keys.page);
    await keys.page.keyboard.press(key);
  };

  const steps: {
    name: string;
    byMouse: () => Promise<void>;
    byKey: () => Promise<void>;
    expected: ReturnType<typeof record>;
  }[] = [
    {
      name: 'Gọi tiếp',
      byMouse: () => actionButton(mouse, 'callNext').click(),
      byKey: () => press('F1'),
      expected: {
        counter: 'open',
        current: { status: 'called', callCount: 1 },
        visits: [{ outcome: null, recalls: 0, started: false }],
        transferredToC3: 0,
      },
    },
    {
      name: 'Gọi lại',
      byMouse: () => actionButton(mouse, 'recall').click(),
      byKey: () => press('F2'),
      expected: {
        counter: 'open',
        current: { status: 'called', callCount: 2 },
        visits: [{ outcome: null, recalls: 1, started: false }],
        transferredToC3: 0,
      },
    },
    {
      name: 'Bắt đầu',
      byMouse: () => actionButton(mouse, 'start').click(),
      byKey: () => press('F3'),
      expected: {
        counter: 'open',
        current: { status: 'serving', callCount: 2 },
        visits: [{ outcome: null, recalls: 1, started: true }],
        transferredToC3: 0,
      },
    },
    {
      name: 'Hoàn thành',
      byMouse: () => actionButton(mouse, 'finish').click(),
      byKey: () => press('F4'),
      expected: {
        counter: 'open',
        current: null,
        visits: [{ outcome: 'done', recalls: 1, started: true }],
        transferredToC3: 0,
      },
    },
    {
      name: 'Gọi tiếp, then Vắng mặt',
      byMouse: async () => {
        await actionButton(mouse, 'callNext').click();
        await expect.poll(() => currentLabel(mouse)).not.toBeNull();
        await actionButton(mouse, 'noShow').click();
      },
      byKey: async () => {
        await press('F1');
        await expect.poll(() => currentLabel(keys.page)).not.toBeNull();
        await press('F5');
      },
      expected: {
        counter: 'open',
        current: null,
        visits: [
          { outcome: 'done', recalls: 1, started: true },
          { outcome: 'no_show', recalls: 0, started: false },
        ],
        transferredToC3: 0,
      },
    },
    {
      name: 'Gọi số (the no-show again)',
      byMouse: async () => {
        const label = await noShowOf('c1');
        await actionButton(mouse, 'callNumber').click();
        await mouse.getByLabel('Nhập số cần gọi').fill(label);
        await mouse.getByRole('button', { name: `Gọi số đã chọn: ${label}` }).click();
      },
      byKey: async () => {
        const label = await noShowOf('c2');
        await press('F7');
        await keys.page.waitForSelector(
          '[data-testid=call-number-dialog] input[name=number]:focus',
        );
        await keys.page.keyboard.type(label);
        // Shortcuts rest while a dialog is open.
        await keys.page.keyboard.press('F1');
        await keys.page.keyboard.press('Enter');
      },
      expected: {
        counter: 'open',
        current: { status: 'called', callCount: 2 },
        visits: [
          { outcome: 'done', recalls: 1, started: true },
          { outcome: 'no_show', recalls: 0, started: false },
          { outcome: null, recalls: 0, started: false },
        ],
        transferredToC3: 0,
      },
    },
    {
      name: 'Chuyển (to counter 3)',
      byMouse: async () => {
        await actionButton(mouse, 'transfer').click();
        const dialog = mouse.locator('[data-testid=transfer-dialog]');
        await dialog.getByLabel('Quầy 3').check();
        await dialog.getByLabel('Lý do chuyển').fill('Cần cán bộ chuyên môn');
        await dialog.getByRole('button', { name: 'Chuyển', exact: true }).click();
      },
      byKey: async () => {
        await press('F6');
        const dialog = keys.page.locator('[data-testid=transfer-dialog]');
        await keys.page.waitForSelector('[data-testid=transfer-dialog] input:focus');
        // The other field, then the counters 1 and 3: two arrows down reach counter 3.
        await keys.page.keyboard.press('ArrowDown');
        await keys.page.keyboard.press('ArrowDown');
        expect(await dialog.getByLabel('Quầy 3').isChecked()).toBe(true);
        await keys.page.keyboard.press('Tab');
        await keys.page.keyboard.type('Cần cán bộ chuyên môn');
        await keys.page.keyboard.press('Enter');
      },
      expected: {
        counter: 'open',
        current: null,
        visits: [
          { outcome: 'done', recalls: 1, started: true },
          { outcome: 'no_show', recalls: 0, started: false },
          { outcome: 'transferred', recalls: 0, started: false },
        ],
        transferredToC3: 0, // checked per counter below
      },
    },
    {
      name: 'Tạm dừng',
      byMouse: () => actionButton(mouse, 'pauseResume').click(),
      byKey: () => press('F8'),
      expected: {
        counter: 'paused',
        current: null,
        visits: [
          { outcome: 'done', recalls: 1, started: true },
          { outcome: 'no_show', recalls: 0, started: false },
          { outcome: 'transferred', recalls: 0, started: false },
        ],
        transferredToC3: 2,
      },
    },
    {
      name: 'Tiếp tục',
      byMouse: () => actionButton(mouse, 'pauseResume').click(),
      byKey: () => press('F8'),
      expected: {
        counter: 'open',
        current: null,
        visits: [
          { outcome: 'done', recalls: 1, started: true },
          { outcome: 'no_show', recalls: 0, started: false },
          { outcome: 'transferred', recalls: 0, started: false },
        ],
        transferredToC3: 2,
      },
    },
  ];

  async function noShowOf(counterId: string): Promise<string> {
    const ticket = Object.values(t.hub.queue.live.tickets).find(
      (x) => x.status === 'no_show' && x.counterId === counterId,
    );
    if (!ticket) throw new Error(`no no-show at ${counterId}`);
    return ticket.label;
  }

  for (const s of steps) {
    await s.byMouse();
    const byMouse = { ...s.expected };
    if (s.name.startsWith('Chuyển')) byMouse.transferredToC3 = 1;
    await expect.poll(() => record('c1'), { message: `${s.name} by mouse` }).toEqual(byMouse);
    await s.byKey();
    const byKey = { ...s.expected };
    if (s.name.startsWith('Chuyển')) byKey.transferredToC3 = 2;
    await expect.poll(() => record('c2'), { message: `${s.name} by key` }).toEqual(byKey);
  }
  // The pause shows on the screen too, and F8 turned it back.
  // (The hub's record changes before the page hears of it: wait for the screen.)
  await expect
    .poll(() => actionButton(keys.page, 'pauseResume').textContent())
    .toContain('Tạm dừng');
  expect(keys.errors).toEqual([]);
});
