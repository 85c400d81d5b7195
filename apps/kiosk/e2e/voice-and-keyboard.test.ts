// The kiosk's spoken guidance and keyboard / switch access, against a real hub (bridge stubbed,
// printer emulator). Chromium plays the real clips (autoplay allowed, as in the kiosk window).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startTestHub, type TestHub } from '@luot/hub/testing';
import { modesShown, shot, toggle } from './access-support.ts';
import { openKiosk, startPrinterRig, type PrinterRig } from './kiosk-harness.ts';

let hub: TestHub;
let rig: PrinterRig;
let browser: Browser;
const pages: Page[] = [];
beforeAll(async () => {
  hub = await startTestHub({ serveApps: true, hub: { kioskMinIntervalMs: 2_000 } });
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
});

async function kiosk() {
  const opened = await openKiosk(browser, rig, { hubUrl: hub.url, token: hub.tokens.kiosk! });
  pages.push(opened.page);
  await opened.page.waitForSelector('.field-button[data-state="open"]');
  return opened;
}

interface Said {
  language: string;
  clips: string[];
  completed: boolean;
  stopped: boolean;
  failed: string[];
}
const said = (page: Page) =>
  page.evaluate(() => (window as unknown as { __luotGuidance?: Said[] }).__luotGuidance ?? []);

/** Waits until the kiosk has said `n` prompts and the last one has finished. */
async function saidPrompts(page: Page, n: number): Promise<Said[]> {
  await expect
    .poll(
      async () => {
        const all = await said(page);
        return all.length >= n && (all.at(-1)!.completed || all.at(-1)!.stopped) ? all.length : -1;
      },
      { timeout: 30_000 },
    )
    .toBe(n);
  return said(page);
}

const CHOOSE_VI = 'moi-quy-khach-chon-linh-vuc';

describe('spoken guidance', () => {
  it('says each step of a visit, reads the number, says a refusal, in Vietnamese then English', async () => {
    const { page, errors } = await kiosk();
    // Off by default: silence.
    expect(await said(page)).toEqual([]);

    await toggle(page, 'voice');
    let log = await saidPrompts(page, 1);
    await shot(page, 'access-voice');
    expect(log[0]).toMatchObject({ language: 'vi', clips: [CHOOSE_VI], completed: true });

    hub.clock.advance(3_000);
    await page.click('[data-field="ho-tich"]');
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="printed"]');
    const label = await page.getByTestId('issued-label').textContent();
    expect(label).toBe('1001');
    log = await saidPrompts(page, 2);
    // "Mời quý khách nhận phiếu. Số thứ tự của quý khách là một nghìn không trăm linh một."
    expect(log[1]!.clips).toEqual([
      'moi-quy-khach-nhan-phieu',
      'so-thu-tu-cua-quy-khach-la',
      'mot-nang',
      'nghin',
      'khong',
      'tram',
      'linh',
      'mot-nang',
    ]);
    // Every clip was found and played to its end in Chromium.
    expect(log.map((s) => s.failed)).toEqual([[], []]);
    expect(log[1]!.completed).toBe(true);

    // The printed screen goes back by itself (8 s): the visit ends, guidance goes off with the
    // other choices, and the start is silent.
    await page.waitForSelector('[data-screen="home"]', { timeout: 20_000 });
    expect((await modesShown(page)).pressed).toEqual([]);
    expect(await said(page)).toHaveLength(2);

    // The next citizen: English and spoken guidance; the hub refuses (a number 0 s ago).
    await toggle(page, 'language');
    await toggle(page, 'voice');
    log = await saidPrompts(page, 3);
    expect(log[2]).toMatchObject({ language: 'en', clips: ['please-choose-a-service'] });
    await page.click('[data-field="dat-dai"]');
    await page.getByTestId('take-number').click();
    await page.waitForSelector('[data-screen="not-issued"]');
    log = await saidPrompts(page, 4);
    expect(log[3]).toMatchObject({
      language: 'en',
      clips: ['no-number-was-issued-please-read-the-message-on-the-screen'],
      completed: true,
      failed: [],
    });

    // Back at the start (after 10 s) the choice prompt again; turning guidance off is silence.
    await page.waitForSelector('[data-screen="home"]', { timeout: 20_000 });
    log = await saidPrompts(page, 5);
    expect(log[4]!.clips).toEqual(['please-choose-a-service']);
    await toggle(page, 'voice');
    expect(await said(page)).toHaveLength(5);
    expect(errors).toEqual([]);
  }, 90_000);
});

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return {
      what: el.dataset.field ?? el.dataset.access ?? el.dataset.testid ?? el.className,
      outline: `${s.outlineStyle} ${s.outlineWidth}`,
    };
  });

describe('keyboard and switch access', () => {
  it('takes a number with the keyboard alone: Tab and arrows to move, Enter and Space to act', async () => {
    const { page, errors } = await kiosk();
    const before = Object.values(hub.hub.queue.live.tickets).length;
    hub.clock.advance(3_000);

    // Tab starts at the first field (the hidden settings corner is not in the order).
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first?.what).toBe('dat-dai');
    // A clearly visible ring.
    expect(first?.outline).toBe('solid 6px');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page))?.what).toBe('ho-tich');
    // Up from the first control wraps to the last: the bar's language button.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page))?.what).toBe('language');
    // Shift+Tab goes back through the bar.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page))?.what).toBe('voice');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    expect((await modesShown(page)).pressed).toEqual(['high-contrast']);
    await shot(page, 'access-keyboard-focus');

    // Right from the bar wraps to the fields; the confirm screen puts focus on "Lấy số".
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect((await focused(page))?.what).toBe('dat-dai');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page))?.what).toBe('ho-tich');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen="confirm"]');
    expect((await focused(page))?.what).toBe('take-number');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen="printed"]');
    const issued = Object.values(hub.hub.queue.live.tickets);
    expect(issued).toHaveLength(before + 1);
    expect(await page.getByTestId('issued-label').textContent()).toBe(issued.at(-1)!.label);

    // Focus moves to "Xong" once it is armed; Enter ends the visit.
    await page.waitForSelector('.done-button:not([disabled])');
    await expect.poll(async () => (await focused(page))?.what).toContain('done-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen="home"]');
    expect((await modesShown(page)).pressed).toEqual([]);
    expect(errors).toEqual([]);
  });
});
