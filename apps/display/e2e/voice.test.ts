import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import {
  act,
  announcements,
  clerkAt,
  followRealTime,
  kiosk,
  type Announcement,
} from './support.ts';

const CALL_1001_TO_1 = [
  'chime',
  'moi-cong-dan-co-so-thu-tu',
  'mot-nang',
  'nghin',
  'khong',
  'tram',
  'linh',
  'mot-nang',
  'den-quay-so',
  'mot-nang',
];
const CALL_A001_TO_2 = [
  'chime',
  'moi-cong-dan-co-so-thu-tu',
  'chu-a',
  'mot-nang',
  'den-quay-so',
  'hai',
];

let t: TestHub;
let browser: Browser;
let clock: ReturnType<typeof followRealTime>;
let board: Page;
let silent: Page;
const boardErrors: string[] = [];
beforeAll(async () => {
  t = await startTestHub({ serveApps: true, counters: 3 });
  clock = followRealTime(t);
  browser = await launchChromium();
  const speaking = await openPage(browser, `${t.url}/display/lobby?token=${t.tokens.lobby}`, {
    width: 1920,
    height: 1080,
  });
  board = speaking.page;
  boardErrors.push(...speaking.errors);
  speaking.page.on('pageerror', (e) => boardErrors.push(e.message));
  silent = (await openPage(browser, `${t.url}/display/lobby?token=${t.tokens.display}`)).page;
  await board.waitForSelector('[data-counter="c1"]');
  await silent.waitForSelector('[data-counter="c1"]');
});
afterAll(async () => {
  clock?.stop();
  await browser?.close();
  await t?.close();
});

const finished = async (page: Page) =>
  ((await announcements(page)) ?? []).filter((a) => a.endedAt !== null);

it('announces two quick calls and a recall one after another, with the right clips', async () => {
  expect(await board.getAttribute('main', 'data-speaks')).toBe('true');
  expect(await silent.getAttribute('main', 'data-speaks')).toBe('false');
  const k = await kiosk(t);
  await k.issue('ho-tich'); // 1001
  await k.issue('dat-dai'); // A001
  const c1 = await clerkAt(t, 1);
  const c2 = await clerkAt(t, 2);

  // The board is busy drawing (as a TV box often is) while the calls arrive back to back.
  void board.evaluate(() => {
    const until = performance.now() + 400;
    while (performance.now() < until);
  });
  await act(c1, 'counter:callNext', {});
  await act(c2, 'counter:callNext', {});
  await act(c1, 'counter:recall', {});

  await expect.poll(async () => (await finished(board)).length, { timeout: 40_000 }).toBe(3);
  const played = (await announcements(board)) as Announcement[];
  expect(played.map((a) => a.clips)).toEqual([CALL_1001_TO_1, CALL_A001_TO_2, CALL_1001_TO_1]);
  expect(played.map((a) => [a.label, a.counterNumber, a.recall])).toEqual([
    ['1001', 1, false],
    ['A001', 2, false],
    ['1001', 1, true],
  ]);
  // Every clip really played to its end in Chromium: no error, no skipped clip.
  expect(played.map((a) => a.error)).toEqual([null, null, null]);
  // Never overlapping: each starts after the previous one ended.
  for (let i = 1; i < played.length; i++)
    expect(played[i]!.startedAt).toBeGreaterThanOrEqual(played[i - 1]!.endedAt!);
  // The clips of one call last about 5 s; an announcement that took far less did not play.
  for (const a of played) expect(a.endedAt! - a.startedAt).toBeGreaterThan(2000);
  console.info(
    `announcements: ${played.map((a) => `${a.label}→${a.counterNumber} ${a.endedAt! - a.startedAt} ms`).join(', ')}`,
  );

  // Only boards whose device speaks play sound.
  expect(await announcements(silent)).toEqual([]);
  expect(await board.$('[data-testid="sound-badge"]')).toBeNull();
  expect(boardErrors).toEqual([]);
}, 90_000);

it('follows the announcement text and repeat count of the configuration', async () => {
  const { config } = t.hub.queue.live;
  const updated = await t.hub.queue.execute(
    {
      type: 'updateConfig',
      config: { ...config, texts: { ...config.texts, announcementRepeat: 2 } },
    },
    { actor: 'test' },
  );
  expect(updated.ok).toBe(true);
  await expect
    .poll(() => board.evaluate(() => document.querySelector('main')?.dataset.status))
    .toBe('online');
  const k = await kiosk(t);
  await k.issue('dat-dai'); // A002
  const c3 = await clerkAt(t, 3);
  await act(c3, 'counter:callNext', {});
  const a002 = async () => ((await announcements(board)) ?? []).find((a) => a.label === 'A002');
  await expect.poll(a002).toBeDefined();
  const sentence = ['moi-cong-dan-co-so-thu-tu', 'chu-a', 'hai', 'den-quay-so', 'ba'];
  expect((await a002())!.clips).toEqual(['chime', ...sentence, 'pause', ...sentence]);
  await t.hub.queue.execute({ type: 'updateConfig', config }, { actor: 'test' });
});

it('shows a small corner badge when the browser blocks sound, the board fully visible; a tap anywhere speaks', async () => {
  // Chromium as a TV browser starts by default: sound only after a user gesture.
  const strict = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=document-user-activation-required'],
  });
  try {
    const page = await strict.newPage({ viewport: { width: 1920, height: 1080 } });
    // Playwright's own page evaluations count as user gestures, so touch nothing until the
    // board has tried to play sound (it fetches the silent clip when it tries).
    const tried = page.waitForRequest(/\/voice\/vi\/pause\.opus$/);
    await page.goto(`${t.url}/display/lobby?token=${t.tokens.lobby}`);
    await tried;
    await expect
      .poll(() => page.textContent('[data-testid="sound-badge"] .sound-badge__text'))
      .toBe('Bấm để bật âm thanh');
    expect(await page.getAttribute('main', 'data-sound')).toBe('blocked');
    // The badge is small and covers no tile: the board stays fully visible, not dimmed.
    const badge = (await page.locator('[data-testid="sound-badge"]').boundingBox())!;
    expect(badge.width * badge.height).toBeLessThan(0.02 * 1920 * 1080);
    const covered = await page.evaluate(
      () =>
        Array.from(
          document.querySelectorAll('[data-counter], .calls, .waiting, .lobby__header'),
        ).filter((el) => {
          const r = el.getBoundingClientRect();
          const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return !el.contains(top);
        }).length,
    );
    expect(covered).toBe(0);
    expect(await page.$('[role="dialog"]')).toBeNull();
    if (process.env.LUOT_SHOTS_DIR) {
      mkdirSync(process.env.LUOT_SHOTS_DIR, { recursive: true });
      await page.screenshot({
        path: join(process.env.LUOT_SHOTS_DIR, 'screens-sound-badge.png'),
      });
    }
    // A tap anywhere on the board (here its header) unlocks the voice.
    await page.mouse.click(300, 40);
    await expect.poll(() => page.$('[data-testid="sound-badge"]')).toBeNull();
    expect(await page.getAttribute('main', 'data-sound')).toBe('on');

    const k = await kiosk(t);
    await k.issue('ho-tich');
    const c1 = await clerkAt(t, 1);
    await act(c1, 'counter:start', {});
    await act(c1, 'counter:callNext', {});
    await expect.poll(async () => (await finished(page)).length, { timeout: 20_000 }).toBe(1);
    expect((await announcements(page))![0]!.error).toBeNull();
  } finally {
    await strict.close();
  }
}, 60_000);
