import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { followRealTime, kiosk, text } from './support.ts';

const OFFLINE = 'Mất kết nối với máy chủ — đang thử lại…';
const SHOTS = process.env.LUOT_SHOTS_DIR;

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

/** Every address the page's caches hold. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys())
        paths.push(new URL(request.url).pathname);
    return paths;
  });

it('a board rebooted while the hub is down shows its own offline screen, then the live queue by itself', async () => {
  const k = await kiosk(t);
  await k.issue('ho-tich');
  const site = t.hub.queue.live.config.site.name;
  const { page } = await openPage(browser, `${t.url}/display/lobby?token=${t.tokens.lobby}`, {
    width: 1920,
    height: 1080,
  });
  await expect.poll(() => text(page, '[data-testid="waiting-ho-tich"]')).toBe('1');
  // The worker has taken the page over and kept the app's shell: its files only.
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      timeout: 10_000,
    })
    .toBe(true);
  const cached = await cachedPaths(page);
  expect(cached).toContain('/display/index.html');
  expect(cached.some((p) => /^\/display\/assets\/index-.*\.js$/.test(p))).toBe(true);
  expect(cached.filter((p) => !p.startsWith('/display/'))).toEqual([]);
  expect(cached.filter((p) => /\/(api|socket\.io|t)\//.test(p))).toEqual([]);

  // The hub goes down, then the TV reloads (a power cut, a reboot).
  await t.stop();
  await page.reload();
  await expect.poll(() => text(page, '[data-testid="screen-status"] h1')).toBe(OFFLINE);
  expect(await text(page, '.screen-status__site')).toBe(site);
  // Nothing of the old queue is shown as if it were live.
  expect(await page.$('[data-counter="c1"]')).toBeNull();
  expect(page.url()).toBe(`${t.url}/display/lobby`);
  // A window opened afresh in the same browser profile (the kiosk browser restarting) too.
  const again = await page.context().newPage();
  await again.goto(`${t.url}/display/lobby`);
  await expect.poll(() => text(again, '[data-testid="screen-status"] h1')).toBe(OFFLINE);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'screens-offline-board.png') });
  }

  // The hub comes back on the same port and data: both show the live queue with no input.
  clock.skip(60_000);
  await t.restart();
  const back = Date.now();
  for (const p of [page, again]) {
    await expect
      .poll(() => text(p, '[data-testid="waiting-ho-tich"]'), { timeout: 15_000 })
      .toBe('1');
    expect(await p.$('[data-testid="screen-status"]')).toBeNull();
  }
  console.info(`offline board live again ${Date.now() - back} ms after the hub restarted`);
}, 60_000);

it('the phone ticket page is never under the worker', async () => {
  const k = await kiosk(t);
  const ticket = await k.issue('dat-dai');
  const { page } = await openPage(browser, `${t.url}${ticket.path}`, { width: 390, height: 844 });
  await page.waitForSelector('[data-testid="phone-ahead"]');
  const worker = await page.evaluate(async () => ({
    controlled: navigator.serviceWorker.controller !== null,
    registrations: (await navigator.serviceWorker.getRegistrations()).length,
    caches: (await caches.keys()).length,
  }));
  expect(worker).toEqual({ controlled: false, registrations: 0, caches: 0 });
});
