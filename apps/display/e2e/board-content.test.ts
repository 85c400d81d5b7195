// The lobby board's content zone against a real hub: a playlist uploaded through the media
// routes plays in order beside the calls, gives way to each call, skips a broken file, and
// keeps playing from the worker's cache when the hub is down and the board reloads.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BoardContentConfig, PlaylistItem } from '@luot/domain';
import { mediaPath, type MediaItem } from '@luot/protocol';
import { launchChromium, openPage, startTestHub, type TestHub } from '@luot/hub/testing';
import { act, clerkAt, followRealTime, kiosk, text } from './support.ts';

const SHOTS = process.env.LUOT_SHOTS_DIR;
const OFFLINE = 'Mất kết nối với máy chủ — đang thử lại…';
const VIDEO = readFileSync(new URL('../../hub/testing/fixtures/clip.webm', import.meta.url));

let t: TestHub;
let browser: Browser;
let clock: ReturnType<typeof followRealTime>;
let adminToken: string;
const clerks: Awaited<ReturnType<typeof clerkAt>>[] = [];
beforeAll(async () => {
  t = await startTestHub({ serveApps: true, counters: 12 });
  clock = followRealTime(t);
  browser = await launchChromium();
  adminToken = (await t.login('admin')).token;
  // A busy morning: ten of twelve counters calling, those calls minutes old now.
  const k = await kiosk(t);
  for (let n = 0; n < 14; n++) await k.issue(n % 2 ? 'dat-dai' : 'ho-tich');
  for (let n = 1; n <= 12; n++) clerks.push(await clerkAt(t, n));
  for (const clerk of clerks.slice(0, 10)) await act(clerk, 'counter:callNext', {});
  clock.skip(5 * 60_000);
});
afterAll(async () => {
  clock?.stop();
  await browser?.close();
  await t?.close();
});

/** Uploads a file as the admin app does (`POST /api/admin/media`). */
async function upload(name: string, bytes: Uint8Array): Promise<MediaItem> {
  const res = await fetch(`${t.url}/api/admin/media`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${adminToken}`,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
    },
    body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
  });
  const body = (await res.json()) as { ok: true; data: MediaItem } | { ok: false; error: unknown };
  if (!res.ok || !body.ok) throw new Error(`upload of ${name} refused: ${JSON.stringify(body)}`);
  return body.data;
}

/** A slide as a centre would make one: rendered by Chromium into a PNG. */
async function slide(title: string, lines: string[], colour: string): Promise<Uint8Array> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.setContent(
    `<body style="margin:0;height:720px;display:flex;flex-direction:column;justify-content:center;
      padding:0 80px;box-sizing:border-box;background:${colour};color:#fff;font-family:sans-serif">
      <h1 style="font-size:96px;margin:0 0 40px">${title}</h1>
      ${lines.map((l) => `<p style="font-size:60px;margin:12px 0">${l}</p>`).join('')}</body>`,
  );
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return png;
}

async function setBoard(board: BoardContentConfig) {
  const config = t.hub.queue.live.config;
  await t.hub.queue.execute(
    { type: 'updateConfig', config: { ...config, board } },
    { actor: 'test' },
  );
}

const item = (m: MediaItem, seconds: number): PlaylistItem => ({
  mediaId: m.id,
  kind: m.kind,
  name: m.name,
  seconds,
});

/** Records in the page every item the zone shows, in order (by its media id). */
function recordItems(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { shown: string[] };
    w.shown = [];
    const note = () => {
      const id = document.querySelector('[data-testid="content"]')?.getAttribute('data-item');
      if (id && w.shown.at(-1) !== id) w.shown.push(id);
    };
    note();
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-item'],
      childList: true,
    });
  });
}
const shownItems = (page: Page) =>
  page.evaluate(() => (window as unknown as { shown: string[] }).shown);
const onScreen = (page: Page) => page.getAttribute('[data-testid="content"]', 'data-item');
const video = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('[data-testid="content"] video');
    return v ? { paused: v.paused, time: v.currentTime, muted: v.muted } : null;
  });
const pictureDrawn = (page: Page) =>
  page.evaluate(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="content"] img');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
const mediaCached = (page: Page) =>
  page.evaluate(async () => {
    const cache = await caches.open('luot-media');
    return (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
  });

/**
 * Ticket numbers at least this tall with content beside or below them, 12 counters at 1920×1080
 * (90 px without content; 65 px is about 4.3 cm on a 55″ TV, readable from about 7 m).
 */
const MIN_TICKET_PX = 65;

it('gives the content the bottom of the board, and the calls the whole board with no playlist', async () => {
  const guide = await upload(
    'thu-tuc.png',
    await slide('Thủ tục đăng ký khai sinh', ['Mang theo CCCD', 'Giấy chứng sinh'], '#741b47'),
  );
  await setBoard({ layout: 'bottom', playlist: [item(guide, 10)] });
  const { page, errors } = await openPage(
    browser,
    `${t.url}/display/lobby?token=${t.tokens.display}`,
    { width: 1920, height: 1080 },
  );
  await page.waitForSelector('[data-testid="content"] img');
  await page.evaluate(() => document.fonts.ready);
  expect(await page.getAttribute('main', 'data-layout')).toBe('bottom');
  await expect.poll(() => pictureDrawn(page)).toBe(true);
  const heights = await page.$$eval('.tile__ticket', (els) =>
    els.map((e) => parseFloat(getComputedStyle(e).fontSize)),
  );
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(MIN_TICKET_PX);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'boardzone-bottom.png') });

  await act(clerks[11]!, 'counter:callNext', {});
  await expect
    .poll(() => text(page, '[data-testid="content-call"] .content__call-counter'))
    .toBe('Quầy 12');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'boardzone-bottom-call.png') });

  // An empty playlist: no zone, the calls take the space.
  await setBoard({ layout: 'bottom', playlist: [] });
  await expect.poll(() => page.$('[data-testid="content"]')).toBeNull();
  expect(await page.getAttribute('main', 'data-layout')).toBe('off');
  expect(errors).toEqual([]);
}, 60_000);

it('plays the playlist in order beside the calls, holds it for each call, skips a broken file, keeps it for an offline reboot', async () => {
  const guide = await upload(
    'huong-dan.png',
    await slide('Hướng dẫn nộp hồ sơ', ['1. Lấy số thứ tự', '2. Chờ gọi số'], '#0b5394'),
  );
  const hours = await upload(
    'gio-lam-viec.png',
    await slide('Giờ làm việc', ['Sáng 7:30 – 11:30', 'Chiều 13:30 – 17:00'], '#38761d'),
  );
  const clip = await upload('gioi-thieu.webm', VIDEO);
  // A PNG's signature, then nothing a decoder can read: accepted, but it cannot be shown.
  const broken = await upload(
    'hong.png',
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(7)]),
  );
  expect([guide.kind, clip.kind, broken.kind]).toEqual(['image', 'video', 'image']);
  await setBoard({
    layout: 'side',
    playlist: [item(guide, 3), item(clip, 30), item(broken, 3), item(hours, 3)],
  });

  const { page, errors } = await openPage(
    browser,
    `${t.url}/display/lobby?token=${t.tokens.display}`,
    { width: 1920, height: 1080 },
  );
  await page.waitForSelector('[data-testid="content"]');
  await page.evaluate(() => document.fonts.ready);
  expect(await page.getAttribute('main', 'data-layout')).toBe('side');
  await recordItems(page);

  // The calls stay readable across the lobby beside the content.
  const zone = await page.$eval('[data-testid="content"]', (e) => e.getBoundingClientRect().width);
  expect(zone / 1920).toBeGreaterThan(0.36);
  const heights = await page.$$eval('.tile__ticket', (els) =>
    els.map((e) => parseFloat(getComputedStyle(e).fontSize)),
  );
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(MIN_TICKET_PX);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
    1080,
  );

  // The video comes after the first picture, muted, and plays.
  await expect.poll(() => onScreen(page), { timeout: 10_000 }).toBe(clip.id);
  await expect.poll(async () => (await video(page))?.time ?? 0).toBeGreaterThan(0.5);
  expect((await video(page))?.muted).toBe(true);

  // A call: it is shown over the content, which pauses and steps back.
  await act(clerks[10]!, 'counter:callNext', {});
  await expect
    .poll(() => text(page, '[data-testid="content-call"] .content__call-counter'))
    .toBe('Quầy 11');
  expect(await page.getAttribute('[data-testid="content"]', 'data-held')).toBe('true');
  await expect.poll(async () => (await video(page))?.paused).toBe(true);
  const heldAt = (await video(page))!.time;
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'boardzone-side-call.png') });
  }
  await page.waitForTimeout(1500);
  expect((await video(page))!.time).toBe(heldAt);
  expect(await onScreen(page)).toBe(clip.id);

  // Once the call is no longer new (8 s by the hub's clock) the video goes on where it was.
  await expect
    .poll(() => page.getAttribute('[data-testid="content"]', 'data-held'), { timeout: 15_000 })
    .toBe('false');
  expect(await page.$('[data-testid="content-call"]')).toBeNull();
  await expect.poll(async () => (await video(page))?.time ?? 0).toBeGreaterThan(heldAt + 0.3);

  // It ends, the broken picture is skipped, the last picture shows, and the playlist loops.
  await expect
    .poll(async () => (await shownItems(page)).filter((id) => id !== broken.id), {
      timeout: 20_000,
    })
    .toEqual([guide.id, clip.id, hours.id, guide.id]);
  expect(await pictureDrawn(page)).toBe(true);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'boardzone-side.png') });

  // The worker keeps the playlist's files.
  await expect
    .poll(() => mediaCached(page), { timeout: 10_000 })
    .toEqual([guide.id, hours.id, clip.id, broken.id].map(mediaPath).sort());

  // The broken file leaves the playlist: the worker drops it.
  await setBoard({ layout: 'side', playlist: [item(guide, 3), item(clip, 30), item(hours, 3)] });
  await expect
    .poll(() => mediaCached(page), { timeout: 10_000 })
    .toEqual([guide.id, hours.id, clip.id].map(mediaPath).sort());

  expect(errors).toEqual([]);

  // The hub goes down and the board reboots: the offline screen where the calls were, and the
  // content still plays, from the cache.
  await t.stop();
  const reloadAt = Date.now();
  await page.reload();
  await expect.poll(() => text(page, '[data-testid="screen-status"] h1')).toBe(OFFLINE);
  await recordItems(page);
  await expect
    .poll(async () => (await pictureDrawn(page)) || ((await video(page))?.time ?? 0) > 0)
    .toBe(true);
  console.info(
    `offline reboot: content on screen from the cache ${Date.now() - reloadAt} ms after the reload`,
  );
  await expect
    .poll(async () => await shownItems(page), { timeout: 20_000 })
    .toEqual(expect.arrayContaining([guide.id, clip.id, hours.id]));
  await expect.poll(() => onScreen(page), { timeout: 15_000 }).toBe(clip.id);
  await expect.poll(async () => (await video(page))?.time ?? 0).toBeGreaterThan(0.5);
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'boardzone-offline.png') });
  await expect.poll(() => onScreen(page), { timeout: 10_000 }).toBe(hours.id);
  await expect.poll(() => pictureDrawn(page)).toBe(true);

  // The hub comes back: the live board, still with its content.
  await t.restart();
  await page.waitForSelector('[data-counter="c1"]', { timeout: 15_000 });
  expect(await page.$('[data-testid="content"]')).not.toBeNull();
}, 120_000);
