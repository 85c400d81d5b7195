import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { screenRecipeFlags, startTestHub, type TestHub } from '@luot/hub/testing';
import { act, announcements, clerkAt, followRealTime, kiosk } from './support.ts';

let t: TestHub;
let clock: ReturnType<typeof followRealTime>;
beforeAll(async () => {
  t = await startTestHub({ serveApps: true, counters: 2 });
  clock = followRealTime(t);
});
afterAll(async () => {
  clock?.stop();
  await t?.close();
});

/**
 * Chromium started as the Linux launch recipe starts it (deploy/screens/luot-screen.sh), on a
 * profile folder of its own. The browser's default autoplay policy (sound only after a user
 * gesture, as on a desktop) comes first, so only the recipe's own flag can allow sound.
 */
async function launchAsRecipe(options: { withoutAutoplayFlag?: boolean } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'luot-screen-'));
  const flags = screenRecipeFlags('linux', { hub: t.url, profile }).filter(
    (f) =>
      // Playwright takes the profile as an argument, not a flag.
      !f.startsWith('--user-data-dir=') &&
      !(options.withoutAutoplayFlag && f.startsWith('--autoplay-policy=')),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1920, height: 1080 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--autoplay-policy=document-user-activation-required',
      ...flags,
    ],
  });
  return {
    context,
    page: context.pages()[0] ?? (await context.newPage()),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the speaking board and answers whether its first try of sound was allowed. */
async function firstSound(page: Awaited<ReturnType<typeof launchAsRecipe>>['page']) {
  // Touch nothing until the board has tried (it fetches the silent clip): Playwright's page
  // evaluations count as user gestures.
  const tried = page.waitForRequest(/\/voice\/vi\/pause\.opus$/);
  await page.goto(`${t.url}/display/lobby?token=${t.tokens.lobby}`);
  await tried;
  await expect
    .poll(() => page.getAttribute('main', 'data-sound'), { timeout: 10_000 })
    .not.toBe('checking');
  return page.getAttribute('main', 'data-sound');
}

it('Chromium started with the recipe flags plays the call announcement with no tap', async () => {
  const tv = await launchAsRecipe();
  try {
    expect(await firstSound(tv.page)).toBe('on');
    expect(await tv.page.$('[data-testid="sound-badge"]')).toBeNull();
    const k = await kiosk(t);
    const { label } = await k.issue('ho-tich');
    const c1 = await clerkAt(t, 1);
    await act(c1, 'counter:callNext', {});
    await expect
      .poll(async () => (await announcements(tv.page))?.filter((a) => a.endedAt !== null), {
        timeout: 20_000,
      })
      .toHaveLength(1);
    const [played] = (await announcements(tv.page))!;
    expect([played!.label, played!.counterNumber, played!.error]).toEqual([label, 1, null]);
    expect(played!.endedAt! - played!.startedAt).toBeGreaterThan(2000);
    // The service worker works on the recipe's profile (the hub's address treated as secure).
    await expect
      .poll(() => tv.page.evaluate(() => navigator.serviceWorker.controller !== null), {
        timeout: 10_000,
      })
      .toBe(true);
  } finally {
    await tv.close();
  }
}, 60_000);

it('the same Chromium without the recipe autoplay flag blocks sound and shows the badge', async () => {
  const tv = await launchAsRecipe({ withoutAutoplayFlag: true });
  try {
    expect(await firstSound(tv.page)).toBe('blocked');
    await expect.poll(() => tv.page.$('[data-testid="sound-badge"]')).not.toBeNull();
  } finally {
    await tv.close();
  }
}, 60_000);
