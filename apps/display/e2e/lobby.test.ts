import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { act, clerkAt, followRealTime, kiosk, text } from './support.ts';

let t: TestHub;
let browser: Browser;
let clock: ReturnType<typeof followRealTime>;
beforeAll(async () => {
  t = await startTestHub({ serveApps: true, counters: 4 });
  clock = followRealTime(t);
  browser = await launchChromium();
});
afterAll(async () => {
  clock?.stop();
  await browser?.close();
  await t?.close();
});

describe('lobby board', () => {
  it('shows a called number at the right counter within 1 s of the call', async () => {
    const { page, errors } = await openPage(
      browser,
      `${t.url}/display/lobby?token=${t.tokens.display}`,
      { width: 1920, height: 1080 },
    );
    await page.waitForSelector('[data-counter="c3"]');
    expect(await text(page, '.lobby__centre')).toBe('Bộ phận Một cửa xã Thử Nghiệm');
    // Closed until a clerk signs in.
    expect(await text(page, '[data-counter="c3"] .tile__state')).toBe('Đóng');

    const k = await kiosk(t);
    const first = await k.issue('ho-tich');
    await k.issue('dat-dai');
    await expect.poll(() => text(page, '[data-testid="waiting-ho-tich"]')).toBe('1');
    await expect.poll(() => text(page, '[data-testid="waiting-dat-dai"]')).toBe('1');

    const clerk = await clerkAt(t, 3);
    await expect.poll(() => page.getAttribute('[data-counter="c3"]', 'data-status')).toBe('open');
    await page.evaluate(() => {
      const w = window as unknown as { shownAt?: number };
      new MutationObserver(() => {
        if (!w.shownAt && document.querySelector('[data-testid="ticket-c3"]'))
          w.shownAt = performance.timeOrigin + performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const sentAt = Date.now();
    const called = await act(clerk, 'counter:callNext', {});
    const ackAt = Date.now();
    expect(called.label).toBe(first.label);
    await expect
      .poll(() => text(page, '[data-testid="ticket-c3"]'), { interval: 20 })
      .toBe(first.label);
    const shownAt = await page.evaluate(() => (window as unknown as { shownAt: number }).shownAt);
    console.info(
      `lobby showed ${first.label} at counter 3: ack ${ackAt - sentAt} ms after sending, DOM ${Math.round(shownAt - sentAt)} ms after sending, poll saw it ${Date.now() - ackAt} ms after the ack`,
    );
    expect(await page.$('[data-testid="ticket-c1"]')).toBeNull();
    expect(await page.getAttribute('[data-counter="c3"]', 'data-fresh')).toBe('true');
    expect(await text(page, '[data-testid="latest-calls"] li:first-child .calls__label')).toBe(
      first.label,
    );
    await expect.poll(() => text(page, '[data-testid="waiting-ho-tich"]')).toBe('0');

    // A new call blinks for a few seconds (8 s by the hub's clock), then stays highlighted.
    await expect
      .poll(() => page.getAttribute('[data-counter="c3"]', 'data-fresh'), { timeout: 12_000 })
      .toBe('false');
    expect(await page.getAttribute('[data-counter="c3"]', 'class')).toContain('tile--latest');

    await act(clerk, 'counter:start', {});
    await expect
      .poll(() => text(page, '[data-counter="c3"] .tile__ticket-status'))
      .toBe('Đang phục vụ');
    await act(clerk, 'counter:finish', {});
    await act(clerk, 'counter:pause', { reason: 'Nghỉ giải lao' });
    await expect.poll(() => text(page, '[data-counter="c3"] .tile__state')).toBe('Tạm dừng');
    expect(await page.$('[data-testid="ticket-c3"]')).toBeNull();

    // The hub's clock, not the browser's: the test hub's day is Monday 23/11/2026.
    expect(await text(page, '[data-testid="date"]')).toBe('Thứ Hai, 23/11/2026');
    expect(await text(page, '[data-testid="clock"]')).toMatch(/^09:0\d$/);
    expect(errors).toEqual([]);
  });

  it('limits a board to some counters or fields with ?counters= and ?fields=', async () => {
    const { page } = await openPage(
      browser,
      `${t.url}/display/lobby?token=${t.tokens.display}&counters=c2,4`,
      { width: 1920, height: 1080 },
    );
    await page.waitForSelector('[data-counter="c2"]');
    const shown = await page.$$eval('[data-counter]', (els) =>
      els.map((e) => e.getAttribute('data-counter')),
    );
    expect(shown).toEqual(['c2', 'c4']);

    // The filter is kept, so a TV that restarts on the bare address shows the same hall.
    await page.goto(`${t.url}/display/lobby`);
    await page.waitForSelector('[data-counter="c2"]');
    expect(await page.$$eval('[data-counter]', (els) => els.length)).toBe(2);

    await page.goto(`${t.url}/display/lobby?counters=&fields=dat-dai`);
    await page.waitForSelector('[data-counter="c1"]');
    expect(await page.$$eval('[data-counter]', (els) => els.length)).toBe(4);
    const fields = await page.$$eval('.waiting__row', (els) =>
      els.map((e) => e.getAttribute('data-field')),
    );
    expect(fields).toEqual(['dat-dai']);
  });

  it('shows the notice line and scrolls it when it is too long', async () => {
    const notice = 'Quý khách vui lòng giữ phiếu và theo dõi màn hình. '.repeat(4).trim();
    await t.hub.queue.execute(
      {
        type: 'updateConfig',
        config: { ...t.hub.queue.live.config, site: { ...t.hub.queue.live.config.site, notice } },
      },
      { actor: 'test' },
    );
    const { page } = await openPage(
      browser,
      `${t.url}/display/lobby?token=${t.tokens.display}&counters=&fields=`,
      { width: 1920, height: 1080 },
    );
    await expect.poll(() => text(page, '[data-testid="notice"] .notice__text')).toBe(notice);
    await expect
      .poll(() => page.getAttribute('[data-testid="notice"]', 'data-scrolling'))
      .toBe('true');
  });

  it('tells an unpaired screen so, in Vietnamese', async () => {
    const { page } = await openPage(browser, `${t.url}/display/lobby?token=dev_not-a-real-token`);
    await expect
      .poll(() => text(page, '[data-testid="screen-status"] h1'))
      .toBe('Mã ghép nối của màn hình này không còn hiệu lực');
    expect(await text(page, '[data-testid="screen-status"]')).toContain('Ghép nối thiết bị');
  });
});
