import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { text } from './support.ts';

const SHOTS = process.env.LUOT_SHOTS_DIR;
const TV = { width: 1920, height: 1080 };

let t: TestHub;
let browser: Browser;
beforeAll(async () => {
  t = await startTestHub({ serveApps: true, counters: 2 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('/display/ explains the screens and how to pair one, on one TV screen', async () => {
  const { page, errors } = await openPage(browser, `${t.url}/display/`, TV);
  await page.waitForSelector('[data-testid="display-home"]');
  expect(await text(page, 'h1')).toBe('Màn hình công dân Lượt');
  expect(await page.$$eval('.home__kind dt', (els) => els.map((e) => e.textContent))).toEqual([
    'Bảng số sảnh chờ',
    'Màn hình trên quầy',
    'Máy đánh giá mức độ hài lòng',
  ]);
  expect(await text(page, '.home__steps')).toContain('Quản trị → Thiết bị');
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ fullPage: true, path: join(SHOTS, 'screens-display-home.png') });
  }
  // Everything fits the TV: no scrolling, nothing cut off at the sides.
  const size = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    width: document.documentElement.scrollWidth,
  }));
  expect(size).toEqual({ height: 1080, width: 1920 });
  // Readable from a few metres: body text of at least 24 px at 1920×1080.
  const fontPx = await page.$eval('.home__steps', (el) =>
    parseFloat(getComputedStyle(el).fontSize),
  );
  expect(fontPx).toBeGreaterThanOrEqual(24);
  expect(errors).toEqual([]);
});

it('pairs a counter sign with the keyboard alone (a TV remote or a keyboard)', async () => {
  const { page } = await openPage(browser, `${t.url}/display/`, TV);
  await page.waitForSelector('[data-testid="display-home"]');
  // No token: refused with the reason, nothing opened.
  await page.focus('input[name="kind"][value="lobby"]');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect(await text(page, '.home__error')).toBe('Vui lòng nhập mã thiết bị.');
  expect(new URL(page.url()).pathname).toBe('/display/');
  // Arrow keys pick the kind; Tab to the token, type it, Enter.
  await page.focus('input[name="kind"][value="lobby"]');
  await page.keyboard.press('ArrowDown');
  expect(await page.isChecked('input[name="kind"][value="sign"]')).toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.type(t.tokens.sign2!);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${t.url}/display/sign`);
  await expect.poll(() => page.$('[data-counter="c2"]')).not.toBeNull();
  // Back on /display/, the screen this browser now holds is offered.
  await page.goto(`${t.url}/display/`);
  expect(await text(page, '.home__saved-link')).toBe('Mở màn hình trên quầy');
});

it('pairs a rating pad by touch', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    await page.goto(`${t.url}/display/`);
    await page.tap('text=Máy đánh giá mức độ hài lòng >> nth=-1');
    expect(await page.isChecked('input[name="kind"][value="rating"]')).toBe(true);
    await page.tap('input[name="token"]');
    await page.keyboard.type(t.tokens.pad1!);
    await page.tap('button[type="submit"]');
    await page.waitForURL(`${t.url}/display/rating`);
    await expect.poll(() => text(page, '[data-testid="rating-counter"]')).toBe('Quầy 1');
  } finally {
    await context.close();
  }
});
