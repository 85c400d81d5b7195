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

it('a board with no token says it is not paired and how to pair it', async () => {
  const { page } = await openPage(browser, `${t.url}/display/lobby`, TV);
  await expect
    .poll(() => text(page, '[data-testid="screen-status"] h1'))
    .toBe('Màn hình này chưa được ghép nối');
  expect(await page.getAttribute('[data-testid="screen-status"]', 'data-phase')).toBe('unpaired');
  expect(await text(page, '.screen-status__steps')).toContain('Quản trị → Thiết bị');
  // The pairing page's address, as a TV's user must type it elsewhere, and a working link.
  expect(await text(page, '.screen-status__link')).toBe(`${t.url}/display/`);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'screens-unpaired.png') });
  }
  await page.click('.screen-status__link');
  await page.waitForSelector('[data-testid="display-home"]');
  // The counter sign and the rating pad say the same.
  for (const mode of ['sign', 'rating']) {
    await page.goto(`${t.url}/display/${mode}`);
    await expect
      .poll(() => text(page, '[data-testid="screen-status"] h1'))
      .toBe('Màn hình này chưa được ghép nối');
  }
});

it('a board whose device was revoked says its token no longer holds, never loads forever', async () => {
  const { page } = await openPage(browser, `${t.url}/display/lobby?token=${t.tokens.display}`, TV);
  await page.waitForSelector('[data-counter="c1"]');
  expect(await t.store.revokeDevice('display', t.clock.now())).toBeTruthy();
  await page.reload();
  await expect
    .poll(() => text(page, '[data-testid="screen-status"] h1'))
    .toBe('Mã ghép nối của màn hình này không còn hiệu lực');
  expect(await page.$('[data-counter="c1"]')).toBeNull();
  expect(await text(page, '.screen-status__steps')).toContain('Ghép nối thiết bị');
});
