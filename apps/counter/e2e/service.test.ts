import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { actionButton, currentLabel, issueTickets, signIn, ticketByLabel } from './helpers.ts';

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

it('plays a whole service: call, start and transfer at counter 1, finish at counter 2, rate on its pad', async () => {
  const day = t.hub.queue.live.day;
  const issuedAt = t.clock.now();
  await issueTickets(t, ['ho-tich', 'ho-tich', 'dat-dai'], MINUTE);
  t.clock.advance(7 * MINUTE);

  // 1. A clerk signs in at counter 1 through the form.
  const clerk1 = await openPage(browser, `${t.url}/counter/`);
  await signIn(clerk1.page, 'Quầy 1', 'cb1');
  expect(await clerk1.page.textContent('[data-testid=clerk-name]')).toBe('Cán bộ 1');
  expect(await clerk1.page.textContent('[data-testid=counter-name]')).toBe('Quầy 1');
  expect(t.hub.queue.live.counters.c1).toMatchObject({ status: 'open', clerkId: 'cb1' });
  const waiting = clerk1.page.locator('[data-testid=waiting-list] li');
  await expect.poll(() => waiting.count()).toBe(3);
  expect(await waiting.first().getAttribute('data-ticket')).toBe('1001');
  expect(await waiting.first().locator('[data-testid=waited]').textContent()).toBe('10 phút');

  // 2. It calls one, starts it, and transfers it to the other field.
  const calledAt1 = t.clock.now();
  await actionButton(clerk1.page, 'callNext').click();
  await expect.poll(() => currentLabel(clerk1.page)).toBe('1001');
  expect(await clerk1.page.textContent('[data-testid=current-field]')).toBe('Tư pháp – Hộ tịch');
  expect(await clerk1.page.textContent('[data-testid=current-waited]')).toBe('10 phút');
  expect(await clerk1.page.textContent('[data-testid=notice-text]')).toBe('Đã gọi số 1001.');

  t.clock.advance(MINUTE);
  const startedAt1 = t.clock.now();
  await actionButton(clerk1.page, 'start').click();
  await expect
    .poll(() => clerk1.page.textContent('[data-testid=current-status]'))
    .toBe('Đang phục vụ');

  t.clock.advance(2 * MINUTE);
  const transferredAt = t.clock.now();
  await actionButton(clerk1.page, 'transfer').click();
  const dialog = clerk1.page.locator('[data-testid=transfer-dialog]');
  await dialog.getByLabel('Đất đai').check();
  await dialog.getByLabel('Lý do chuyển').fill('Hồ sơ thuộc lĩnh vực đất đai');
  await dialog.getByRole('button', { name: 'Chuyển', exact: true }).click();
  await expect.poll(() => currentLabel(clerk1.page)).toBeNull();
  await expect.poll(() => dialog.count()).toBe(0);
  expect(ticketByLabel(t, '1001')).toMatchObject({ status: 'waiting', fieldId: 'dat-dai' });

  // 3. A second clerk at counter 2, with counter 2's rating pad watching.
  const pad = await openPage(browser, `${t.url}/display/rating?token=${t.tokens.pad2}`, {
    width: 1280,
    height: 800,
  });
  await pad.page.waitForSelector('[data-testid=rating-idle]');
  expect(await pad.page.textContent('[data-testid=rating-counter]')).toBe('Quầy 2');

  const clerk2 = await openPage(browser, `${t.url}/counter/`);
  await signIn(clerk2.page, 'Quầy 2', 'cb2');
  t.clock.advance(MINUTE);
  const calledAt2 = t.clock.now();
  // Calls that very number through "Gọi số": type it, press Enter.
  await actionButton(clerk2.page, 'callNumber').click();
  await clerk2.page.getByLabel('Nhập số cần gọi').fill('1001');
  await clerk2.page.keyboard.press('Enter');
  await expect.poll(() => currentLabel(clerk2.page)).toBe('1001');
  expect(await clerk2.page.textContent('[data-testid=current-field]')).toBe('Đất đai');

  t.clock.advance(MINUTE);
  const startedAt2 = t.clock.now();
  await actionButton(clerk2.page, 'start').click();
  await expect
    .poll(() => clerk2.page.textContent('[data-testid=current-status]'))
    .toBe('Đang phục vụ');
  t.clock.advance(6 * MINUTE);
  const finishedAt = t.clock.now();
  await actionButton(clerk2.page, 'finish').click();
  await expect.poll(() => currentLabel(clerk2.page)).toBeNull();

  // 4. Counter 2's pad shows the number and the default scale; the citizen taps once.
  await pad.page.waitForSelector('[data-testid=rating-ask]');
  expect(await pad.page.textContent('[data-testid=rating-ticket]')).toBe('Số 1001');
  expect(await pad.page.locator('.rating-button').allTextContents()).toEqual([
    'Rất hài lòng',
    'Hài lòng',
    'Không hài lòng',
  ]);
  await pad.page.getByRole('button', { name: 'Rất hài lòng' }).click();
  await pad.page.waitForSelector('[data-testid=rating-thanks]');
  expect(await pad.page.textContent('[data-testid=rating-thanks] h1')).toBe('Cảm ơn quý khách!');

  // 5. Every visit, time, counter, clerk and the rating are in the database.
  const ticket = ticketByLabel(t, '1001');
  const visits = t.store.services(day).filter((s) => s.ticketId === ticket.id);
  expect(visits).toEqual([
    expect.objectContaining({
      counterId: 'c1',
      clerkId: 'cb1',
      fieldId: 'ho-tich',
      waitingSince: issuedAt,
      calledAt: calledAt1,
      startedAt: startedAt1,
      endedAt: transferredAt,
      outcome: 'transferred',
      rating: null,
    }),
    expect.objectContaining({
      counterId: 'c2',
      clerkId: 'cb2',
      fieldId: 'dat-dai',
      waitingSince: transferredAt,
      calledAt: calledAt2,
      startedAt: startedAt2,
      endedAt: finishedAt,
      outcome: 'done',
      rating: 3,
    }),
  ]);
  expect(t.store.ticketSnapshot(ticket.id)).toMatchObject({
    status: 'done',
    fieldId: 'dat-dai',
    originalFieldId: 'ho-tich',
    issuedAt,
    calledAt: calledAt1,
    finishedAt,
    counterId: 'c2',
    clerkId: 'cb2',
    rating: 3,
  });

  // The second clerk's screen counts it: served here, rated, in their own figures.
  const served = clerk2.page.locator('[data-testid=served-list] li');
  await expect.poll(() => served.count()).toBe(1);
  await expect.poll(() => served.first().textContent()).toContain('Rất hài lòng');
  expect(await clerk2.page.textContent('[data-testid=figure-served]')).toBe('1');
  expect(await clerk2.page.textContent('[data-testid=figure-service]')).toBe('6 phút');
  await expect
    .poll(() => clerk2.page.textContent('[data-testid=figure-rating]'))
    .toContain('3,0 / 3');
  expect(await clerk1.page.textContent('[data-testid=figure-served]')).toBe('0');

  // The pad thanks, then returns to idle by itself.
  await pad.page.waitForSelector('[data-testid=rating-idle]', { timeout: 15_000 });
  for (const p of [clerk1, clerk2, pad]) expect(p.errors).toEqual([]);
});

it('signs out, closing the counter; a refused sign-out shows the hub message', async () => {
  const { page } = await openPage(browser, `${t.url}/counter/`);
  await signIn(page, 'Quầy 3', 'cb3');
  // The PC remembers its counter for the next sign-in.
  expect(await page.evaluate(() => localStorage.getItem('luot.counter.counterId'))).toBe('c3');
  // The session is an HttpOnly cookie: no script on the page can read the token.
  const cookie = (await page.context().cookies()).find((c) => c.name === 'luot_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(await page.evaluate(() => document.cookie)).not.toContain('luot_session');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toContain('ses_');
  expect(stored).not.toContain(cookie!.value);
  // A reload resumes the session without a new login.
  await page.reload();
  await page.waitForSelector('[data-testid=current]');
  expect(await page.textContent('[data-testid=counter-name]')).toBe('Quầy 3');

  const [label] = await issueTickets(t, ['ho-tich']);
  await page.waitForSelector(`[data-testid=waiting-list] li[data-ticket="${label}"]`);
  await actionButton(page, 'callNext').click();
  await expect.poll(() => currentLabel(page)).not.toBeNull();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect
    .poll(() => page.textContent('[data-testid=notice-text]'))
    .toBe('Quầy đang phục vụ một số khác; hãy xử lý số đó trước.');

  await actionButton(page, 'noShow').click();
  await expect.poll(() => currentLabel(page)).toBeNull();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForSelector('select[name=counter]');
  // The sign-in form keeps the counter once the list of counters has arrived.
  await expect.poll(() => page.inputValue('select[name=counter]')).toBe('c3');
  expect(t.hub.queue.live.counters.c3?.status).toBe('closed');
  expect((await page.context().cookies()).some((c) => c.name === 'luot_session')).toBe(false);
  // Signed out, a reload shows the sign-in form.
  await page.reload();
  await page.waitForSelector('select[name=counter]');
});

it('refuses a wrong password and a counter held by another clerk, in Vietnamese', async () => {
  const { page } = await openPage(browser, `${t.url}/counter/`);
  await page.selectOption('select[name=counter]', { label: 'Quầy 1' });
  await page.fill('input[name=username]', 'cb3');
  await page.fill('input[name=password]', 'sai-mat-khau');
  await page.click('button[type=submit]');
  await expect
    .poll(() => page.textContent('[data-testid=signin-error]'))
    .toBe('Sai tên đăng nhập hoặc mật khẩu.');
  await page.fill('input[name=password]', 'mat-khau-thu');
  await page.click('button[type=submit]');
  await expect
    .poll(() => page.textContent('[data-testid=signin-error]'))
    .toContain('Quầy đang phục vụ');
  expect(t.hub.queue.live.counters.c1?.clerkId).toBe('cb1');
});

it('stops taking guesses at a username after five wrong passwords, and says for how long', async () => {
  const { page } = await openPage(browser, `${t.url}/counter/`);
  await page.selectOption('select[name=counter]', { label: 'Quầy 3' });
  await page.fill('input[name=username]', 'doan-mo');
  for (let attempt = 1; attempt <= 6; attempt++) {
    await page.fill('input[name=password]', `thu-${attempt}`);
    await page.click('button[type=submit]');
    await expect
      .poll(() => page.textContent('[data-testid=signin-error]'))
      .toBe(
        attempt <= 5
          ? 'Sai tên đăng nhập hoặc mật khẩu.'
          : 'Sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.',
      );
    // The message is the same after each of the five; wait for the request to be answered.
    await expect.poll(() => page.isEnabled('button[type=submit]')).toBe(true);
  }
});

it('a clerk changes their own password from the counter screen, then signs in with it', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/counter/`);
  await signIn(page, 'Quầy 3', 'cb3');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  const dialog = page.locator('[data-testid=password-dialog]');
  await dialog.getByLabel('Mật khẩu hiện tại').fill('mat-khau-thu');
  await dialog.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)').fill('mat-khau-moi-3');
  await dialog.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-3');
  await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect.poll(() => dialog.locator('[role=status]').textContent()).toBe('Đã đổi mật khẩu.');
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForSelector('select[name=counter]');
  await page.selectOption('select[name=counter]', { label: 'Quầy 3' });
  await page.fill('input[name=username]', 'cb3');
  await page.fill('input[name=password]', 'mat-khau-moi-3');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=current]');
  expect(errors).toEqual([]);
});
