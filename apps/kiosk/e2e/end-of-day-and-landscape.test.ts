// The kiosk after the day's service, and in landscape, against a real hub (bridge stubbed).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_END_OF_DAY_TEXT } from '@luot/domain';
import { launchChromium, startTestHub, testConfig, type TestHub } from '@luot/hub/testing';
import { demoCentre, openKiosk, startPrinterRig, type PrinterRig } from './kiosk-harness.ts';

/** 17:30 on Monday 2026-11-23 in Asia/Ho_Chi_Minh; the fields' last session ends at 17:00. */
const MONDAY_1730 = Date.parse('2026-11-23T10:30:00Z');
/** 09:00 the same day: every field issues numbers. */
const MONDAY_9AM = Date.parse('2026-11-23T02:00:00Z');
/** Where screenshots go for the lead to look at (not the repository); unset: none. */
const SHOTS = process.env.LUOT_SHOTS_DIR;

let rig: PrinterRig;
let browser: Browser;
const hubs: TestHub[] = [];
const pages: Page[] = [];
beforeAll(async () => {
  rig = await startPrinterRig();
  browser = await launchChromium();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.context().close();
  for (const h of hubs.splice(0)) await h.close();
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

async function hubAt(now: number, config = testConfig(3)): Promise<TestHub> {
  const hub = await startTestHub({
    serveApps: true,
    now,
    config,
    hub: { sessionIdleMs: 24 * 60 * 60_000 },
  });
  hubs.push(hub);
  return hub;
}

async function kioskOn(hub: TestHub, viewport = { width: 1080, height: 1920 }) {
  const opened = await openKiosk(browser, rig, {
    hubUrl: hub.url,
    token: hub.tokens.kiosk!,
    viewport,
  });
  pages.push(opened.page);
  return opened;
}

describe('after the day’s service', () => {
  it('shows the end-of-day screen instead of closed tiles once no counter is open after the last session', async () => {
    const hub = await hubAt(MONDAY_1730);
    // A clerk still at work at 17:30: the fields show, closed, as before.
    const clerk = await hub.login('cb1', 'c1');
    await hub.connectReady(clerk.token);
    const { page, errors } = await kioskOn(hub, { width: 1920, height: 1080 });
    await page.waitForSelector('.field-button[data-state="closed"]');
    expect(await page.getByTestId('end-of-day').count()).toBe(0);

    // The clerk signs out, closing the last counter: the kiosk says service is over.
    const out = await fetch(`${hub.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk.token}` },
    });
    expect(out.status).toBe(200);
    const panel = page.getByTestId('end-of-day');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(DEFAULT_END_OF_DAY_TEXT);
    expect(await page.locator('.field-button').count()).toBe(0);
    // Nothing invites a tap for a number.
    expect(await page.textContent('body')).not.toContain('Chạm vào một lĩnh vực');
    expect((await page.textContent('body'))?.toLowerCase()).not.toContain('bạn');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'endofday-kiosk.png') });
    }
    expect(errors).toEqual([]);
  });
});

describe('in landscape', () => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
    { width: 1080, height: 1920 },
  ])
    it(`keeps every field button, the last one included, inside a ${viewport.width}×${viewport.height} screen`, async () => {
      const hub = await hubAt(MONDAY_9AM, demoCentre());
      const { page, errors } = await kioskOn(hub, viewport);
      await page.waitForSelector('.field-button[data-state="open"]');
      const boxes = await page.$$eval('.field-button', (buttons) =>
        buttons.map((b) => {
          const r = b.getBoundingClientRect();
          // Text spilling out of its button counts as cut off too.
          const spills = Array.from(b.querySelectorAll('span')).some((s) => {
            const t = s.getBoundingClientRect();
            return t.bottom > r.bottom + 1 || t.right > r.right + 1;
          });
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, spills };
        }),
      );
      expect(boxes).toHaveLength(8);
      const last = boxes.at(-1)!;
      expect(last.bottom).toBeLessThanOrEqual(viewport.height);
      expect(last.right).toBeLessThanOrEqual(viewport.width);
      for (const b of boxes) {
        expect(b.top).toBeGreaterThanOrEqual(0);
        expect(b.bottom).toBeLessThanOrEqual(viewport.height);
        // Big enough to hit with a finger.
        expect(b.bottom - b.top).toBeGreaterThanOrEqual(90);
        expect(b.spills).toBe(false);
      }
      // Nothing to scroll to: the page and the field grid show everything.
      expect(await page.$eval('.field-grid', (g) => g.scrollHeight <= g.clientHeight + 1)).toBe(
        true,
      );
      if (SHOTS && viewport.width === 1920) {
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: join(SHOTS, 'endofday-kiosk-landscape.png') });
      }
      expect(errors).toEqual([]);
    });
});
