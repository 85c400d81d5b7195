import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { actionButton, currentLabel, issueTickets, signIn, ticketByLabel } from './helpers.ts';

const MINUTE = 60_000;
const ACTIONS = [
  'callNext',
  'recall',
  'start',
  'finish',
  'noShow',
  'transfer',
  'callNumber',
  'pauseResume',
];
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

const disabledActions = (page: Page) =>
  Promise.all(ACTIONS.map((a) => actionButton(page, a).getAttribute('aria-disabled')));

it('says plainly when nothing waits, and shows the hub refusing an action', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/counter/`);
  await signIn(page, 'Quầy 2', 'cb2');
  expect(await page.textContent('[data-testid=waiting-summary]')).toBe(
    'Không có công dân nào đang chờ.',
  );
  expect(await page.textContent('[data-testid=waiting-list]')).toContain(
    'Không có công dân nào đang chờ ở các lĩnh vực của quầy.',
  );
  // Call next is offered; the hub answers that nobody waits.
  await page.keyboard.press('F1');
  await expect
    .poll(() => page.textContent('[data-testid=notice]'))
    .toBe('Không thực hiện được: Không có công dân nào đang chờ.');
  expect(await page.getAttribute('[data-testid=notice]', 'role')).toBe('alert');
  // An action that cannot apply is not sent at all; the screen says why.
  const before = t.hub.queue.seq;
  await actionButton(page, 'finish').click({ force: true }); // aria-disabled: clickable, says why
  await expect
    .poll(() => page.textContent('[data-testid=notice]'))
    .toBe('Chưa có số nào đang phục vụ.');
  expect(t.hub.queue.seq).toBe(before);
  expect(errors).toEqual([]);
});

it('with the hub stopped: banner, every action disabled, nothing queued; after a restart the ticket is back', async () => {
  await issueTickets(t, ['ho-tich', 'ho-tich'], MINUTE);
  const { page } = await openPage(browser, `${t.url}/counter/`);
  await signIn(page, 'Quầy 1', 'cb1');
  const pad = await openPage(browser, `${t.url}/display/rating?token=${t.tokens.pad1}`, {
    width: 1280,
    height: 800,
  });
  await pad.page.waitForSelector('[data-testid=rating-idle]');
  await actionButton(page, 'callNext').click();
  await expect.poll(() => currentLabel(page)).toBe('1001');
  await actionButton(page, 'start').click();
  await expect.poll(() => page.textContent('[data-testid=current-status]')).toBe('Đang phục vụ');
  expect(await disabledActions(page)).toEqual([
    'false', // call next (finishes the one in service)
    'true',
    'true',
    'false', // finish
    'true',
    'false', // transfer
    'false', // call a number
    'false', // pause
  ]);

  await t.restart(async () => {
    await page.waitForSelector('[data-testid=connection-banner]');
    expect(await page.textContent('[data-testid=connection-banner]')).toBe(
      'Mất kết nối tới máy chủ — các nút thao tác tạm khóa, đang kết nối lại…',
    );
    expect(await disabledActions(page)).toEqual(ACTIONS.map(() => 'true'));
    expect(
      await page.locator('[data-testid=waiting-list] button').first().getAttribute('aria-disabled'),
    ).toBe('true');
    // The last known ticket stays on screen; pressing Finish sends nothing.
    expect(await currentLabel(page)).toBe('1001');
    await page.keyboard.press('F4');
    await actionButton(page, 'finish').click({ force: true }); // aria-disabled: clickable, says why
    expect(await page.textContent('[data-testid=notice]')).toBe(
      'Không thực hiện được: Mất kết nối tới máy chủ; thao tác chưa được gửi.',
    );
    await pad.page.waitForSelector('[data-testid=connection-banner]');
  });

  // Back online by itself: the banner goes, the ticket in service is restored.
  await expect
    .poll(() => page.locator('[data-testid=connection-banner]').count(), { timeout: 15_000 })
    .toBe(0);
  expect(await currentLabel(page)).toBe('1001');
  expect(await page.textContent('[data-testid=current-status]')).toBe('Đang phục vụ');
  expect(await actionButton(page, 'finish').getAttribute('aria-disabled')).toBe('false');
  // Nothing pressed while offline reached the hub.
  expect(ticketByLabel(t, '1001').status).toBe('serving');
  expect(t.store.services(t.hub.queue.live.day).find((s) => s.label === '1001')?.endedAt).toBe(
    null,
  );

  // And it works again: finish, and the pad (also reconnected) asks for a rating.
  t.clock.advance(3 * MINUTE);
  await page.keyboard.press('F4');
  await expect.poll(() => currentLabel(page)).toBeNull();
  expect(ticketByLabel(t, '1001').status).toBe('done');
  await pad.page.waitForSelector('[data-testid=rating-ask]');
  expect(await pad.page.textContent('[data-testid=rating-ticket]')).toBe('Số 1001');
});

it('shows a closed counter when the clerk signs in elsewhere, and leads back to sign-in', async () => {
  const { page } = await openPage(browser, `${t.url}/counter/`);
  await signIn(page, 'Quầy 3', 'cb3');
  // The hub allows one counter per clerk: signing in at counter 2 closes counter 3.
  await t.hub.queue.execute(
    { type: 'closeCounter', counterId: 'c2', clerkId: null },
    { actor: 'test' },
  );
  await t.login('cb3', 'c2');
  await page.waitForSelector('[data-testid=counter-closed]');
  expect(await page.textContent('[data-testid=counter-closed] h1')).toBe('Quầy đã đóng');
  await page.getByRole('button', { name: 'Đăng nhập lại' }).click();
  await page.waitForSelector('select[name=counter]');
  // The hub still has counter 2 open for the other sign-in.
  expect(t.hub.queue.live.counters.c2).toMatchObject({ status: 'open', clerkId: 'cb3' });
});
