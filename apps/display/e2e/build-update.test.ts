import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { followRealTime, kiosk, text } from './support.ts';

// A centre upgrades its hub: stop, new files, start. Every board picks up the new build alone.

const BUILT = fileURLToPath(new URL('../dist/', import.meta.url));
let dir: string;
let t: TestHub;
let browser: Browser;
let clock: ReturnType<typeof followRealTime>;
beforeAll(async () => {
  // A copy of the display build that the test can "deploy" a new version into.
  dir = mkdtempSync(join(tmpdir(), 'luot-display-build-'));
  cpSync(BUILT, dir, { recursive: true });
  t = await startTestHub({ serveApps: true, staticApps: [{ name: 'display', dir }] });
  clock = followRealTime(t);
  browser = await launchChromium();
});
afterAll(async () => {
  clock?.stop();
  await browser?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The caches of the app's builds (the board's media cache outlives builds on purpose). */
const cacheNames = (page: Page) =>
  page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('luot-display-')));

it('a board moves onto a new build by itself when the upgraded hub comes back', async () => {
  const k = await kiosk(t);
  await k.issue('ho-tich');
  const { page } = await openPage(browser, `${t.url}/display/lobby?token=${t.tokens.lobby}`, {
    width: 1920,
    height: 1080,
  });
  await expect.poll(() => text(page, '[data-testid="waiting-ho-tich"]')).toBe('1');
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      timeout: 10_000,
    })
    .toBe(true);
  const [before] = await cacheNames(page);
  expect(before).toMatch(/^luot-display-[0-9a-f]{16}$/);
  await page.evaluate(() => ((window as unknown as { oldBuild: boolean }).oldBuild = true));

  // The upgrade: the hub stops, a build with other contents replaces the files, it starts.
  await t.stop();
  const sw = join(dir, 'sw.js');
  const version = before!.replace('luot-display-', '');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(version, 'feedc0de00000001'));
  await t.restart();

  // The board reloaded once onto the new worker, dropped the old cache, and shows the queue.
  await expect
    .poll(() => page.evaluate(() => 'oldBuild' in window).catch(() => true), { timeout: 20_000 })
    .toBe(false);
  await expect
    .poll(() => cacheNames(page), { timeout: 10_000 })
    .toEqual(['luot-display-feedc0de00000001']);
  await expect.poll(() => text(page, '[data-testid="waiting-ho-tich"]')).toBe('1');
}, 60_000);
