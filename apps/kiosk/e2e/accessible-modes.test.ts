// The kiosk's accessible modes against a real hub (bridge stubbed, printer emulator): large
// text, high contrast, English, and every choice gone for the next citizen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES_EN } from '@luot/protocol';
import { launchChromium, startTestHub, type TestHub } from '@luot/hub/testing';
import {
  fieldBoxes,
  lineHeightOf,
  modesShown,
  shot,
  textContrasts,
  toggle,
} from './access-support.ts';
import { demoCentre, openKiosk, startPrinterRig, type PrinterRig } from './kiosk-harness.ts';

let hub: TestHub;
let demo: TestHub;
let rig: PrinterRig;
let browser: Browser;
const pages: Page[] = [];
beforeAll(async () => {
  // The hub's real limit of a number every 2 s per kiosk, for a refusal to read in English.
  hub = await startTestHub({ serveApps: true, hub: { kioskMinIntervalMs: 2_000 } });
  demo = await startTestHub({ serveApps: true, config: demoCentre() });
  rig = await startPrinterRig();
  browser = await launchChromium();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.context().close();
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
  await hub?.close();
  await demo?.close();
});

async function kiosk(
  h: TestHub,
  viewport = { width: 1080, height: 1920 },
  options: { clock?: boolean } = {},
) {
  const opened = await openKiosk(browser, rig, {
    hubUrl: h.url,
    token: h.tokens.kiosk!,
    viewport,
    ...options,
  });
  pages.push(opened.page);
  await opened.page.waitForSelector('.field-button[data-state="open"]');
  return opened;
}

/** The hub lets a kiosk issue once every 2 s: move its clock past that before each number. */
const nextIssue = (h: TestHub) => h.clock.advance(3_000);
const tickets = (h: TestHub) => Object.values(h.hub.queue.live.tickets);

/** The screen's first and last pieces lie whole between the header and the accessibility bar. */
async function expectBetweenHeaderAndBar(page: Page, first: string, last: string) {
  const box = (selector: string) =>
    page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
  const header = await box('.kiosk-header');
  const bar = await box('[data-testid="access-bar"]');
  expect((await box(first)).top).toBeGreaterThanOrEqual(header.bottom);
  expect((await box(last)).bottom).toBeLessThanOrEqual(bar.top);
}

describe('large text', () => {
  for (const viewport of [
    { width: 1080, height: 1920 },
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
  ])
    it(`draws text and targets 1.4× and keeps all eight fields reachable on ${viewport.width}×${viewport.height}, then issues`, async () => {
      const { page, errors } = await kiosk(demo, viewport);
      const normalLine = await lineHeightOf(page, '.home-title');
      const normalTake = await page.$eval('.field-button', (b) => b.getBoundingClientRect().height);
      await toggle(page, 'large-text');
      expect((await modesShown(page)).pressed).toEqual(['large-text']);
      const ratio = (await lineHeightOf(page, '.home-title')) / normalLine;
      expect(ratio).toBeGreaterThan(1.35);
      expect(ratio).toBeLessThan(1.45);

      // A page at a time: three fields and a tile to the next page, each whole on screen.
      const seen = new Set<string>();
      for (let p = 0; p < 3; p++) {
        const boxes = await fieldBoxes(page);
        // 3 + 3 + 2 fields, each page with the tile to the next.
        expect(boxes).toHaveLength(p < 2 ? 4 : 3);
        for (const b of boxes) {
          expect(b.top).toBeGreaterThanOrEqual(0);
          expect(b.bottom).toBeLessThanOrEqual(viewport.height);
          expect(b.right).toBeLessThanOrEqual(viewport.width);
          expect(b.spills).toBe(false);
          // Targets grow: never smaller than before, and 1.4× the smallest field button (90 px).
          expect(b.height).toBeGreaterThanOrEqual(Math.min(normalTake, 126));
          if (b.field) seen.add(b.field);
        }
        expect(await page.$eval('.field-grid', (g) => g.scrollHeight <= g.clientHeight + 1)).toBe(
          true,
        );
        if (p === 0) await shot(page, `access-large-${viewport.width}x${viewport.height}`);
        await page.getByTestId('more-fields').click();
      }
      expect(seen.size).toBe(8);
      // After the last page, the first again.
      expect(await page.getAttribute('.field-grid', 'data-page')).toBe('1');

      nextIssue(demo);
      const field = (await fieldBoxes(page))[0]!.field!;
      await page.click(`[data-field="${field}"]`);
      await shot(page, `access-large-confirm-${viewport.width}x${viewport.height}`);
      await expectBetweenHeaderAndBar(page, '.confirm-heading', '.back-button');
      await page.getByTestId('take-number').click();
      await page.waitForSelector('[data-screen="printed"]');
      const label = await page.getByTestId('issued-label').textContent();
      expect(tickets(demo).some((t) => t.label === label && t.fieldId === field)).toBe(true);
      await expectBetweenHeaderAndBar(page, '.result-title', '.done-button');
      await shot(page, `access-large-printed-${viewport.width}x${viewport.height}`);
      expect(errors).toEqual([]);
    });
});

describe('high contrast', () => {
  it('shows every text at 7:1 or more on the start, confirm and result screens, with a yellow focus ring', async () => {
    const { page, errors } = await kiosk(hub);
    const before = await textContrasts(page);
    await toggle(page, 'high-contrast');
    const screens: [string, () => Promise<unknown>][] = [
      ['start', async () => undefined],
      ['confirm', () => page.click('[data-field="ho-tich"]')],
      [
        'printed',
        async () => {
          nextIssue(hub);
          await page.getByTestId('take-number').click();
          await page.waitForSelector('[data-screen="printed"]');
        },
      ],
    ];
    for (const [name, reach] of screens) {
      await reach();
      const found = await textContrasts(page);
      expect(found.length).toBeGreaterThan(3);
      expect(found.filter((f) => f.ratio < 7)).toEqual([]);
      console.info(`high contrast, ${name}: lowest ${found[0]!.ratio}:1 (“${found[0]!.text}”)`);
      await shot(page, `access-contrast-${name}`);
    }
    console.info(`normal colours, start: lowest ${before[0]!.ratio}:1 (“${before[0]!.text}”)`);

    // The focus ring, reached by keyboard: thick, yellow, on black.
    // (The printed screen goes back by itself, and the visit's choices with it.)
    await page.waitForSelector('[data-screen="home"]', { timeout: 20_000 });
    await toggle(page, 'high-contrast');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor };
    });
    expect(ring).toEqual({ style: 'solid', width: '8px', color: 'rgb(255, 255, 0)' });
    await shot(page, 'access-contrast-focus');
    expect(errors).toEqual([]);
  });
});

describe('English and the next citizen', () => {
  it('speaks English through a visit and an English refusal; each visit starts again in Vietnamese', async () => {
    const { page, errors } = await kiosk(hub, undefined, { clock: true });
    await toggle(page, 'language');
    expect(await modesShown(page)).toEqual({ lang: 'en', pressed: [] });
    expect(await page.textContent('.home-title')).toBe('Please choose the service you need');
    // Field names come from the site's configuration, as written.
    expect(await page.textContent('[data-field="ho-tich"] .field-name')).toBe('Tư pháp – Hộ tịch');
    await shot(page, 'access-english');
    await page.click('[data-field="ho-tich"]');
    expect(await page.textContent('[data-testid="take-number"]')).toBe('Take a number');
    nextIssue(hub);
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="printed"]');
    expect(await page.textContent('[data-screen="printed"] h1')).toBe('Please take your ticket');
    expect(await page.textContent('body')).toContain('Your number');

    // The printed screen goes back by itself after 8 s: the choices are gone.
    await page.clock.fastForward(9_000);
    await page.waitForSelector('[data-screen="home"]');
    expect(await modesShown(page)).toEqual({ lang: 'vi', pressed: [] });
    expect(await page.textContent('.home-title')).toBe(
      'Mời quý khách chọn lĩnh vực cần giải quyết',
    );

    // The next citizen chooses English and large text; the hub refuses (a number 0 s ago).
    await toggle(page, 'language');
    await toggle(page, 'large-text');
    await page.click('[data-field="dat-dai"]');
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="not-issued"]');
    expect(await page.textContent('[data-screen="not-issued"] h1')).toBe('No number was issued');
    expect(await page.getByTestId('not-issued-reason').textContent()).toBe(
      ERROR_MESSAGES_EN.RATE_LIMITED,
    );
    await shot(page, 'access-english-refused');

    // A refusal keeps the choices (the citizen may try again); walking away resets them.
    await page.clock.fastForward(11_000);
    await page.waitForSelector('[data-screen="home"]');
    expect(await modesShown(page)).toEqual({ lang: 'en', pressed: ['large-text'] });
    await page.clock.fastForward(61_000);
    await page.waitForSelector('[data-screen="idle"]');
    expect(await modesShown(page)).toEqual({ lang: 'vi', pressed: [] });
    await shot(page, 'access-idle');
    expect(errors).toEqual([]);
  });
});
