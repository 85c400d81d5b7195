import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { act, clerkAt, followRealTime, kiosk, text } from './support.ts';

let t: TestHub;
let browser: Browser;
let clock: ReturnType<typeof followRealTime>;
beforeAll(async () => {
  t = await startTestHub({ serveApps: true, counters: 3 });
  clock = followRealTime(t);
  browser = await launchChromium();
});
afterAll(async () => {
  clock?.stop();
  await browser?.close();
  await t?.close();
});

describe('counter sign', () => {
  it("shows its own counter's number and ticket, and Tạm dừng while paused", async () => {
    const { page, errors } = await openPage(
      browser,
      `${t.url}/display/sign?token=${t.tokens.sign2}`,
      { width: 1280, height: 720 },
    );
    await page.waitForSelector('[data-counter="c2"]');
    expect(await page.$$eval('[data-counter]', (els) => els.length)).toBe(1);
    expect(await text(page, '.tile__counter-number')).toBe('2');
    expect(await text(page, '.tile__state')).toBe('Đóng');

    const k = await kiosk(t);
    const ticket = await k.issue('dat-dai');
    const clerk = await clerkAt(t, 2);
    await expect.poll(() => text(page, '.tile__idle')).toBe('Sẵn sàng');
    await act(clerk, 'counter:callNext', {});
    await expect.poll(() => text(page, '[data-testid="ticket-c2"]')).toBe(ticket.label);
    expect(await text(page, '.tile__ticket-status')).toBe('Mời số');

    // Paused with the citizen still there: the number stays, the pause is said.
    await act(clerk, 'counter:pause', { reason: '' });
    await expect.poll(() => text(page, '.tile__ticket-status')).toBe('Tạm dừng');
    await act(clerk, 'counter:resume', {});
    await act(clerk, 'counter:noShow', {});
    await act(clerk, 'counter:pause', { reason: '' });
    await expect.poll(() => text(page, '.tile__state')).toBe('Tạm dừng');
    expect(await page.$('[data-testid="ticket-c2"]')).toBeNull();
    await act(clerk, 'counter:resume', {});
    expect(errors).toEqual([]);
  });

  it('lets a display bound to no counter pick one with ?counter=', async () => {
    const { page } = await openPage(browser, `${t.url}/display/sign?token=${t.tokens.display}`);
    await expect
      .poll(() => text(page, '.sign__message'))
      .toContain('Màn hình này chưa được gắn với quầy nào');
    await page.goto(`${t.url}/display/sign?counter=3`);
    await page.waitForSelector('[data-counter="c3"]');
    await page.goto(`${t.url}/display/sign?counter=c9`);
    await expect
      .poll(() => text(page, '.sign__message'))
      .toBe('Không có quầy “c9” trong cấu hình.');
  });

  it('keeps showing its bound counter whatever ?counter= says', async () => {
    const { page } = await openPage(
      browser,
      `${t.url}/display/sign?token=${t.tokens.sign1}&counter=c3`,
    );
    await page.waitForSelector('[data-counter]');
    expect(await page.getAttribute('[data-counter]', 'data-counter')).toBe('c1');
  });
});

describe('phone ticket page', () => {
  it('follows one ticket live: place, wait, call to a counter, service, done', async () => {
    const k = await kiosk(t);
    const before = [await k.issue('ho-tich'), await k.issue('ho-tich')];
    const mine = await k.issue('ho-tich');
    const { page, errors } = await openPage(browser, `${t.url}${mine.path}`, {
      width: 390,
      height: 844,
    });
    await expect.poll(() => text(page, '[data-testid="phone-label"]')).toBe(mine.label);
    expect(await text(page, '[data-testid="phone-field"]')).toBe('Tư pháp – Hộ tịch');
    expect(await text(page, '[data-testid="phone-ahead"]')).toBe('2');
    // Counter 2 is open for these fields (signed in above), so there is an estimate.
    expect(await text(page, '[data-testid="phone-wait"]')).toMatch(/^khoảng \d+ phút$/);
    expect(await page.title()).toBe(`${mine.label} — Phiếu của quý khách`);
    // Nothing about anyone else: no other ticket's number appears.
    const body = (await page.textContent('body')) ?? '';
    for (const other of before) expect(body).not.toContain(other.label);

    const c1 = await clerkAt(t, 1);
    const c3 = await clerkAt(t, 3);
    await act(c1, 'counter:callNext', {});
    await expect.poll(() => text(page, '[data-testid="phone-ahead"]')).toBe('1');
    await act(c3, 'counter:callNext', {});
    await expect.poll(() => text(page, '.phone__headline')).toBe('Quý khách là người tiếp theo');

    await act(c1, 'counter:start', {});
    await act(c1, 'counter:callNext', {});
    await expect.poll(() => text(page, '[data-testid="phone-counter"]')).toBe('Quầy số 1');
    expect(await text(page, '.phone__headline')).toBe('Mời quý khách đến');
    expect(await page.getAttribute('main', 'data-ticket-status')).toBe('called');
    expect(await page.title()).toBe(`${mine.label} — Quầy số 1`);

    await act(c1, 'counter:start', {});
    await expect
      .poll(() => text(page, '.phone__headline'))
      .toBe('Quý khách đang được phục vụ tại quầy số 1');
    await act(c1, 'counter:finish', {});
    await expect
      .poll(() => text(page, '.phone__headline'))
      .toBe('Đã hoàn thành. Xin cảm ơn quý khách!');
    expect(errors).toEqual([]);
  });

  it('says when a called citizen did not come', async () => {
    const k = await kiosk(t);
    const mine = await k.issue('dat-dai');
    const { page } = await openPage(browser, `${t.url}${mine.path}`, { width: 390, height: 844 });
    await expect.poll(() => text(page, '[data-testid="phone-label"]')).toBe(mine.label);
    const c3 = await clerkAt(t, 3);
    await act(c3, 'counter:start', {});
    await act(c3, 'counter:callNext', {});
    await expect.poll(() => text(page, '[data-testid="phone-counter"]')).toBe('Quầy số 3');
    await act(c3, 'counter:noShow', {});
    await expect
      .poll(() => text(page, '.phone__headline'))
      .toBe('Quý khách đã được gọi nhưng không có mặt');
  });

  it('tells a wrong link plainly, and reveals nothing', async () => {
    const { page } = await openPage(browser, `${t.url}/t/khong-phai-ma-that-123`, {
      width: 390,
      height: 844,
    });
    await expect.poll(() => text(page, 'h1')).toBe('Không tìm thấy phiếu');
    expect(await page.$('[data-testid="phone-label"]')).toBeNull();
  });
});
